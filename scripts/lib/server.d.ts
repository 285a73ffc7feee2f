/** Types of server.js. */
import type { ChildProcess } from 'node:child_process';

export function isPortFree(port: number, host?: string): Promise<boolean>;

export interface StartedServer {
  /** e.g. http://127.0.0.1:4100 */
  url: string;
  child: ChildProcess;
  /** SIGTERM (then SIGKILL after 10 s); resolves once the process has exited. */
  stop: () => Promise<void>;
}

export function startServer(options: {
  root: string;
  /** 0 for any free port. */
  port: number;
  dataDir: string;
  demo?: boolean;
  env?: Readonly<Record<string, string | undefined>>;
  timeoutMs?: number;
  /** What to do with the server's stderr (its logs) and non-JSON stdout: show or drop. */
  stdio?: 'inherit' | 'ignore';
}): Promise<StartedServer>;
