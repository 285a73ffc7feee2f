/**
 * Keeps the local contact tree in step with the server (docs/protocol.md § "Contact groups and
 * requests"): on every (re)connect pull `group:list { sinceVersion }`, apply it, replay queued
 * offline edits with their `baseVersion`, then pull again so the version covers them; live
 * `group:changed` / `contactRequest:*` events are written as they come. One per sync engine.
 */
import { ContactRequest, GroupChangedEvent } from '../../../../shared/protocol';
import type { TradewindDb } from '../../db/schema';
import type { SyncEngine } from '../../sync/engine';
import { SerialRun } from '../../sync/serialRun';
import {
  applyContactRequest,
  applyGroupChanged,
  applyGroupList,
  groupVersion,
  replaceContactRequests,
  replayGroupEdits,
  type Requester,
} from './groupRepo';

export class GroupSync {
  private readonly runner = new SerialRun('group sync', () => this.run());

  constructor(
    private readonly db: TradewindDb,
    private readonly request: Requester,
  ) {}

  /** Pull, replay, pull. Serialised: a second call waits for the first. */
  sync(): Promise<void> {
    return this.runner.run();
  }

  /** Stops the retry timer until the next `sync()`; the sync engine calls it when it stops. */
  dispose(): void {
    this.runner.dispose();
  }

  private async pull(): Promise<boolean> {
    const since = await groupVersion(this.db);
    const r = await this.request('group:list', since > 0 ? { sinceVersion: since } : {});
    if (!r.ok) return false;
    await applyGroupList(this.db, r.value, since === 0);
    return true;
  }

  private async run(): Promise<void> {
    if (!(await this.pull())) return;
    const replay = await replayGroupEdits(this.db, this.request);
    // An edit failed for now (internal error, rate limit …): it stays queued; try again then.
    if (replay.retryAt !== null) this.runner.retryIn(replay.retryAt - Date.now());
    if (replay.refused > 0) {
      // Something was refused for good (a group deleted elsewhere …) and dropped; the tree shows
      // the user a sentence (prefs `groupEditRefused`). Take the server's whole tree.
      await this.db.prefs.put({ key: 'groupVersion', value: 0 });
    }
    if (replay.sent > 0 || replay.refused > 0) await this.pull();
    // `all`: also the requests I ignored and those of people I blocked, whose conversations stay
    // out of the chat list on this device too (db/held.ts).
    const requests = await this.request('contactRequest:list', { all: true });
    if (requests.ok) await replaceContactRequests(this.db, requests.value);
  }

  /** Socket event handlers; parse every payload (types are no validation). */
  onGroupChanged = (raw: unknown): void => {
    const p = GroupChangedEvent.safeParse(raw);
    if (p.success) void applyGroupChanged(this.db, p.data.group);
  };

  onContactRequest = (raw: unknown): void => {
    const p = ContactRequest.safeParse(raw);
    if (p.success) void applyContactRequest(this.db, p.data);
  };
}

const installed = new WeakMap<SyncEngine, GroupSync>();

/**
 * Creates this engine's group sync and plugs it in: its live events, a step of every catch-up
 * (after contacts and conversations, before messages), its timers stopped with the engine.
 * app/ calls it once per engine, before `start()`.
 */
export function installGroupSync(engine: SyncEngine): GroupSync {
  const groups = new GroupSync(engine.db, (name, payload) => engine.request(name, payload));
  engine.use({
    events: {
      'group:changed': groups.onGroupChanged,
      'contactRequest:received': groups.onContactRequest,
      'contactRequest:changed': groups.onContactRequest,
    },
    catchUp: () => groups.sync(),
    stop: () => groups.dispose(),
  });
  installed.set(engine, groups);
  return groups;
}

/** The group sync plugged into this engine by `installGroupSync`. */
export function groupSyncOf(engine: SyncEngine): GroupSync {
  const groups = installed.get(engine);
  if (!groups) throw new Error('group sync is not installed on this engine');
  return groups;
}
