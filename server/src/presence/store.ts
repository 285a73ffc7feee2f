import type { PresenceSetting } from '../../../shared/protocol';

/** Device settings of one user before and after an update, read atomically with it. */
export interface PresenceTransition {
  before: PresenceSetting[];
  after: PresenceSetting[];
}

/**
 * Where the connected sockets of each user and their settings live: in memory for one node, in
 * Redis when several nodes share users (each node sees every device of a user).
 */
export interface PresenceStore {
  /** Sets a socket's setting (adds the socket if new); `null` removes the socket. */
  update(memberId: string, socketId: string, setting: PresenceSetting | null): Promise<PresenceTransition>;
  /** Settings of every connected socket of the user. */
  devices(memberId: string): Promise<PresenceSetting[]>;
  close(): Promise<void>;
}

export class MemoryPresenceStore implements PresenceStore {
  private readonly users = new Map<string, Map<string, PresenceSetting>>();

  update(memberId: string, socketId: string, setting: PresenceSetting | null): Promise<PresenceTransition> {
    const sockets = this.users.get(memberId) ?? new Map<string, PresenceSetting>();
    const before = [...sockets.values()];
    if (setting === null) sockets.delete(socketId);
    else sockets.set(socketId, setting);
    if (sockets.size === 0) this.users.delete(memberId);
    else this.users.set(memberId, sockets);
    return Promise.resolve({ before, after: [...sockets.values()] });
  }

  devices(memberId: string): Promise<PresenceSetting[]> {
    return Promise.resolve([...(this.users.get(memberId)?.values() ?? [])]);
  }

  close(): Promise<void> {
    this.users.clear();
    return Promise.resolve();
  }
}
