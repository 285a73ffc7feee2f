import type { PresenceSetting } from '../../../../shared/protocol';

/** Device settings of one user before and after an update, read atomically with it. */
export interface PresenceTransition {
  before: PresenceSetting[];
  after: PresenceSetting[];
}

/** A device left behind by a node that stopped without removing it (it crashed). */
export interface OrphanDevice {
  memberId: string;
  /** The store's own name for the device (in Redis: `<nodeId>|<socketId>`). */
  device: string;
}

/**
 * Where the connected sockets of each user and their settings live: in memory for one node, in
 * Redis when several nodes share users (each node sees every device of a user).
 */
export interface PresenceStore {
  /** Sets a socket's setting (adds the socket if new); `null` removes the socket. */
  update(memberId: string, socketId: string, setting: PresenceSetting | null): Promise<PresenceTransition>;
  /** Settings of every connected socket of the user (including those of a crashed node not yet swept). */
  devices(memberId: string): Promise<PresenceSetting[]>;
  /** Devices of nodes that are gone; the presence service removes each with `removeOrphan`. */
  orphans(): Promise<OrphanDevice[]>;
  /** Removes one orphan device, atomically with reading the user's devices before and after. */
  removeOrphan(orphan: OrphanDevice): Promise<PresenceTransition>;
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

  /** One process is one node: its devices die with it, nothing is ever left behind. */
  orphans(): Promise<OrphanDevice[]> {
    return Promise.resolve([]);
  }

  removeOrphan(orphan: OrphanDevice): Promise<PresenceTransition> {
    return this.update(orphan.memberId, orphan.device, null);
  }

  close(): Promise<void> {
    this.users.clear();
    return Promise.resolve();
  }
}
