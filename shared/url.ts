/**
 * The WHATWG URL API exists in every runtime Tradewind runs in (Node, Chromium, Electron), but
 * shared/ compiles with neither DOM nor Node types. This declares the part shared/ uses and
 * reaches the runtime's own implementation through globalThis — no polyfill, no second parser.
 */
export interface WhatwgSearchParams extends Iterable<[string, string]> {
  set(name: string, value: string): void;
  toString(): string;
}

export interface WhatwgUrl {
  readonly protocol: string;
  readonly username: string;
  readonly password: string;
  readonly hostname: string;
  readonly port: string;
  readonly pathname: string;
  readonly hash: string;
  readonly searchParams: WhatwgSearchParams;
}

const runtime = globalThis as unknown as {
  URL: new (input: string) => WhatwgUrl;
  URLSearchParams: new (init?: Record<string, string>) => WhatwgSearchParams;
};

/** `new URL(input)`; throws a TypeError on an invalid URL, as the platform does. */
export const parseUrl = (input: string): WhatwgUrl => new runtime.URL(input);

export const searchParams = (init?: Record<string, string>): WhatwgSearchParams =>
  new runtime.URLSearchParams(init);
