/**
 * Presence (docs/protocol.md § Presence): which users are connected and how available they
 * are, told to their contacts and only to them.
 *
 * - Every bound socket is a device with a setting (online/away/busy/invisible); the state
 *   contacts see is `mergePresence` of all devices (shared/domain/presence.ts).
 * - When the merged state leaves "visible" for offline (last device gone, or "appear offline")
 *   the time is stored as last seen.
 * - A viewer sees a user's presence and last seen only if the viewer lists them as a contact,
 *   is not blocked by them, and the user's presence visibility lets the viewer in (`everyone`;
 *   `contacts`: the user lists the viewer too; never `nobody`) — `presenceVisibleTo`; anyone
 *   else — a stranger, a pending request, a blocked user — sees offline with no last seen, in
 *   acks, lists and cards alike. Only those watchers get `presence:changed`.
 * - Devices of a crashed node (Redis) are removed by `sweep()` like disconnects.
 */
import type { Presence, PresenceSetting, PresenceState } from '../../../../shared/protocol';
import { mergePresence, wentOffline } from '../../../../shared/domain/presence';
import { isPresent } from '../../../../shared/domain/awayReply';
import type { Queryable } from '../../platform/db/store';
import { toIsoOrNull } from '../../platform/db/store';
import type { PresenceHub } from '../../platform/context';
import type { Logger } from '../../platform/logger';
import { presenceVisibleTo, presenceWatchers } from '../contacts';
import type { PresenceStore, PresenceTransition } from './store';

export type PresenceEmitter = (memberIds: readonly string[], presence: Presence) => void;

export class PresenceService implements PresenceHub {
  private sweeping: Promise<number> | null = null;

  constructor(
    private readonly store: PresenceStore,
    private readonly db: Queryable,
    private readonly emit: PresenceEmitter,
    private readonly now: () => Date,
    private readonly logger: Logger,
  ) {}

  /**
   * A socket of the user came (with the setting of its handshake) or changed its setting.
   * Returns the merged presence.
   */
  async setDevice(memberId: string, socketId: string, setting: PresenceSetting): Promise<Presence> {
    return this.apply(memberId, await this.store.update(memberId, socketId, setting));
  }

  /** A socket of the user went away. */
  async removeDevice(memberId: string, socketId: string): Promise<Presence> {
    return this.apply(memberId, await this.store.update(memberId, socketId, null));
  }

  /**
   * Removes the devices of nodes that died (Redis mode), each exactly like a disconnect: last
   * seen stored and contacts told when it was the user's last visible device. Returns how many
   * it found (another node sweeping at the same time may have removed some first: each device
   * is announced once). Calls while a sweep runs share it.
   */
  sweep(): Promise<number> {
    this.sweeping ??= this.sweepOnce().finally(() => {
      this.sweeping = null;
    });
    return this.sweeping;
  }

  private async sweepOnce(): Promise<number> {
    const orphans = await this.store.orphans();
    for (const o of orphans) await this.apply(o.memberId, await this.store.removeOrphan(o));
    if (orphans.length > 0)
      this.logger.info('removed devices of a stopped node', { devices: orphans.length });
    return orphans.length;
  }

  /** Sweeps every `everyMs` until the returned disposer runs; the disposer waits for a sweep in flight. */
  startSweeping(everyMs: number): () => Promise<void> {
    const timer = setInterval(() => {
      this.sweep().catch((err: unknown) => this.logger.error('presence sweep failed', { err }));
    }, everyMs);
    timer.unref();
    return async () => {
      clearInterval(timer);
      await this.sweeping?.catch(() => undefined);
    };
  }

  private async apply(memberId: string, { before, after }: PresenceTransition): Promise<Presence> {
    const prev = mergePresence(before);
    const next = mergePresence(after);
    let lastSeen: string | null = null;
    // Between present (online, busy) and away (away, offline): the start or end of an away period
    // (the away auto-reply answers once per period, shared/domain/awayReply.ts).
    const awayChanged = isPresent(prev) !== isPresent(next);
    if (wentOffline(prev, next)) {
      const at = this.now();
      await this.db.query(
        `update users set last_seen_at = $2,
           presence_changed_at = case when $3::boolean then $2 else presence_changed_at end
         where member_id = $1`,
        [memberId, at, awayChanged],
      );
      lastSeen = at.toISOString();
    } else {
      if (awayChanged)
        await this.db.query('update users set presence_changed_at = $2 where member_id = $1', [
          memberId,
          this.now(),
        ]);
      if (next === 'offline') lastSeen = await this.lastSeen(memberId);
    }
    const presence: Presence = { memberId, state: next, lastSeen };
    if (prev !== next) await this.announce(presence);
    return presence;
  }

  /**
   * Presence of `memberIds` as `viewer` may see it: the real state only for users the viewer
   * lists as contacts and who have not blocked the viewer; offline without last seen for all others.
   */
  async visibleTo(viewer: string, memberIds: readonly string[]): Promise<Map<string, Presence>> {
    const allowed = await presenceVisibleTo(this.db, viewer, memberIds);
    const visible = memberIds.filter((id) => allowed.has(id));
    const states = await Promise.all(visible.map(async (id) => mergePresence(await this.store.devices(id))));
    // One query for the last seen of everyone offline, not one per contact.
    const offlineIds = visible.filter((_, i) => states[i] === 'offline');
    const rows =
      offlineIds.length === 0
        ? []
        : await this.db.query<{ member_id: string; last_seen_at: Date | string | null }>(
            'select member_id, last_seen_at from users where member_id = any($1::text[])',
            [offlineIds],
          );
    const lastSeen = new Map(rows.map((r) => [r.member_id, toIsoOrNull(r.last_seen_at)]));
    const out = new Map<string, Presence>();
    for (const id of memberIds) if (!allowed.has(id)) out.set(id, offline(id));
    visible.forEach((id, i) => {
      const state = states[i] ?? 'offline';
      out.set(id, { memberId: id, state, lastSeen: state === 'offline' ? (lastSeen.get(id) ?? null) : null });
    });
    return out;
  }

  /**
   * Tells `viewer` the presence they may now see of `memberId` (after a block or unblock),
   * provided the viewer lists `memberId` as a contact: strangers are never told.
   */
  async tellIfWatching(viewer: string, memberId: string): Promise<void> {
    const rows = await this.db.query(
      'select 1 from contacts where owner_id = $1 and contact_id = $2 and listed',
      [viewer, memberId],
    );
    if (rows.length === 0) return;
    const p = (await this.visibleTo(viewer, [memberId])).get(memberId) ?? offline(memberId);
    this.emit([viewer], p);
  }

  /**
   * Tells everyone who lists `memberId` as a contact the presence they may see now, after
   * `memberId` changed who may see it (`presenceVisibility`): the real presence to those now
   * allowed, offline without last seen to the others.
   */
  async retell(memberId: string): Promise<void> {
    const rows = await this.db.query<{ owner_id: string }>(
      'select owner_id from contacts where contact_id = $1 and listed',
      [memberId],
    );
    if (rows.length === 0) return;
    const watchers = new Set(await presenceWatchers(this.db, memberId));
    const see = rows.map((r) => r.owner_id).filter((id) => watchers.has(id));
    const hidden = rows.map((r) => r.owner_id).filter((id) => !watchers.has(id));
    if (see.length > 0) {
      const state = mergePresence(await this.store.devices(memberId));
      this.emit(see, {
        memberId,
        state,
        lastSeen: state === 'offline' ? await this.lastSeen(memberId) : null,
      });
    }
    if (hidden.length > 0) this.emit(hidden, offline(memberId));
  }

  async stateOf(memberId: string): Promise<PresenceState> {
    return mergePresence(await this.store.devices(memberId));
  }

  private async announce(presence: Presence): Promise<void> {
    try {
      const watchers = await presenceWatchers(this.db, presence.memberId);
      if (watchers.length > 0) this.emit(watchers, presence);
    } catch (err) {
      this.logger.error('presence announce failed', { memberId: presence.memberId, err });
    }
  }

  private async lastSeen(memberId: string): Promise<string | null> {
    const rows = await this.db.query<{ last_seen_at: Date | string | null }>(
      'select last_seen_at from users where member_id = $1',
      [memberId],
    );
    return toIsoOrNull(rows[0]?.last_seen_at ?? null);
  }
}

function offline(memberId: string): Presence {
  return { memberId, state: 'offline' satisfies PresenceState, lastSeen: null };
}
