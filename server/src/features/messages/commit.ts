/**
 * Group commit of `message:send` (docs/protocol.md § Messages): sends that arrive together — in
 * one event-loop turn, or while the previous commit is in flight — are stored in one transaction
 * of four statements, however many there are:
 *
 * 1. create the conversations that do not exist yet (only between existing members who have not
 *    blocked each other) and lock every conversation row of the batch, in id order;
 * 2. per message, under those locks: the stored message with the same (conversation, sender,
 *    client id) if any, whether the recipient exists, and the blocks either way;
 * 3. one multi-row insert of the new messages (`insert … select … from unnest(…)`) and one update
 *    of each conversation's last seq and chain head;
 * 4. commit.
 *
 * Statements 1 and 2 go to the store as one batch, 3 with the commit (`Transaction.commitWith`).
 * On PGlite, whose engine runs on a thread of its own that serves one request at a time, the node
 * is the store's only writer, and a group commit is two short transactions instead
 * (`commitSingleWriter`): the same reads without row locks, then the new conversations and
 * statement 3 — two requests to that thread, which is free for others while this one signs.
 * Most often it is ONE request (`MessageCommitter.commitCached`): the only writer keeps the heads
 * of the conversations it wrote (`HeadCache`), decides, hashes and signs from them, and writes
 * with one statement (`WRITE_CHECKED`) that makes statement 2's checks (the stored client id by
 * the unique index it would violate) and checks each head is unchanged, writing nothing otherwise
 * — then the batch takes the two transactions above. While that one request is in PGlite's
 * thread, the next batch is decided on the heads it writes and its request queued behind it
 * (`SINGLE_WRITER_PIPELINE`).
 *
 * In between, in JavaScript: consecutive seqs per conversation in arrival order, the hash chain,
 * and ONE node:crypto signature for the transaction's new messages — of their hash when there is
 * one, else of the root of a Merkle tree over their hashes (platform/signing/batch.ts,
 * docs/evidence.md § Batch signatures): the write stores those hashes once, as the batch's leaves
 * (migration 711), and each message its place; nothing of it is sent, and `evidence:attest`
 * makes each message's inclusion proof from them for an export (proofs.ts). Each sender is
 * answered for its own message: a duplicate (also within one batch) gets the stored message, a
 * refused one its own error, and neither affects its batch-mates. Should the batch's transaction
 * fail, every message in it is tried again alone, so one bad message cannot fail the others.
 *
 * On PostgreSQL too, a batch whose conversations this node wrote last is written from the cached
 * heads when it starts while no other commit of the node is in flight (the everyday load: a few
 * sends at a time) or beside such writes only: `WRITE_CHECKED_LOCKING` alone, in autocommit
 * (`Store.writeAlone`: one round trip and the commit, instead of five round trips). That statement
 * first locks the batch's conversation rows in id order and checks the heads under those locks: a
 * head another node moved — committed before, or while the statement waited for the row — fails
 * the check, and nothing is written. The batch then takes the locking path below, which reads the
 * new heads (and caches them). Such writes of different conversations run at once (as many as the
 * pipeline allows, on the store's two connections for them); a send of a conversation being
 * written waits in the queue until that batch is over, its fallback included (`takeBeside`), so
 * seqs follow arrival order.
 *
 * The row locks make this correct across nodes: a batch on another node that touches the same
 * conversation waits for this one's commit, then reads the new last seq and chain head. On
 * PostgreSQL the same holds within a node: on the locking path the next batch starts as soon as
 * this one holds its locks (`TRADEWIND_COMMIT_PIPELINE`, 2 by default), so its statements run while
 * this commit waits for the disk, and a conversation in both waits for this commit — seqs follow
 * arrival order. (Only when a batch fails as a whole and its sends are retried one by one may a
 * later batch's message of the same conversation be stored before them.)
 */
import { AppError } from '../../../../shared/result';
import type {
  AttachmentRef,
  AutomaticReply,
  Message,
  MessageChange,
  OrderRef,
  ReplyTo,
} from '../../../../shared/protocol';
import type { RecipientFacts } from '../../platform/context';
import { chainHash, genesisHash } from '../../platform/signing/chain';
import {
  isUniqueViolation,
  statement,
  toIso,
  type Statement,
  type Store,
  type Transaction,
} from '../../platform/db/store';
import { signBatch } from '../../platform/signing/batch';
import type { BytesSigner } from '../../platform/signing/sign';
import { toMessage, type MessageRow } from './rows';

/** A send that passed validation and the attachment check, waiting for its commit. */
export interface PendingSend {
  conversationId: string;
  /** The conversation's two members, in id order (member_a, member_b). */
  members: readonly [string, string];
  sender: string;
  to: string;
  clientId: string;
  text: string;
  lang: string | null;
  translation: { text: string; lang: string } | null;
  attachments: AttachmentRef[];
  order: OrderRef | null;
  /** An edit or retraction of the sender's earlier message; null for an ordinary message. */
  change: MessageChange | null;
  /** How long after the original an edit or retraction is accepted (the operator's setting). */
  changeWindowMs: number;
  /** The earlier message of the conversation this one replies to; null when it replies to nothing. */
  replyTo: ReplyTo | null;
  /** Set when the server sends this for `sender` (an away auto-reply, features/desk); null otherwise. */
  automatic?: AutomaticReply | null;
  /** When the server accepted the send (the message's `sentAt`). */
  at: Date;
}

export interface SendResult {
  message: Message;
  duplicate: boolean;
  /**
   * For a message stored by this send (not a duplicate): what the commit's check read about the
   * recipient under the conversation's lock, so that what runs after the send need not ask again.
   */
  recipient?: RecipientFacts;
}

type Outcome = { ok: true; value: SendResult } | { ok: false; error: unknown };

interface Queued {
  send: PendingSend;
  resolve: (r: SendResult) => void;
  reject: (e: unknown) => void;
  /** `performance.now()` when queued; only while tracing (`commitTrace`). */
  queuedAt?: number;
}

/**
 * Where a send's time goes inside the group commit, in ms per stage: queued → commit started →
 * reads answered → decided (hashed and signed) → written (ack due). Off unless the process starts
 * with `TRADEWIND_COMMIT_TRACE=1` (a diagnostic for bench/messaging.ts, whose probe reads and resets
 * it through `Symbol.for('tradewind.commitTrace')`); otherwise nothing is stamped.
 */
export interface CommitTrace {
  /** One row per committed send: [waited, read, decided, written, batch size]. */
  rows: number[][];
}
const trace: CommitTrace | null = process.env.TRADEWIND_COMMIT_TRACE === '1' ? { rows: [] } : null;
if (trace) (globalThis as Record<symbol, unknown>)[Symbol.for('tradewind.commitTrace')] = trace;
/** Stage times of the batch being committed (`stamp`): start, read, decided, written. */
type Stamps = number[];
const stamp = (s: Stamps | undefined): void => {
  if (s) s.push(performance.now());
};

/**
 * How a group commit was written (`MessageCommitter`'s `onCommit`, the `path` label of /metrics'
 * group-commit histogram): `cached`, one statement from cached heads; `fell_back`, tried so and
 * written nothing (a head another writer moved, a check that failed, a resend; on PostgreSQL also
 * an error of that statement), then answered by the path below; `locking`, PostgreSQL's
 * transaction under row locks; `read`, a single writer's read-then-write; `alone`, one send of a
 * failed batch, tried again by itself.
 */
export type CommitPath = 'cached' | 'fell_back' | 'locking' | 'read' | 'alone';

/** The most sends in one transaction (bounds statement size: ~4 KB of text each at most). */
export const MAX_BATCH = 256;

/**
 * A single writer's pipeline (PGlite): one commit from cached heads running in the store's
 * thread, the next one decided and its write queued behind it (`MessageCommitter.commitCached`).
 */
export const SINGLE_WRITER_PIPELINE = 2;

export interface CommitStats {
  /**
   * Transactions committed, and the sends they answered (for the mean batch size): a batch retried
   * alone counts each send's own transaction that committed.
   */
  batches: number;
  sends: number;
  /**
   * Batches that failed as a whole and were retried one message at a time (a single writer's batch
   * of one too, when its write collided with another writer's).
   */
  retriedAlone: number;
  /** Batches started while an earlier one was still committing (the pipeline at work). */
  pipelined: number;
  /** Batches written in one statement from cached heads (`commitCached`). */
  fast: number;
  /** Of those tried so, the batches whose write found an assumption wrong and wrote nothing. */
  fellBack: number;
}

/** How a `MessageCommitter` commits (a node's: `nodeCommitterOptions`). */
export interface CommitterOptions {
  /** Told the size of every committed transaction and its path (the group-commit histogram of /metrics). */
  onCommit?: (size: number, path: CommitPath) => void;
  /**
   * How many group commits may be in flight at once (`TRADEWIND_COMMIT_PIPELINE`). With 2, the
   * next batch starts as soon as the previous one holds its conversations' locks, so its
   * statements run while the previous commit waits for the disk; a conversation in both waits
   * for the first commit (the row lock), so seqs still follow arrival order. A single writer
   * (below) pipelines only its one-request commits from cached heads (`commitCached`): the next
   * batch is decided on the heads the one in flight is writing, and its write queued behind it.
   * One of several writers (`optimistic`) writes from cached heads a batch that starts alone or
   * beside other such writes only, of conversations none of them writes: up to `pipeline` of
   * those statements are in flight at once (the store runs two at a time: `Store.writeAlone`),
   * and a send of a conversation being written waits in the queue until that batch is over. The
   * pipeline also serves the locking path. Default 1.
   */
  pipeline?: number;
  /**
   * This committer is the store's only writer of messages and conversation heads, one commit at
   * a time (PGlite: one process, one session, a pipeline of 1). Then a group commit reads in one
   * short transaction and writes in another (`commitSingleWriter`), and the store is free for
   * other statements while this thread hashes and signs in between.
   */
  singleWriter?: boolean;
  /**
   * One of several writers (PostgreSQL) that still keeps the heads of the conversations it
   * wrote: a batch that starts alone — no other commit of this node in flight — or beside such
   * writes only, and whose conversations' heads are all cached, is written in ONE statement from
   * them (`commitCached`, `Store.writeAlone`: one round trip instead of five), the write verifying
   * each head; a head another node moved since costs that batch one statement that writes
   * nothing, then the locking path, which reads the new heads.
   */
  optimistic?: boolean;
}

/**
 * How a node commits on a store of `kind` (service.ts; the bench's skeleton and floors run the
 * same): PGlite's node is its only writer; a PostgreSQL node is one of several writers that writes
 * from the heads it cached, `pipeline` (`TRADEWIND_COMMIT_PIPELINE`) group commits in flight.
 */
export function nodeCommitterOptions(kind: Store['kind'], pipeline: number): CommitterOptions {
  return kind === 'postgres'
    ? { pipeline, optimistic: true }
    : { pipeline: SINGLE_WRITER_PIPELINE, singleWriter: true };
}

export class MessageCommitter {
  private readonly queue: Queued[] = [];
  private scheduled = false;
  /** The group commits started and not yet settled. */
  private readonly inFlight = new Set<Promise<void>>();
  /**
   * The group commit that has not yet let the next one start, if any: on the locking path until it
   * holds its conversations' locks, from cached heads until its write is sent (`locked`).
   */
  private locking: object | null = null;
  /**
   * One of several writers' (`optimistic`) group commits writing from cached heads, with their
   * conversations, from the moment the write is sent until the commit is over (its fallback
   * included): no send of those conversations starts before, so seqs follow arrival order.
   */
  private readonly writing = new Map<object, ReadonlySet<string>>();
  readonly stats: CommitStats = { batches: 0, sends: 0, retriedAlone: 0, pipelined: 0, fast: 0, fellBack: 0 };
  /** The heads of the conversations this committer last wrote or read (`commitCached`); null when it keeps none. */
  private readonly heads: HeadCache | null;
  /**
   * A single writer's batches on the read path (`commitSingleWriter`, also when retried alone),
   * started and not yet over: while there is one, no batch is written from cached heads.
   */
  private reading = 0;

  private readonly onCommit: (size: number, path: CommitPath) => void;
  private readonly pipeline: number;
  private readonly singleWriter: boolean;
  private readonly optimistic: boolean;

  constructor(
    private readonly db: Store,
    private readonly sign: BytesSigner,
    /** Names the key `sign` signs with (stored with each message). */
    readonly keyId: string,
    { onCommit = () => {}, pipeline = 1, singleWriter = false, optimistic = false }: CommitterOptions = {},
  ) {
    this.onCommit = onCommit;
    // A single writer's pipeline rests on its store answering requests in the order asked:
    // PGlite's thread does, a pool's connections do not (a test or bench may build one on PostgreSQL).
    this.pipeline = singleWriter && db.kind !== 'pglite' ? 1 : pipeline;
    this.singleWriter = singleWriter;
    this.optimistic = optimistic && !singleWriter;
    this.heads = singleWriter || optimistic ? new HeadCache(HEAD_CACHE_SIZE) : null;
  }

  /** Queues a send for the next group commit; resolves with its stored (or already stored) message. */
  send(send: PendingSend): Promise<SendResult> {
    return new Promise((resolve, reject) => {
      this.queue.push(
        trace ? { send, resolve, reject, queuedAt: performance.now() } : { send, resolve, reject },
      );
      // A send of a conversation being written from cached heads waits for that batch, whose end
      // pumps again: no scan of the queue for it now (a backlog behind a hot conversation would be
      // scanned whole at every send).
      if (this.scheduled || !this.canStart() || this.beingWritten(send.conversationId)) return;
      // Wait for the rest of this event-loop turn: sends read from the same socket chunks join.
      this.scheduled = true;
      setImmediate(() => {
        this.scheduled = false;
        this.pump();
      });
    });
  }

  /** Resolves once every queued send is settled. */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0 || this.scheduled || this.queue.length > 0) {
      if (this.inFlight.size > 0) await Promise.all(this.inFlight);
      else await new Promise((r) => setImmediate(r));
    }
  }

  private canStart(): boolean {
    return this.locking === null && this.inFlight.size < this.pipeline;
  }

  /** Starts group commits while there are sends and room in the pipeline. */
  private pump(): void {
    while (this.queue.length > 0 && this.canStart()) {
      const batch = this.writing.size > 0 ? this.takeBeside() : this.queue.splice(0, MAX_BATCH);
      // Every send queued is of a conversation being written from cached heads: it waits for that.
      if (batch.length === 0) return;
      const alone = this.inFlight.size === 0;
      // One of several writers may write from cached heads beside other such writes only (their
      // conversations are not in this batch: `takeBeside`), not beside the locking path.
      const cached = alone || (this.optimistic && this.writing.size === this.inFlight.size);
      if (!alone) this.stats.pipelined += 1;
      const token = {};
      this.locking = token;
      const locked = (writes?: Iterable<string>): void => {
        if (writes) this.writing.set(token, new Set(writes));
        if (this.locking !== token) return;
        this.locking = null;
        this.pump();
      };
      // A single writer's batch reads and falls back only after the commits in flight are over.
      const before = this.inFlight.size > 0 ? Promise.all(this.inFlight) : Promise.resolve();
      // In flight before it starts: a commit from cached heads calls `locked` before its first
      // await, and the batch that starts then must count this one (the pipeline's bound) and wait
      // for it before any read of its own.
      let settled!: () => void;
      const flight = new Promise<void>((r) => (settled = r));
      this.inFlight.add(flight);
      void this.commit(batch, locked, before, cached).finally(() => {
        this.inFlight.delete(flight);
        this.writing.delete(token);
        if (this.locking === token) this.locking = null;
        try {
          this.pump();
        } finally {
          settled();
        }
      });
    }
  }

  /** Whether a write from cached heads in flight writes conversation `id` (`writing`). */
  private beingWritten(id: string): boolean {
    for (const w of this.writing.values()) if (w.has(id)) return true;
    return false;
  }

  /**
   * The queued sends, up to `MAX_BATCH`, of conversations that no write from cached heads in
   * flight writes (`writing`), in arrival order; the others stay queued, in theirs.
   */
  private takeBeside(): Queued[] {
    const batch: Queued[] = [];
    const rest: Queued[] = [];
    for (const q of this.queue)
      (batch.length < MAX_BATCH && !this.beingWritten(q.send.conversationId) ? batch : rest).push(q);
    // Not `splice(0, n, ...rest)`: a backlog of 200,000 sends as arguments overflows the stack.
    this.queue.length = 0;
    for (const q of rest) this.queue.push(q);
    return batch;
  }

  /**
   * One group commit of `batch`; never rejects: each send is settled with its own outcome.
   * `cached`: it may be written from cached heads (it starts alone, or beside such writes only).
   */
  private async commit(
    batch: Queued[],
    locked: (writes?: Iterable<string>) => void,
    before: Promise<unknown>,
    cached: boolean,
  ): Promise<void> {
    let outcomes: Outcome[];
    const stamps: Stamps | undefined = trace ? [performance.now()] : undefined;
    const heads = this.heads ?? undefined;
    try {
      const sends = batch.map((q) => q.send);
      const path: { taken: CommitPath } = { taken: this.singleWriter ? 'read' : 'locking' };
      outcomes =
        heads && (this.singleWriter || cached)
          ? await this.commitCached(heads, sends, stamps, locked, before, path)
          : await this.db.transaction((tx) =>
              commitBatch(tx, sends, this.sign, this.keyId, locked, stamps, heads),
            );
      this.committed(batch.length, path.taken);
    } catch (err) {
      // A batch of one is tried again only when the single writer's write collided with another
      // writer's (a unique violation: `commitSingleWriter`): alone, it reads the new heads.
      if (batch.length === 1 && !(this.singleWriter && isUniqueViolation(err)))
        outcomes = [{ ok: false, error: err }];
      else {
        this.stats.retriedAlone += 1;
        outcomes = [];
        await this.onReadPath(before, async () => {
          for (const q of batch) {
            try {
              const [one] = this.singleWriter
                ? await commitSingleWriter(this.db, [q.send], this.sign, this.keyId, heads)
                : await this.db.transaction((tx) =>
                    commitBatch(tx, [q.send], this.sign, this.keyId, undefined, undefined, heads),
                  );
              this.committed(1, 'alone');
              outcomes.push(one!);
            } catch (e) {
              outcomes.push({ ok: false, error: e });
            }
          }
        });
      }
    }
    if (trace && stamps?.length === 4) {
      const [start, read, decided, written] = stamps as [number, number, number, number];
      for (const q of batch)
        trace.rows.push([start - q.queuedAt!, read - start, decided - read, written - decided, batch.length]);
    }
    batch.forEach((q, i) => {
      const o = outcomes[i]!;
      if (o.ok) q.resolve(o.value);
      else q.reject(o.error);
    });
  }

  /**
   * A group commit from cached heads: ONE statement when every conversation of the batch has its
   * head cached and no send edits or retracts (`WRITE_CHECKED`: the writes, and the checks of the
   * read path done by the write itself, which writes nothing when one fails); otherwise — and
   * after such a failure, for the same batch, which then answers duplicates and refusals as it
   * always has — a single writer's read-then-write path (`commitSingleWriter`), or one of several
   * writers' locking path (`commitBatch`).
   *
   * A single writer's, pipelined (a `pipeline` of 2): once its write is sent, the cache holds the
   * heads it writes and `locked` lets the next batch start, decide on those heads and send its
   * write, which PGlite's thread runs after this one (it serves requests in order). Should this
   * write fail or write nothing, the next one, which assumed its heads, finds them unchanged in the
   * store and writes nothing either; every read path and fallback waits for the commits in flight
   * before it (`before`), so it reads what they left, in arrival order — and while one is under
   * way (`reading`), no later batch is written from cached heads ahead of it.
   *
   * One of several writers': once its write is sent, `locked` names its conversations, and the
   * next batch starts beside it with the sends of others only (`takeBeside`). Its fallback does
   * not wait for `before`: no send of its conversations has started since, and the row locks
   * order it after any other node's.
   */
  private async commitCached(
    cache: HeadCache,
    sends: readonly PendingSend[],
    stamps: Stamps | undefined,
    locked: (writes?: Iterable<string>) => void,
    before: Promise<unknown>,
    path: { taken: CommitPath },
  ): Promise<Outcome[]> {
    // Not while an earlier batch is on the read path: the heads it reads and writes come after
    // this batch's arrival, and a batch that fell back behind it may not have read yet (the
    // cache then holds heads it is about to move: this batch would overtake it).
    const fast = this.reading === 0 && sends.every((s) => s.change === null) ? cache.headsOf(sends) : null;
    if (fast) {
      const was = new Map([...fast.values()].map((h) => [h.id, { ...h }]));
      stamp(stamps);
      const { outcomes, rows } = decide(sends, fast, assumedChecks(sends), [], this.sign);
      // A refusal decided on cached heads (a reply to a seq beyond the head) is not verified by a
      // write: the read path decides it (it may also be a resend, a duplicate).
      if (outcomes.every((o) => o.ok)) {
        stamp(stamps);
        this.stats.fast += 1;
        let answer: CheckedRow[] = [];
        try {
          const written = this.db.writeAlone(
            checkedWriteStatement(rows, sends, fast, was, this.keyId, !this.singleWriter),
          );
          for (const h of fast.values()) cache.set(h);
          // A single writer's write is sent (`writeAlone`), and its thread serves requests in
          // order: the next batch may be decided on these heads and queued behind it. Several
          // writers' statements go on connections of their own, in any order: the next batch may
          // start beside this one with the sends of other conversations (`takeBeside`); a send
          // of these waits until this batch is over, its fallback included.
          locked(this.singleWriter ? undefined : fast.keys());
          answer = await written;
        } catch (err) {
          // A unique violation is a client id already stored (a resend whose ack was lost: the
          // write does not look for it, the unique index finds it) or, should something else have
          // written in between, a seq: the read path decides the batch, as after a failed check.
          // A single writer's other failures (a text PostgreSQL refuses) fail the batch as the read
          // path's write would: `commit` tries each send again alone, on the read path. One of
          // several writers takes the locking path after any failure (its own connections may be
          // refused, dropped, or its statement chosen as a deadlock's victim): the statement wrote
          // nothing, and that path reads the heads as they are.
          if (this.singleWriter && !isUniqueViolation(err)) {
            for (const id of fast.keys()) cache.delete(id);
            throw err;
          }
        }
        if (answer.length === rows.length && answer.every((r) => r.ok)) {
          stamp(stamps);
          // The recipient's facts as the write read them, in row order.
          let k = 0;
          for (const o of outcomes)
            if (o.ok && !o.value.duplicate) {
              const r = answer[k++]!;
              o.value.recipient = { requestToSender: r.request_to_sender, autoReplyOn: r.auto_reply_on };
            }
          path.taken = 'cached';
          return outcomes;
        }
        this.stats.fellBack += 1;
        path.taken = 'fell_back';
      }
      for (const id of fast.keys()) cache.delete(id);
      stamps?.splice(1);
    }
    if (!this.singleWriter)
      return this.db.transaction((tx) =>
        commitBatch(tx, sends, this.sign, this.keyId, locked, stamps, cache),
      );
    return this.onReadPath(before, () =>
      commitSingleWriter(this.db, sends, this.sign, this.keyId, cache, stamps),
    );
  }

  /** Counts a committed transaction of `size` sends: the stats and the group-commit histogram. */
  private committed(size: number, path: CommitPath): void {
    this.stats.batches += 1;
    this.stats.sends += size;
    this.onCommit(size, path);
  }

  /**
   * Runs `read` — a batch on the read path, or retried alone — after the commits in flight before
   * it (`before`), counted in `reading` from now until it is over.
   */
  private async onReadPath<T>(before: Promise<unknown>, read: () => Promise<T>): Promise<T> {
    this.reading += 1;
    try {
      await before;
      return await read();
    } finally {
      this.reading -= 1;
    }
  }
}

/** How many conversations' heads a committer keeps (`HeadCache`): ~200 bytes each. */
export const HEAD_CACHE_SIZE = 10_000;

/**
 * A committer's last known head of the conversations it most recently wrote or read under lock
 * (last seq, chain head), least recently used first. A single writer's (PGlite) is right unless
 * something else wrote; one of several writers' (PostgreSQL) is right until another node writes
 * the conversation. Never trusted: `WRITE_CHECKED` writes only when every head is still what it
 * holds, so a head moved by anything else (another node, `appendHistory`, an operator's seeding)
 * costs one statement that writes nothing, then the path that reads it afresh. Filled only from
 * heads read or written by a committed transaction (or read under its locks).
 */
export class HeadCache {
  private readonly map = new Map<string, ConversationHead>();
  constructor(private readonly max: number) {}

  /** Copies of the heads of `sends`' conversations, or null unless all are cached. */
  headsOf(sends: readonly PendingSend[]): Map<string, ConversationHead> | null {
    const out = new Map<string, ConversationHead>();
    for (const s of sends) {
      if (out.has(s.conversationId)) continue;
      const h = this.map.get(s.conversationId);
      if (!h) return null;
      out.set(h.id, { ...h });
    }
    return out;
  }

  set(head: ConversationHead): void {
    this.map.delete(head.id);
    this.map.set(head.id, { id: head.id, last_seq: head.last_seq, head_hash: head.head_hash });
    if (this.map.size > this.max) this.map.delete(this.map.keys().next().value!);
  }

  delete(id: string): void {
    this.map.delete(id);
  }

  get size(): number {
    return this.map.size;
  }
}

interface ConversationHead {
  id: string;
  last_seq: number;
  head_hash: string;
}

/**
 * Statement 1: creates missing conversations (members exist, no block either way) and locks all,
 * in id order. Every lookup is a primary-key scalar subquery; existing conversations are not
 * even tried (a conflicting insert costs a speculative insertion each). `missing` is materialised
 * so that the existence check runs first and alone: inlined, the planner orders the five checks
 * by cost and ran the two users and two contacts lookups for every conversation of the batch,
 * almost always existing ones (issue 9: a quarter of the statement's time on PGlite).
 */
export const LOCK_CONVERSATIONS = `
with missing as materialized (
  select w.id, w.a, w.b, w.genesis
  from unnest($1::text[], $2::text[], $3::text[], $4::text[]) as w(id, a, b, genesis)
  where (select true from conversations where id = w.id) is null
), created as (
  insert into conversations (id, member_a, member_b, last_seq, head_hash, created_at)
  select w.id, w.a, w.b, 0, w.genesis, $5::timestamptz
  from missing w
  where (select true from users where member_id = w.a)
    and (select true from users where member_id = w.b)
    and not coalesce((select blocked from contacts where owner_id = w.a and contact_id = w.b), false)
    and not coalesce((select blocked from contacts where owner_id = w.b and contact_id = w.a), false)
  order by w.id
  on conflict (id) do nothing
  returning id, last_seq, head_hash
), locked as (
  select id, last_seq, head_hash from conversations where id = any($1::text[]) order by id for update
)
select id, last_seq, head_hash from created
union all
select id, last_seq, head_hash from locked`;

/**
 * Statement 2, under the locks: per send (by position), the duplicate if stored (without its batch
 * columns: a message is answered without a proof), and the checks.
 * Correlated scalar subqueries, so each is a primary-key or unique-index lookup per send: a join
 * or `exists` lets the planner hash the whole messages or users table instead. The duplicate is
 * looked up by the send's identity as one array, which only its unique index matches (migration
 * 712: through the primary key, a plan made on a young table read the whole conversation). The
 * last two are for what runs after the send (`RecipientFacts`): two primary-key lookups here
 * instead of a statement of their own (and, on PGlite, a crossing to its thread) after every send.
 */
export const CHECK_SENDS = `
select t.i::int as i,
  coalesce((select true from users where member_id = t.recipient), false) as recipient_exists,
  coalesce((select blocked from contacts where owner_id = t.recipient and contact_id = t.sender), false)
    as blocked_by_recipient,
  coalesce((select blocked from contacts where owner_id = t.sender and contact_id = t.recipient), false)
    as blocks_recipient,
  (select to_jsonb(m) - '{proof,batch_id,batch_index}'::text[] from messages m
   where array[m.conversation_id, m.sender, m.client_id] = array[t.conversation_id, t.sender, t.client_id]) as stored,
  (select state from contact_requests where from_id = t.recipient and to_id = t.sender) as request_to_sender,
  coalesce((select enabled from auto_replies where member_id = t.recipient), false) as auto_reply_on
from unnest($1::text[], $2::text[], $3::text[], $4::text[]) with ordinality as t(conversation_id, sender, client_id, recipient, i)`;

/**
 * The insert of statement 3 and of `WRITE_CHECKED`: one message per row `r` of the jsonb array
 * `$1` (`rowsTable`'s columns, in order), signed with key `$2`, in the batch the statement's CTE
 * `batch` wrote (`insertBatch`: none for one message). Each statement adds its own `from`.
 */
const INSERT_ROWS = `insert into messages (conversation_id, seq, sender, client_id, text, lang, translation, attachments,
                        order_ref, sent_at, prev_hash, hash, signature, key_id, change_kind, change_seq,
                        reply_seq, automatic, batch_id, batch_index)
  select r->>0, (r->>1)::int, r->>2, r->>3, r->>4, r->>5, nullif(r->6, 'null'), r->7, nullif(r->8, 'null'),
         r->>9, r->>10, r->>11, r->>12, $2, r->>13, (r->>14)::int, (r->>15)::int,
         nullif(r->16, 'null'), (select id from batch), (r->>17)::int`;

/**
 * The batch row of a group commit of several messages (migration 711): its leaves, the chain
 * hashes it signed in order (`$n`, a jsonb array; null when the commit has one message, which
 * gets no batch), written once; each message refers to it with its place (`INSERT_ROWS`).
 */
const insertBatch = (leaves: string, when = 'true') => `batch as (
  insert into message_batches (leaves) select ${leaves}::jsonb where ${leaves}::jsonb is not null and ${when}
  returning id
)`;

/**
 * Statement 3: the new messages in one insert, and each conversation's new head (`id = any(…)`
 * makes that a primary-key lookup rather than a hash join over the whole table). The messages
 * come as ONE jsonb parameter, an array of rows (`writeStatement` builds it with one
 * `JSON.stringify`), instead of 17 arrays: the driver no longer escapes ~17 strings per message
 * one by one (pg's `prepareValue`), and on PGlite one string crosses to its thread instead of
 * 17 arrays of small strings (structured clone) that its thread then writes out as array literals.
 * The jsonb columns (translation, attachments, order, automatic) are taken as they are (`r->n`; a
 * JSON null is stored as SQL null). With several messages the batch's leaves are `$6`
 * (`insertBatch`).
 */
export const WRITE_MESSAGES = `
with ${insertBatch('$6')}, inserted as (
  ${INSERT_ROWS}
  from jsonb_array_elements($1::jsonb) as r
)
update conversations set last_seq = u.last_seq, head_hash = u.head_hash
from unnest($3::text[], $4::int[], $5::text[]) as u(id, last_seq, head_hash)
where conversations.id = u.id and conversations.id = any($3::text[])`;

/**
 * A group commit in one statement, from cached heads (`commitCached`): statement
 * 3 (`WRITE_MESSAGES`, the same rows with each one's recipient as `r->18`) made conditional on
 * every assumption the cache made instead of reading — per message: the recipient exists, no
 * block either way; per conversation ($3–$7: id, new last seq and head, the last seq and head it
 * was decided on): the head unchanged ($8: the batch's leaves, `insertBatch`). When one fails,
 * it writes no batch, message or head and answers `ok` false on every row; otherwise one row per
 * message, in order, with the recipient's facts (`CHECK_SENDS`'s last two). The same primary-key
 * lookups as `CHECK_SENDS`, without its round trip.
 *
 * A stored message with the same (conversation, sender, client id) — a resend — is not looked
 * for: the insert then fails on that unique index, which fails the whole statement (nothing
 * written), and `commitCached` hands the batch to the read path, which acks the resend as the
 * duplicate it is. Looked for here, the lookup was planned once for the life of the process (its
 * generic plan: `Store.writeAlone`) with the statistics of the moment; prepared while `messages`
 * was nearly empty — every new store, and PGlite never analyses — the plan found it through the
 * primary key (conversation, seq) and read every message of the conversation, on every send
 * (bench/messaging/commitpath.ts, `BENCH_COMMIT_HISTORY`).
 *
 * Two texts: a single writer's (`WRITE_CHECKED`: nothing else writes, it reads the heads as they
 * are), and one of several writers' (`WRITE_CHECKED_LOCKING`), which first locks the batch's
 * conversation rows in id order — the order of every other transaction that locks several
 * (`LOCK_CONVERSATIONS`, `LOCK_LAST_SEQS`), so none can deadlock with it — and checks the heads
 * under those locks: after waiting for another node's commit it reads that commit's head, finds
 * it moved, and writes nothing.
 */
const writeChecked = (locking: boolean) => `
with ${
  locking
    ? `locked as materialized (
  select id, last_seq, head_hash from conversations where id = any($3::text[]) order by id for update
), `
    : ''
}r as (
  select t.r, t.i from jsonb_array_elements($1::jsonb) with ordinality as t(r, i)
), checked as materialized (
  select r.i,
    coalesce((select true from users where member_id = r.r->>18), false)
      and not coalesce((select blocked from contacts where owner_id = r.r->>18 and contact_id = r.r->>2), false)
      and not coalesce((select blocked from contacts where owner_id = r.r->>2 and contact_id = r.r->>18), false) as ok,
    (select state from contact_requests where from_id = r.r->>18 and to_id = r.r->>2) as request_to_sender,
    coalesce((select enabled from auto_replies where member_id = r.r->>18), false) as auto_reply_on
  from r
), heads as materialized (
  select u.id, u.last_seq, u.head_hash,
    coalesce((select c.last_seq = u.was_seq and c.head_hash = u.was_hash from ${locking ? 'locked' : 'conversations'} c where c.id = u.id), false) as ok
  from unnest($3::text[], $4::int[], $5::text[], $6::int[], $7::text[]) as u(id, last_seq, head_hash, was_seq, was_hash)
), verdict as materialized (
  select coalesce((select bool_and(ok) from checked), false) and coalesce((select bool_and(ok) from heads), false) as ok
), ${insertBatch('$8', '(select ok from verdict)')}, inserted as (
  ${INSERT_ROWS}
  from r
  where (select ok from verdict)
), updated as (
  update conversations set last_seq = h.last_seq, head_hash = h.head_hash
  from heads h
  where conversations.id = h.id and conversations.id = any($3::text[]) and (select ok from verdict)
)
select c.i::int as i, (select ok from verdict) as ok, c.request_to_sender, c.auto_reply_on
from checked c order by c.i`;
export const WRITE_CHECKED = writeChecked(false);
export const WRITE_CHECKED_LOCKING = writeChecked(true);

/** A row of `WRITE_CHECKED`'s answer. */
interface CheckedRow {
  i: number;
  ok: boolean;
  request_to_sender: string | null;
  auto_reply_on: boolean;
}

/** Under the locks: the message each edit or retraction refers to, and whether it was retracted. */
const CHANGE_TARGETS = `
select t.conversation_id, t.seq, m.sender, m.sent_at, m.change_kind,
  exists (select 1 from messages r
          where r.conversation_id = t.conversation_id and r.change_seq = t.seq and r.change_kind = 'retract') as retracted
from unnest($1::text[], $2::int[]) as t(conversation_id, seq)
join messages m on m.conversation_id = t.conversation_id and m.seq = t.seq`;

/** What the rules for edits and retractions need to know about the message changed. */
interface ChangeTarget {
  sender: string;
  sentAt: string;
  isChange: boolean;
  retracted: boolean;
}

interface TargetRow {
  conversation_id: string;
  seq: number;
  sender: string;
  sent_at: Date | string;
  change_kind: string | null;
  retracted: boolean;
}

interface CheckRow {
  i: number;
  recipient_exists: boolean;
  blocked_by_recipient: boolean;
  blocks_recipient: boolean;
  stored: MessageRow | null;
  request_to_sender: string | null;
  auto_reply_on: boolean;
}

/**
 * One group commit inside `tx`, which it commits; the outcome of each send, in order. `onLocked` is
 * called once every conversation of the batch is locked (the committer may then start the next).
 */
export async function commitBatch(
  tx: Transaction,
  sends: readonly PendingSend[],
  sign: BytesSigner,
  keyId: string,
  onLocked: () => void = () => {},
  stamps?: Stamps,
  cache?: HeadCache,
): Promise<Outcome[]> {
  const { ids, params } = conversationsOf(sends);
  const lock = statement<ConversationHead>(LOCK_CONVERSATIONS, params(ids));
  const check = checkStatement(sends);
  // Statements 1 and 2 (and the targets of edits) in one batch: one round trip on PGlite.
  const [locked, checked, targetRows = []] = (await tx.batch([lock, check, ...targetsStatements(sends)])) as [
    ConversationHead[],
    CheckRow[],
    TargetRow[]?,
  ];
  const heads = new Map<string, ConversationHead>();
  for (const row of locked) heads.set(row.id, row);
  let checks = checked;
  // A conversation created by another transaction after statement 1 began is not in its
  // snapshot: lock it with a statement of its own, then check again under that lock too.
  const missing = ids.filter((id) => !heads.has(id));
  if (missing.length > 0) {
    const late = await tx.query<ConversationHead>(
      'select id, last_seq, head_hash from conversations where id = any($1::text[]) order by id for update',
      [missing],
    );
    for (const row of late) heads.set(row.id, row);
    if (late.length > 0) checks = await tx.query<CheckRow>(check.sql, check.params);
  }
  onLocked();
  stamp(stamps);
  const { outcomes, rows } = decide(sends, heads, checks, targetRows, sign);
  stamp(stamps);
  // Statement 3 and the commit: one round trip on PGlite.
  if (rows.length > 0) await tx.commitWith([writeStatement(rows, heads, keyId)]);
  stamp(stamps);
  // The heads as this transaction leaves them (read under its locks, moved by its write), for a
  // later batch written from them (`MessageCommitter`'s `optimistic`), which verifies each.
  if (cache) for (const h of heads.values()) cache.set(h);
  return outcomes;
}

/** Statement 1 of a single writer (`commitSingleWriter`): the heads of the conversations that exist. */
export const READ_HEADS = 'select id, last_seq, head_hash from conversations where id = any($1::text[])';

/**
 * Creates those of the conversations given ($1 ids, $2 and $3 members, $4 genesis hashes, $5 the
 * creation time) that do not exist yet. A single writer's new conversations, in its write transaction: the reads
 * found them missing and the check let their sends through (both members exist, no block either
 * way); and the one conversation `appendHistory` writes to.
 */
export const CREATE_CONVERSATIONS = `
insert into conversations (id, member_a, member_b, last_seq, head_hash, created_at)
select w.id, w.a, w.b, 0, w.genesis, $5::timestamptz
from unnest($1::text[], $2::text[], $3::text[], $4::text[]) as w(id, a, b, genesis)
order by w.id
on conflict (id) do nothing`;

/**
 * One group commit by the store's only writer (`MessageCommitter`'s `singleWriter`: PGlite, where
 * one process with one session stores every message, one commit at a time). The same statements
 * and the same JavaScript as `commitBatch`, in two short transactions instead of one that is held
 * open across the hashing and signing: the reads (the heads, without `for update`; the check; the
 * targets of edits) commit at once, and the new conversations with the write commit in one go.
 * Nothing else writes a conversation's head or its messages in between, so the heads read are the
 * heads written over — and were anything to (`appendHistory`, an operator's seeding), the write
 * would fail on the messages' primary key (conversation, seq) rather than fork the chain, and each
 * send, even a batch's only one, would be tried again alone: once, reading the new heads (or
 * finding its own message stored, and acking it as a duplicate).
 * Migration 700 dropped the messages' foreign keys because every insert held its conversation
 * row `for update`; this path holds no row lock, and is still safe: a conversation found missing
 * is created in the same write transaction as its first messages, conversations are never deleted
 * (one read is still there at the write), and a racing writer is caught by the primary key above.
 * On PGlite each transaction is one request to its thread, and the thread is free for other
 * statements (sign-ins, lookups, receipts) while this one hashes and signs.
 */
export async function commitSingleWriter(
  db: Store,
  sends: readonly PendingSend[],
  sign: BytesSigner,
  keyId: string,
  cache?: HeadCache,
  stamps?: Stamps,
): Promise<Outcome[]> {
  const { ids, params } = conversationsOf(sends);
  const reads = [
    statement<ConversationHead>(READ_HEADS, [ids]),
    checkStatement(sends),
    ...targetsStatements(sends),
  ];
  const [found, checks, targetRows = []] = (await db.transaction((tx) => tx.commitWith(reads))) as [
    ConversationHead[],
    CheckRow[],
    TargetRow[]?,
  ];
  const heads = new Map<string, ConversationHead>();
  for (const row of found) heads.set(row.id, row);
  const missing = ids.filter((id) => !heads.has(id));
  for (const id of missing) heads.set(id, { id, last_seq: 0, head_hash: genesisHash(id) });
  stamp(stamps);
  const { outcomes, rows } = decide(sends, heads, checks, targetRows, sign);
  stamp(stamps);
  const written = new Set(rows.map((m) => m.conversationId));
  if (rows.length > 0) {
    const created = missing.filter((id) => written.has(id));
    const write = writeStatement(rows, heads, keyId);
    const statements: Statement<object>[] =
      created.length === 0 ? [write] : [statement(CREATE_CONVERSATIONS, params(created)), write];
    try {
      await db.transaction((tx) => tx.commitWith(statements));
    } catch (err) {
      for (const id of ids) cache?.delete(id);
      throw err;
    }
  }
  stamp(stamps);
  // What exists now, as it is now: the heads read (and moved by this write), and those created.
  if (cache) for (const h of heads.values()) if (!missing.includes(h.id) || written.has(h.id)) cache.set(h);
  return outcomes;
}

interface BatchConversations {
  /** The batch's conversations, in id order (the order their rows are locked and created in). */
  ids: string[];
  /** $1–$5 of `LOCK_CONVERSATIONS` and `CREATE_CONVERSATIONS` for `ids`, some or all of the batch's. */
  params: (ids: readonly string[]) => unknown[];
}

function conversationsOf(sends: readonly PendingSend[]): BatchConversations {
  const members = new Map<string, readonly [string, string]>();
  for (const s of sends) if (!members.has(s.conversationId)) members.set(s.conversationId, s.members);
  return {
    ids: [...members.keys()].sort(),
    params: (ids) => [
      ids,
      ids.map((id) => members.get(id)![0]),
      ids.map((id) => members.get(id)![1]),
      ids.map(genesisHash),
      sends[0]!.at,
    ],
  };
}

/** Statement 2 of a batch (`CHECK_SENDS`). */
function checkStatement(sends: readonly PendingSend[]): Statement<CheckRow> {
  return statement<CheckRow>(CHECK_SENDS, [
    sends.map((s) => s.conversationId),
    sends.map((s) => s.sender),
    sends.map((s) => s.clientId),
    sends.map((s) => s.to),
  ]);
}

/** The targets of the batch's edits and retractions (`CHANGE_TARGETS`), if it has any. */
function targetsStatements(sends: readonly PendingSend[]): Statement<TargetRow>[] {
  const changes = sends.filter((s) => s.change !== null);
  if (changes.length === 0) return [];
  return [
    statement<TargetRow>(CHANGE_TARGETS, [
      changes.map((s) => s.conversationId),
      changes.map((s) => s.change!.seq),
    ]),
  ];
}

/**
 * The group commit's JavaScript between its reads and its write: each send's outcome in order —
 * consecutive seqs per conversation in arrival order, the chain extended, the new messages signed
 * with one signature (`signBatch`) — and the messages to write (several are a batch: their hashes
 * are the leaves of the signed tree, in this order, `leavesOf`). Moves each conversation's head in
 * `heads` to its new last message.
 */
function decide(
  sends: readonly PendingSend[],
  heads: Map<string, ConversationHead>,
  checks: readonly CheckRow[],
  targetRows: readonly TargetRow[],
  sign: BytesSigner,
): { outcomes: Outcome[]; rows: Message[] } {
  const checkOf = new Map(checks.map((c) => [c.i, c]));
  const targets = changeTargets(targetRows);

  const outcomes: Outcome[] = [];
  const inBatch = new Map<string, Message>();
  const rows: Message[] = [];
  sends.forEach((s, n) => {
    const check = checkOf.get(n + 1)!;
    const key = `${s.conversationId}\u0000${s.sender}\u0000${s.clientId}`;
    // A resend gets the ack of the message that was accepted, even if a block (or anything else
    // checked below) has changed since.
    const earlier = check.stored ? toMessage(check.stored) : inBatch.get(key);
    if (earlier) return outcomes.push({ ok: true, value: { message: earlier, duplicate: true } });
    const head = heads.get(s.conversationId);
    const target = s.change ? targets.get(`${s.conversationId}\u0000${s.change.seq}`) : undefined;
    const refused = refusal(s, check) ?? (s.change ? changeRefusal(s, s.change, target) : null);
    if (refused) return outcomes.push({ ok: false, error: refused });
    if (!head) throw new Error(`conversation ${s.conversationId} was not created`);
    // Seqs are 1…last_seq without gaps, so the replied-to message exists exactly when its seq is stored.
    if (s.replyTo && s.replyTo.seq > head.last_seq)
      return outcomes.push({
        ok: false,
        error: new AppError(
          'bad_request',
          `There is no message ${s.replyTo.seq} in this conversation to reply to.`,
        ),
      });
    // One object of a fixed shape, hashed, then completed (no spreads: a message is built, hashed,
    // JSON-encoded twice and written per send); signed with its batch-mates after the loop.
    const message: Message = {
      conversationId: s.conversationId,
      seq: head.last_seq + 1,
      sender: s.sender,
      sentAt: s.at.toISOString(),
      clientId: s.clientId,
      text: s.text,
      lang: s.lang,
      translation: s.translation,
      attachments: s.attachments,
      order: s.order,
      change: s.change,
      replyTo: s.replyTo,
      prevHash: head.head_hash,
      hash: '',
      signature: '',
    };
    // Absent unless automatic, so the message hashes exactly as it would have before.
    if (s.automatic) message.automatic = s.automatic;
    message.hash = chainHash(head.head_hash, message);
    head.last_seq = message.seq;
    head.head_hash = message.hash;
    inBatch.set(key, message);
    rows.push(message);
    // Later sends of this batch see this message as stored (a retraction, or a target to change).
    if (s.change?.kind === 'retract' && target) target.retracted = true;
    targets.set(`${s.conversationId}\u0000${message.seq}`, {
      sender: s.sender,
      sentAt: message.sentAt,
      isChange: s.change !== null,
      retracted: false,
    });
    return outcomes.push({
      ok: true,
      value: {
        message,
        duplicate: false,
        recipient: { requestToSender: check.request_to_sender, autoReplyOn: check.auto_reply_on },
      },
    });
  });

  // One signature for the transaction's messages (docs/evidence.md § Batch signatures): each
  // message's hash signed was ~40 µs, 38 % of the main thread under load (issue 9). Set on the
  // objects the outcomes hold, duplicates within the batch included, before anyone is answered.
  // No proof is made here: the write stores the batch's leaves once (migration 711), and an export
  // makes each message's proof from them (proofs.ts) — each proof written with its message was
  // ~470 bytes in a batch of 60, a tenth of the embedded store's CPU a message (bench/README.md).
  if (rows.length === 0) return { outcomes, rows };
  const signature = signBatch(
    rows.map((m) => m.hash),
    sign,
  );
  for (const m of rows) m.signature = signature;
  return { outcomes, rows };
}

/**
 * What the cache assumes of every send (`commitCached`) and `WRITE_CHECKED` verifies: the
 * recipient exists, no block, nothing stored under its client id (the unique index's part). The
 * recipient's facts come from the write.
 */
function assumedChecks(sends: readonly PendingSend[]): CheckRow[] {
  return sends.map((_, n) => ({
    i: n + 1,
    recipient_exists: true,
    blocked_by_recipient: false,
    blocks_recipient: false,
    stored: null,
    request_to_sender: null,
    auto_reply_on: false,
  }));
}

/**
 * `WRITE_CHECKED` for `rows` decided from the cached heads `was` (moved in `heads` to the new last
 * messages). Each row carries its recipient (the send's `to`) as column 18.
 */
function checkedWriteStatement(
  rows: readonly Message[],
  sends: readonly PendingSend[],
  heads: ReadonlyMap<string, ConversationHead>,
  was: ReadonlyMap<string, ConversationHead>,
  keyId: string,
  locking: boolean,
): Statement<CheckedRow> {
  const recipients = new Map<string, string>();
  for (const s of sends) recipients.set(`${s.conversationId}\u0000${s.sender}`, s.to);
  const table = rowsTable(rows, (m) => recipients.get(`${m.conversationId}\u0000${m.sender}`)!);
  // Every conversation of the batch: a batch-mate's decision may rest on its head too.
  const all = [...heads.values()];
  return statement<CheckedRow>(locking ? WRITE_CHECKED_LOCKING : WRITE_CHECKED, [
    JSON.stringify(table),
    keyId,
    all.map((h) => h.id),
    all.map((h) => h.last_seq),
    all.map((h) => h.head_hash),
    all.map((h) => was.get(h.id)!.last_seq),
    all.map((h) => was.get(h.id)!.head_hash),
    leavesOf(rows),
  ]);
}

/** Statement 3: `rows`, and the new heads of their conversations. */
function writeStatement(
  rows: readonly Message[],
  heads: ReadonlyMap<string, ConversationHead>,
  keyId: string,
): Statement<object> {
  const written = new Set<string>(rows.map((m) => m.conversationId));
  const touched = [...heads.values()].filter((h) => written.has(h.id));
  return statement(WRITE_MESSAGES, [
    JSON.stringify(rowsTable(rows)),
    keyId,
    touched.map((h) => h.id),
    touched.map((h) => h.last_seq),
    touched.map((h) => h.head_hash),
    leavesOf(rows),
  ]);
}

/**
 * The batch row's leaves (`insertBatch`): the messages' hashes in the order written, as JSON, when
 * there are several (`signBatch` signed them as a batch); null for one message, signed alone.
 */
function leavesOf(rows: readonly Message[]): string | null {
  return rows.length > 1 ? JSON.stringify(rows.map((m) => m.hash)) : null;
}

/**
 * One array per message, its columns in the order `WRITE_MESSAGES` reads them (r->0 … r->17: the
 * last is its place in the batch, `leavesOf`, when there are several), and the recipient as r->18
 * when asked (`WRITE_CHECKED`).
 */
function rowsTable(rows: readonly Message[], recipient?: (m: Message) => string): unknown[][] {
  const table: unknown[][] = [];
  const batch = rows.length > 1;
  for (let i = 0; i < rows.length; i++) {
    const m = rows[i]!;
    const row: unknown[] = [
      m.conversationId,
      m.seq,
      m.sender,
      m.clientId,
      m.text,
      m.lang,
      m.translation,
      m.attachments,
      m.order,
      m.sentAt,
      m.prevHash,
      m.hash,
      m.signature,
      m.change?.kind ?? null,
      m.change?.seq ?? null,
      m.replyTo?.seq ?? null,
      m.automatic ?? null,
      batch ? i : null,
    ];
    if (recipient) row.push(recipient(m));
    table.push(row);
  }
  return table;
}

/** The stored targets of the batch's edits and retractions, keyed by conversation id and seq. */
function changeTargets(rows: readonly TargetRow[]): Map<string, ChangeTarget> {
  const out = new Map<string, ChangeTarget>();
  for (const r of rows)
    out.set(`${r.conversation_id}\u0000${r.seq}`, {
      sender: r.sender,
      sentAt: toIso(r.sent_at),
      isChange: r.change_kind !== null,
      retracted: r.retracted,
    });
  return out;
}

/** The rules for an edit or retraction (docs/protocol.md § Edits and retractions). */
function changeRefusal(
  s: PendingSend,
  change: MessageChange,
  target: ChangeTarget | undefined,
): AppError | null {
  const what = change.kind === 'edit' ? 'edit' : 'retract';
  if (!target)
    return new AppError('not_found', `There is no message ${change.seq} in this conversation to ${what}.`);
  if (target.sender !== s.sender)
    return new AppError(
      'forbidden',
      `Message ${change.seq} is not yours: you can only ${what} your own messages.`,
    );
  if (target.isChange)
    return new AppError(
      'bad_request',
      `Message ${change.seq} is itself an edit or a retraction; ${what} the original message instead.`,
    );
  if (target.retracted)
    return new AppError('bad_request', `Message ${change.seq} was retracted; it can no longer be changed.`);
  if (s.at.getTime() - Date.parse(target.sentAt) > s.changeWindowMs)
    return new AppError(
      'forbidden',
      `Message ${change.seq} is older than ${Math.round(s.changeWindowMs / 60_000)} minutes: it can no longer be changed.`,
    );
  return null;
}

function refusal(s: PendingSend, check: CheckRow): AppError | null {
  if (!check.recipient_exists) return new AppError('not_found', `There is no member with the id "${s.to}".`);
  if (check.blocked_by_recipient)
    return new AppError('blocked', `${s.to} does not accept messages from you.`);
  if (check.blocks_recipient)
    return new AppError('forbidden', `You blocked ${s.to}. Unblock them to send a message.`);
  return null;
}
