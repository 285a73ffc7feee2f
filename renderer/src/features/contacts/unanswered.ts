/**
 * The Unanswered queue (issue 11): conversations whose last message is from the other side, the
 * longest waiting first — the queue a seller works through each morning — and how long each has
 * waited, in all and within my own business hours. Pure: no database, no React (the contact tree
 * and whatever virtualises it consume it; unanswered.test.ts checks it).
 */
import type { BusinessHours } from '../../../../shared/protocol';
import { businessTimeBetween, hasAnyHours } from '../../../../shared/domain/businessHours';

/** What the queue needs to know about a row of the conversation list. */
export interface QueueItem {
  memberId: string;
  /** Who wrote the newest message (the conversation row keeps it), null when nobody wrote. */
  lastSender: string | null;
  /** When that sender's trailing run of messages began (ISO). */
  lastRunSince: string | null;
  /** A blocked person waits on nobody. */
  contact: { blocked: boolean } | null;
}

/** Whether the conversation waits on me: someone else wrote last, and is not blocked. */
export function waitsOnMe(item: QueueItem, me: string): boolean {
  return (
    item.lastSender !== null &&
    item.lastSender !== me &&
    item.lastRunSince !== null &&
    !(item.contact?.blocked ?? false)
  );
}

/** The conversations waiting on me, the one waiting longest first (ties by member id). */
export function unansweredQueue<T extends QueueItem>(items: readonly T[], me: string): T[] {
  return items
    .filter((i) => waitsOnMe(i, me))
    .sort(
      (a, b) =>
        Date.parse(a.lastRunSince ?? '') - Date.parse(b.lastRunSince ?? '') ||
        a.memberId.localeCompare(b.memberId),
    );
}

/** My published hours, to count the wait in working time. */
export interface MyHours {
  hours?: BusinessHours;
  timeZone: string;
}

export interface Waited {
  /** Since their first unanswered message. */
  totalMs: number;
  /** The part of it inside my business hours; null when I publish none. */
  workingMs: number | null;
}

/** How long a conversation has waited at `now`. */
export function waited(since: string, now: number, mine?: MyHours): Waited {
  const from = Date.parse(since);
  const totalMs = Math.max(0, now - from);
  const hours = mine?.hours;
  const workingMs =
    hours && hasAnyHours(hours) ? businessTimeBetween(hours, mine.timeZone, from, Math.max(from, now)) : null;
  return { totalMs, workingMs };
}
