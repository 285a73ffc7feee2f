/**
 * Structured logging: one JSON object per line on stderr (stdout belongs to the CLI contract,
 * e.g. the `listening` line). Tests inject a silent or collecting logger.
 */
import { pino, type DestinationStream } from 'pino';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const LEVELS: readonly string[] = ['debug', 'info', 'warn', 'error'];

export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
}

/**
 * A pino logger behind the `Logger` interface: one JSON object per line, `{level, t, msg, …fields}`
 * with the level's name and an ISO time, no pid or hostname. Written synchronously to stderr
 * (`write` for tests), so nothing is lost when the process exits right after a line.
 */
export function createJsonLogger(minLevel: LogLevel = 'info', write?: (line: string) => void): Logger {
  const destination: DestinationStream = write
    ? { write: (line: string) => write(line.endsWith('\n') ? line.slice(0, -1) : line) }
    : pino.destination({ dest: 2, sync: true });
  const p = pino(
    {
      // An unknown LOG_LEVEL logs at info rather than stopping the server (pino would throw).
      level: LEVELS.includes(minLevel) ? minLevel : 'info',
      base: null,
      messageKey: 'msg',
      timestamp: () => `,"t":"${new Date().toISOString()}"`,
      formatters: { level: (label) => ({ level: label }) },
      // Errors under any key are already {name, message, stack} (serialise below), as before pino.
      serializers: { err: (e: unknown) => e },
    },
    destination,
  );
  const log = (level: LogLevel) => (msg: string, fields?: LogFields) => {
    if (p.isLevelEnabled(level)) p[level](serialise(fields), msg);
  };
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };

/** Errors do not survive JSON.stringify; keep their name, message and stack for the log. */
function serialise(fields: LogFields | undefined): LogFields {
  if (!fields) return {};
  const out: LogFields = {};
  for (const [k, v] of Object.entries(fields)) {
    out[k] = v instanceof Error ? { name: v.name, message: v.message, stack: v.stack } : v;
  }
  return out;
}
