/**
 * The IPC layer of the host API, written against a minimal `IpcMainLike` so it runs in unit
 * tests without Electron. One `handle` per method of `hostMethods`; each invocation:
 *   1. checks the sender: the frame that sent it must be a page of the app (app://tradewind),
 *      so a page that somehow got navigated elsewhere, or an iframe, cannot call the host;
 *   2. parses the argument with the method's zod schema;
 *   3. calls the handler and turns anything thrown into a Failure (no stack crosses IPC).
 * It always answers with a `Result`, never rejects.
 */
import type { z } from 'zod';
import { hostMethods, ipcChannel, type HostMethod, type HostResults } from '../../shared/hostApi';
import { fail, toFailure, type Result } from '../../shared/result';

/** What main implements: one function per method, taking the *parsed* argument. */
export type HostHandlers = {
  [M in HostMethod]: (arg: z.output<(typeof hostMethods)[M]>) => Promise<Result<HostResults[M]>>;
};

/** The part of an `IpcMainInvokeEvent` the checks need. */
export interface InvokeEventLike {
  readonly senderFrame: { readonly url: string } | null;
}

/** The part of Electron's `ipcMain` the layer needs. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

export interface IpcOptions {
  /** True if a frame with this URL may call the host (the app's own origin). */
  isTrustedSender: (url: string) => boolean;
  log: (message: string) => void;
}

export const HOST_METHOD_NAMES = Object.keys(hostMethods) as HostMethod[];

/** Handles one invocation of `method`; exported for tests. */
export async function invokeHostMethod(
  handlers: HostHandlers,
  method: HostMethod,
  event: InvokeEventLike,
  arg: unknown,
  { isTrustedSender, log }: IpcOptions,
): Promise<Result<unknown>> {
  const frameUrl = event.senderFrame?.url;
  if (frameUrl === undefined || !isTrustedSender(frameUrl)) {
    log(`refused ${method} from untrusted sender ${JSON.stringify(frameUrl?.slice(0, 200) ?? null)}`);
    return fail('forbidden', 'This page may not use the desktop host.');
  }
  const parsed = hostMethods[method].safeParse(arg);
  if (!parsed.success) {
    return fail(
      'bad_request',
      `Invalid argument for ${method}.`,
      parsed.error.issues.map((i) => ({ path: i.path.map(String), message: i.message })),
    );
  }
  try {
    // Correlated union: `parsed.data` is the argument type of handlers[method] for this very
    // method, which TypeScript cannot follow through the indexed access.
    const handler = handlers[method] as (a: unknown) => Promise<Result<unknown>>;
    return await handler(parsed.data);
  } catch (err) {
    log(`${method} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    return toFailure(err);
  }
}

/** Registers one IPC handler per host method. Returns the disposer that removes them. */
export function registerHostHandlers(
  ipc: IpcMainLike,
  handlers: HostHandlers,
  options: IpcOptions,
): () => void {
  for (const method of HOST_METHOD_NAMES) {
    ipc.handle(ipcChannel(method), (event, arg) => invokeHostMethod(handlers, method, event, arg, options));
  }
  return () => {
    for (const method of HOST_METHOD_NAMES) ipc.removeHandler(ipcChannel(method));
  };
}
