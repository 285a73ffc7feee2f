/**
 * zod without its JIT in the window: zod 4 probes `new Function` when an object schema is created,
 * to choose its fast path; the window's CSP (no 'unsafe-eval') refuses it, and Chromium reports
 * that as a violation in the console on every load even though zod catches it (issue 12: a clean
 * console). The renderer build resolves `zod` and `zod/mini` to ./classic.ts and ./mini.ts, which
 * import this first, so the setting precedes every schema whatever chunk the bundler puts it in
 * (the server keeps zod's JIT).
 */
import { config } from 'zod/v4/core';

config({ jitless: true });
