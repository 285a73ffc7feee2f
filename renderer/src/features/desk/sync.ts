/**
 * Keeps the local quick replies in step with the server (docs/protocol.md § "Quick replies"): on
 * every (re)connect pull `quickReply:list { sinceVersion }`, send the changes made here while
 * offline (the latest state of each reply), then pull again so the version covers them; live
 * `quickReply:changed` events are written as they come. A change made in Settings asks for a run
 * at once. One per sync engine.
 */
import {
  QuickReplyChangedEvent,
  type RequestName,
  type RequestPayload,
  type ResponseMap,
} from '../../../../shared/protocol';
import type { ErrorCode, Result } from '../../../../shared/result';
import { backoffMs } from '../../domain/outboxPolicy';
import type { TradewindDb } from '../../db/schema';
import type { SyncEngine } from '../../sync/engine';
import { SerialRun } from '../../sync/serialRun';
import {
  acknowledgeQuickReply,
  applyQuickReplyChanged,
  applyQuickReplyList,
  pendingQuickReplies,
  quickReplyVersion,
  refuseQuickReply,
} from './repo';

export type Requester = <N extends RequestName>(
  name: N,
  payload: RequestPayload<N>,
) => Promise<Result<ResponseMap[N]>>;

/**
 * Answers after which sending the same change again can never succeed (an invalid text, over a
 * limit, a reply the server does not have). Everything else — `offline` until the next connect,
 * `timeout`, `rate_limited`, `internal` … with backoff — keeps the change for a later try.
 */
const PERMANENT: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'bad_request',
  'too_large',
  'not_found',
  'forbidden',
  'conflict',
]);

export class QuickReplySync {
  private readonly runner = new SerialRun('quick reply sync', () => this.run());
  private attempts = 0;

  constructor(
    private readonly db: TradewindDb,
    private readonly request: Requester,
  ) {}

  /** Pull, send, pull. Serialised: a second call runs after the first. */
  sync(): Promise<void> {
    return this.runner.run();
  }

  /** Stops the retry timer until the next `sync()`; the sync engine calls it when it stops. */
  dispose(): void {
    this.runner.dispose();
  }

  private async pull(): Promise<boolean> {
    const since = await quickReplyVersion(this.db);
    const r = await this.request('quickReply:list', since > 0 ? { sinceVersion: since } : {});
    if (!r.ok) return false;
    await applyQuickReplyList(this.db, r.value);
    return true;
  }

  private async run(): Promise<void> {
    if (!(await this.pull())) return;
    let sent = 0;
    for (const row of await pendingQuickReplies(this.db)) {
      const r =
        row.pending === 'delete'
          ? await this.request('quickReply:delete', { id: row.id })
          : await this.request('quickReply:put', { id: row.id, name: row.name, text: row.text });
      if (r.ok) {
        await acknowledgeQuickReply(this.db, row, r.value.reply);
        sent++;
      } else if (PERMANENT.has(r.code)) {
        await refuseQuickReply(this.db, row, r.code);
        sent++;
      } else {
        // Kept for later: offline waits for the next connect; anything else tries again soon.
        if (r.code !== 'offline') this.runner.retryIn(backoffMs(++this.attempts));
        break;
      }
    }
    if (sent > 0) {
      this.attempts = 0;
      await this.pull();
    }
  }

  /** `quickReply:changed`; parses its payload (types are no validation). */
  onChanged = (raw: unknown): void => {
    const p = QuickReplyChangedEvent.safeParse(raw);
    if (p.success) void applyQuickReplyChanged(this.db, p.data);
  };
}

const installed = new WeakMap<SyncEngine, QuickReplySync>();

/**
 * Creates this engine's quick reply sync and plugs it in: its live event, a run at every
 * catch-up, its timer stopped with the engine. app/ calls it once per engine, before `start()`.
 */
export function installQuickReplySync(engine: SyncEngine): QuickReplySync {
  const sync = new QuickReplySync(engine.db, (name, payload) => engine.request(name, payload));
  engine.use({
    events: { 'quickReply:changed': sync.onChanged },
    // Started, not awaited: the messages' catch-up does not wait for quick replies (nor for a
    // server too old to answer `quickReply:list`, which would only time out).
    catchUp: () => {
      void sync.sync();
      return Promise.resolve();
    },
    stop: () => sync.dispose(),
  });
  installed.set(engine, sync);
  return sync;
}

/** Sends the changes made here now (Settings calls it after each save or delete). */
export function syncQuickRepliesNow(engine: SyncEngine): void {
  void installed.get(engine)?.sync();
}
