import { describe, expect, it } from 'vitest';
import type { ContactGroup, GroupListResponse } from '../../../../shared/protocol';
import { fail, ok, type ErrorCode, type Failure, type Result } from '../../../../shared/result';
import {
  applyEditToPlacements,
  failureAction,
  mergeGroupList,
  placementsTouched,
  replayQueue,
  type EditQueue,
  type PlacementLike,
} from './groupQueue';
import type { GroupEdit, GroupEditRow } from '../../db/rows/contacts';

const NOW = Date.parse('2026-03-11T10:00:00Z');

/** The queue in memory: what the loop acked, refused and deferred. */
function queueOf(edits: GroupEdit[]): {
  queue: EditQueue;
  rows: GroupEditRow[];
  acked: GroupEditRow[];
  refused: { row: GroupEditRow; failure: Failure }[];
} {
  const rows: GroupEditRow[] = edits.map((edit, i) => ({
    id: i + 1,
    edit,
    baseVersion: 7,
    createdAt: '2026-03-11T09:00:00Z',
  }));
  const acked: GroupEditRow[] = [];
  const refused: { row: GroupEditRow; failure: Failure }[] = [];
  const remove = (row: GroupEditRow): void => {
    rows.splice(
      rows.findIndex((r) => r.id === row.id),
      1,
    );
  };
  const queue: EditQueue = {
    head: () => Promise.resolve(rows[0]),
    acked: (row) => {
      acked.push(row);
      remove(row);
      return Promise.resolve();
    },
    refused: (row, failure) => {
      refused.push({ row, failure });
      remove(row);
      return Promise.resolve();
    },
    deferred: (row, patch) => {
      Object.assign(rows.find((r) => r.id === row.id) ?? {}, patch);
      return Promise.resolve();
    },
  };
  return { queue, rows, acked, refused };
}

/** A fake requester answering each send from a script, recording what was sent. */
function scripted(answers: Result<unknown>[]): {
  send: (row: GroupEditRow) => Promise<Result<unknown>>;
  sent: GroupEdit[];
} {
  const sent: GroupEdit[] = [];
  return {
    sent,
    send: (row) => {
      sent.push(row.edit);
      const next = answers.shift();
      if (!next) throw new Error('unexpected send');
      return Promise.resolve(next);
    },
  };
}

const rename: GroupEdit = { kind: 'rename', id: 'sup', name: 'Factories' };
const move: GroupEdit = { kind: 'move', memberIds: ['li'], groupId: 'sup' };
const note: GroupEdit = { kind: 'note', memberId: 'li', note: 'MOQ 300', baseNote: '' };

describe('failureAction', () => {
  it('drops only what can never succeed; offline waits for the connection; the rest retries', () => {
    const drop: ErrorCode[] = ['not_found', 'bad_request', 'too_large', 'forbidden'];
    const retry: ErrorCode[] = ['internal', 'unauthenticated', 'unsupported', 'timeout', 'rate_limited'];
    for (const c of drop) expect(failureAction(c)).toBe('drop');
    for (const c of retry) expect(failureAction(c)).toBe('retry');
    expect(failureAction('offline')).toBe('stop');
  });
});

describe('replayQueue', () => {
  it('sends every edit in order and acks each', async () => {
    const { queue, rows, acked } = queueOf([rename, move, note]);
    const r = scripted([ok({}), ok({}), ok({})]);
    expect(await replayQueue(queue, r.send, () => NOW)).toEqual({
      sent: 3,
      refused: 0,
      stopped: false,
      retryAt: null,
    });
    expect(r.sent).toEqual([rename, move, note]);
    expect(acked.map((a) => a.id)).toEqual([1, 2, 3]);
    expect(rows).toEqual([]);
  });

  it('keeps an edit the server failed on for now (internal) at the head, with backoff, and stops', async () => {
    const { queue, rows } = queueOf([rename, move]);
    const r = scripted([fail('internal', 'boom')]);
    const out = await replayQueue(
      queue,
      r.send,
      () => NOW,
      () => 0,
    );
    expect(out).toEqual({ sent: 0, refused: 0, stopped: true, retryAt: NOW + 1000 });
    expect(rows.map((x) => x.edit)).toEqual([rename, move]);
    expect(rows[0]).toMatchObject({ attempts: 1, nextAttemptAt: NOW + 1000, lastError: 'internal' });
    // Before the backoff ends nothing is sent; the next failures wait longer.
    expect(await replayQueue(queue, scripted([]).send, () => NOW + 500)).toMatchObject({
      stopped: true,
      retryAt: NOW + 1000,
    });
    const again = scripted([fail('unauthenticated', 'later')]);
    expect(
      (
        await replayQueue(
          queue,
          again.send,
          () => NOW + 1000,
          () => 0,
        )
      ).retryAt,
    ).toBe(NOW + 1000 + 2000);
    expect(rows[0]).toMatchObject({ attempts: 2, lastError: 'unauthenticated' });
    // Once it goes through, the rest follows in order.
    const later = scripted([ok({}), ok({})]);
    expect(await replayQueue(queue, later.send, () => NOW + 5000)).toMatchObject({ sent: 2, stopped: false });
    expect(later.sent).toEqual([rename, move]);
  });

  it('unsupported and rate_limited keep the edit too; offline stops without counting an attempt', async () => {
    for (const code of ['unsupported', 'rate_limited'] as const) {
      const { queue, rows } = queueOf([note]);
      await replayQueue(queue, scripted([fail(code, 'no')]).send, () => NOW);
      expect(rows).toHaveLength(1);
    }
    const { queue, rows } = queueOf([note]);
    expect(await replayQueue(queue, scripted([fail('offline', 'no connection')]).send, () => NOW)).toEqual({
      sent: 0,
      refused: 0,
      stopped: true,
      retryAt: null,
    });
    expect(rows[0]?.attempts).toBeUndefined();
  });

  it('drops an edit refused for good, reports it, and goes on with the next', async () => {
    const { queue, rows, refused, acked } = queueOf([rename, move, note]);
    const r = scripted([fail('not_found', 'There is no such group.'), fail('too_large', 'long'), ok({})]);
    expect(await replayQueue(queue, r.send, () => NOW)).toEqual({
      sent: 1,
      refused: 2,
      stopped: false,
      retryAt: null,
    });
    expect(refused.map((x) => [x.row.edit.kind, x.failure.code])).toEqual([
      ['rename', 'not_found'],
      ['move', 'too_large'],
    ]);
    expect(acked.map((a) => a.edit)).toEqual([note]);
    expect(rows).toEqual([]);
  });
});

const group = (
  id: string,
  name: string,
  position: number,
  version: number,
  extra: Partial<ContactGroup> = {},
): ContactGroup => ({
  id,
  name,
  position,
  collapsed: false,
  deleted: false,
  version,
  updatedAt: '2026-03-11T09:00:00Z',
  ...extra,
});
const placed = (
  memberId: string,
  groupId: string | null,
  extra: Partial<PlacementLike> = {},
): PlacementLike => ({
  memberId,
  groupId,
  pinned: false,
  note: '',
  ...extra,
});

describe('mergeGroupList', () => {
  const state = {
    groups: [group('sup', 'Suppliers', 0, 3), group('log', 'Logistics', 1, 4)],
    placements: [placed('li', 'sup'), placed('maria', 'log', { note: 'old' })],
    version: 4,
  };

  it('a full list replaces the groups and sets the version; a delta updates and only moves forward', () => {
    const full: GroupListResponse = { version: 9, groups: [group('sup', 'Factories', 0, 9)], contacts: [] };
    const a = mergeGroupList(state, full, true, [], 'now');
    expect(a.groups.map((g) => g.name)).toEqual(['Factories']);
    expect(a.version).toBe(9);
    const delta: GroupListResponse = {
      version: 3,
      groups: [group('log', 'Freight', 1, 3)],
      contacts: [{ memberId: 'maria', groupId: null, pinned: true, note: 'from A', version: 3 }],
    };
    const b = mergeGroupList(state, delta, false, [], 'now');
    expect(b.groups.map((g) => g.name)).toEqual(['Suppliers', 'Freight']);
    expect(b.placements).toEqual([
      placed('li', 'sup'),
      placed('maria', null, { pinned: true, note: 'from A' }),
    ]);
    expect(b.version).toBe(4);
  });

  it('queued edits stay applied on top of the server state, in order', () => {
    const list: GroupListResponse = {
      version: 10,
      groups: [group('sup', 'Suppliers', 0, 10), group('log', 'Logistics', 1, 4)],
      contacts: [{ memberId: 'li', groupId: 'sup', pinned: false, note: 'server text', version: 10 }],
    };
    const queued: GroupEdit[] = [
      { kind: 'create', id: 'new', name: 'Samples' },
      { kind: 'move', memberIds: ['li'], groupId: 'new' },
      { kind: 'rename', id: 'sup', name: 'Factories' },
      { kind: 'note', memberId: 'li', note: 'my text', baseNote: '' },
      { kind: 'delete', id: 'log' },
    ];
    const m = mergeGroupList(state, list, true, queued, '2026-03-11T10:00:00Z');
    expect(m.groups.map((g) => [g.id, g.name, g.deleted])).toEqual([
      ['sup', 'Factories', false],
      ['log', 'Logistics', true],
      ['new', 'Samples', false],
    ]);
    expect(m.placements).toEqual([
      placed('li', 'new', { note: 'my text' }),
      placed('maria', null, { note: 'old' }),
    ]);
    expect(m.version).toBe(10);
  });
});

describe('placementsTouched', () => {
  const delta = (memberIds: string[]): GroupListResponse => ({
    version: 5,
    groups: [],
    contacts: memberIds.map((memberId) => ({ memberId, groupId: null, pinned: false, note: '', version: 5 })),
  });

  it('an empty delta with nothing queued touches no contact (a reconnect reads none of them)', () => {
    expect(placementsTouched(delta([]), false, [])).toEqual(new Set());
  });

  it('a delta touches the contacts it names and those the queued edits name', () => {
    const queued: GroupEdit[] = [
      { kind: 'move', memberIds: ['li', 'wu'], groupId: 'sup' },
      { kind: 'pin', memberId: 'ana', pinned: true },
      { kind: 'note', memberId: 'ion', note: 'x' },
      { kind: 'rename', id: 'sup', name: 'Factories' },
    ];
    expect(placementsTouched(delta(['maria']), false, queued)).toEqual(
      new Set(['maria', 'li', 'wu', 'ana', 'ion']),
    );
  });

  it('a full list or a queued group delete needs every contact', () => {
    expect(placementsTouched(delta([]), true, [])).toBeNull();
    expect(placementsTouched(delta(['li']), false, [{ kind: 'delete', id: 'sup' }])).toBeNull();
  });
});

describe('applyEditToPlacements', () => {
  it('moves, pins and notes only the named contacts; a deleted group sends its contacts to Unsorted', () => {
    const ps = [placed('li', 'sup'), placed('chen', 'sup'), placed('maria', 'log')];
    expect(applyEditToPlacements(ps, { kind: 'pin', memberId: 'chen', pinned: true })[1]).toEqual(
      placed('chen', 'sup', { pinned: true }),
    );
    expect(applyEditToPlacements(ps, { kind: 'delete', id: 'sup' }).map((p) => p.groupId)).toEqual([
      null,
      null,
      'log',
    ]);
    expect(applyEditToPlacements(ps, { kind: 'rename', id: 'sup', name: 'x' })).toEqual(ps);
  });
});
