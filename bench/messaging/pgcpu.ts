/**
 * CPU time of the PostgreSQL backends that serve one database — the server's connections — read
 * from `/proc/<pid>/stat` (user + system clock ticks) of the pids `pg_stat_activity` lists for it.
 * PostgreSQL runs on the same cores as the server and the bench client, so its share of a message
 * belongs in the bench beside the server's own `process.cpuUsage()`. Shared background processes
 * (WAL writer, checkpointer) are not counted: with `synchronous_commit = on` each backend flushes
 * its own commit's WAL, so that work is in its figure.
 *
 * `total()` is cumulative: a backend that was seen keeps its last reading after it exits (the pool
 * closes idle connections), one that appears counts from its start. The clock tick is 10 ms, so
 * compare phases of seconds, not single calls.
 */
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import pg from 'pg';

/** µs per clock tick of /proc/<pid>/stat, asked once, when PostgreSQL's CPU is first counted. */
let tickMicros: number | undefined;
const tickMicrosOnce = (): number =>
  (tickMicros ??= 1e6 / Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()));

export interface BackendCpu {
  /** CPU µs of the database's backends so far (all that were seen since `open`). */
  total(): Promise<number>;
  close(): Promise<void>;
}

export async function backendCpu(adminUrl: string, database: string): Promise<BackendCpu> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const seen = new Map<number, number>();
  return {
    async total() {
      const { rows } = await admin.query<{ pid: number }>(
        'select pid from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
        [database],
      );
      await Promise.all(
        rows.map(async ({ pid }) => {
          const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => null);
          if (stat === null) return; // it ended meanwhile: its last reading stands
          // Fields after the command name (which may hold spaces): state is 3rd, utime 14th, stime 15th.
          const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
          seen.set(pid, (Number(fields[11]) + Number(fields[12])) * tickMicrosOnce());
        }),
      );
      let sum = 0;
      for (const v of seen.values()) sum += v;
      return sum;
    },
    close: () => admin.end(),
  };
}
