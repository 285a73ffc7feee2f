import { describe, expect, it } from 'vitest';
import {
  afterFailure,
  backoffMs,
  dueHeads,
  isRetryable,
  MAX_INTERNAL_FAILURES,
  MAX_RETRY_AFTER_MS,
  queueHeads,
  retryAfterOf,
  type OutboxEntryLike,
} from './outboxPolicy';

const e = (id: number, conversationId: string, extra: Partial<OutboxEntryLike> = {}): OutboxEntryLike => ({
  id,
  conversationId,
  state: 'queued',
  attempts: 0,
  nextAttemptAt: 0,
  ...extra,
});

describe('queueHeads', () => {
  it('takes the oldest entry of each conversation, whatever order they are read in', () => {
    const heads = queueHeads([e(5, 'b'), e(3, 'a'), e(1, 'a'), e(4, 'b')]);
    expect(heads.map((h) => h.id).sort()).toEqual([1, 4]);
  });

  it('never offers a later entry while an earlier one of the same conversation waits for backoff', () => {
    const { due, wakeAt } = dueHeads([e(1, 'a', { nextAttemptAt: 5000 }), e(2, 'a')], 1000);
    expect(due).toEqual([]);
    expect(wakeAt).toBe(5000);
  });

  it('skips failed entries so one rejected message does not block the conversation', () => {
    const heads = queueHeads([e(1, 'a', { state: 'failed' }), e(2, 'a')]);
    expect(heads.map((h) => h.id)).toEqual([2]);
  });

  it('sends one head per conversation in parallel across conversations', () => {
    const { due, wakeAt } = dueHeads(
      [e(1, 'a'), e(2, 'b'), e(3, 'a'), e(4, 'c', { nextAttemptAt: 9000 })],
      1000,
    );
    expect(due.map((d) => d.id)).toEqual([1, 2]);
    expect(wakeAt).toBe(9000);
  });
});

describe('backoff', () => {
  it('doubles from 1 s and caps at 60 s, with at most 20 % jitter', () => {
    expect(backoffMs(1, () => 0)).toBe(1000);
    expect(backoffMs(2, () => 0)).toBe(2000);
    expect(backoffMs(4, () => 0)).toBe(8000);
    expect(backoffMs(30, () => 0)).toBe(60_000);
    expect(backoffMs(30, () => 0.999)).toBeLessThanOrEqual(72_000);
    expect(backoffMs(3, () => 0.5)).toBe(4400);
  });
});

describe('afterFailure', () => {
  it('retries timeouts with backoff', () => {
    const next = afterFailure(e(1, 'a', { attempts: 1 }), 'timeout', 10_000, () => 0);
    expect(next).toMatchObject({ state: 'queued', attempts: 2, nextAttemptAt: 12_000 });
  });

  it('retries at once after reconnecting when the failure was being offline', () => {
    expect(afterFailure(e(1, 'a'), 'offline', 10_000)).toMatchObject({
      state: 'queued',
      nextAttemptAt: 10_000,
    });
  });

  it('waits exactly as long as the server says after rate_limited, without counting an attempt', () => {
    const next = afterFailure(e(1, 'a', { attempts: 3 }), 'rate_limited', 10_000, () => 0.5, 1_250);
    expect(next).toMatchObject({ state: 'queued', attempts: 3, nextAttemptAt: 11_250 });
    // Without the server's word, rate_limited backs off like any retryable failure.
    expect(afterFailure(e(1, 'a'), 'rate_limited', 10_000, () => 0)).toMatchObject({
      attempts: 1,
      nextAttemptAt: 11_000,
    });
    // A server's wrong figure (a week) parks the message for at most an hour.
    const week = 7 * 24 * 3_600_000;
    expect(afterFailure(e(1, 'a'), 'rate_limited', 10_000, () => 0, week).nextAttemptAt).toBe(
      10_000 + MAX_RETRY_AFTER_MS,
    );
  });

  it('marks blocked and too_large as failed for the user to retry', () => {
    expect(afterFailure(e(1, 'a'), 'blocked', 0).state).toBe('failed');
    expect(afterFailure(e(1, 'a'), 'too_large', 0).state).toBe('failed');
    expect(isRetryable('bad_request')).toBe(false);
    expect(isRetryable('rate_limited')).toBe(true);
  });
});

describe('an entry the server keeps failing on (internal)', () => {
  it('is retried with backoff, then shown as failed after the third internal answer; it stays in the outbox', () => {
    expect(MAX_INTERNAL_FAILURES).toBe(3);
    let entry = e(1, 'a');
    const states: string[] = [];
    for (let i = 0; i < 3; i++) {
      entry = afterFailure(entry, 'internal', 10_000, () => 0);
      states.push(entry.state);
    }
    expect(states).toEqual(['queued', 'queued', 'failed']);
    expect(entry).toMatchObject({ id: 1, conversationId: 'a', attempts: 3, internalFailures: 3 });
    // A failed entry no longer holds its conversation's queue, and is never sent by itself.
    expect(queueHeads([entry, e(2, 'a')]).map((h) => h.id)).toEqual([2]);
    expect(dueHeads([entry], Number.MAX_SAFE_INTEGER).due).toEqual([]);
  });

  it('counts internal answers only: timeouts and being offline between them do not fail the entry', () => {
    let entry = e(1, 'a');
    for (const code of ['internal', 'timeout', 'offline', 'internal', 'timeout'] as const)
      entry = afterFailure(entry, code, 0, () => 0);
    expect(entry).toMatchObject({ state: 'queued', internalFailures: 2 });
    expect(afterFailure(entry, 'internal', 0).state).toBe('failed');
  });

  it('a retry by the user (internalFailures back to 0) gets three more tries', () => {
    const retried = e(1, 'a', { internalFailures: 0, attempts: 0 });
    expect(afterFailure(retried, 'internal', 0).state).toBe('queued');
  });
});

describe('retryAfterOf', () => {
  it("reads the server's retryAfterMs from a failure's details, and nothing else", () => {
    expect(retryAfterOf({ retryAfterMs: 1500 })).toBe(1500);
    expect(retryAfterOf({ retryAfterMs: -1 })).toBeUndefined();
    expect(retryAfterOf({ retryAfterMs: '1500' })).toBeUndefined();
    expect(retryAfterOf({ issues: [] })).toBeUndefined();
    expect(retryAfterOf(undefined)).toBeUndefined();
  });
});
