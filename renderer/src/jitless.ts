/**
 * Imported first by main.tsx, before any schema is defined. zod 4 probes `new Function` when an
 * object schema is created, to choose its fast path; our CSP (no 'unsafe-eval') refuses it, and
 * Chromium reports that as a violation in the console on every load even though zod catches it.
 * Without JIT there is no probe (issue 12: a clean console).
 */
import { z } from 'zod';

z.config({ jitless: true });
