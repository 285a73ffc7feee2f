/**
 * Keeps the local contact tree in step with the server (docs/protocol.md § "Contact groups and
 * requests"): on every (re)connect pull `group:list { sinceVersion }`, apply it, replay queued
 * offline edits with their `baseVersion`, then pull again so the version covers them; live
 * `group:changed` / `contactRequest:*` events are written as they come. One per sync engine.
 */
import {
  ContactRequest,
  GroupChangedEvent,
  type RequestName,
  type RequestPayload,
  type ResponseMap,
} from '../../../../shared/protocol';
import type { Result } from '../../../../shared/result';
import type { TradewindDb } from '../../db/schema';
import {
  applyContactRequest,
  applyGroupChanged,
  applyGroupList,
  groupVersion,
  replaceContactRequests,
  replayGroupEdits,
} from './groupRepo';

type Requester = <N extends RequestName>(name: N, payload: RequestPayload<N>) => Promise<Result<ResponseMap[N]>>;

export class GroupSync {
  private running: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: TradewindDb,
    private readonly request: Requester,
  ) {}

  /** Pull, replay, pull. Serialised: a second call waits for the first. */
  sync(): Promise<void> {
    this.running = this.running.then(() => this.run()).catch((e: unknown) => console.warn('group sync failed', e));
    return this.running;
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
    if (replay.refused > 0) {
      // Something was refused (a group deleted elsewhere …): take the server's whole tree.
      await this.db.prefs.put({ key: 'groupVersion', value: 0 });
    }
    if (replay.sent > 0 || replay.refused > 0) await this.pull();
    const requests = await this.request('contactRequest:list', {});
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
