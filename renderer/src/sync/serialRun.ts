/**
 * One feature's pull/replay run against the server, serialised: a second `run()` starts after the
 * first has ended, a failed run is logged and does not break the chain, and a retry scheduled with
 * `retryIn` is replaced by the next run and cancelled by `dispose()` (until the next `run()`).
 * The group sync and the quick reply sync are built on it.
 */
export class SerialRun {
  private running: Promise<void> = Promise.resolve();
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private disposed = false;

  constructor(
    private readonly label: string,
    private readonly body: () => Promise<void>,
  ) {}

  /** Runs `body` after the run in flight, if any. */
  run(): Promise<void> {
    this.disposed = false;
    this.running = this.running
      .then(() => {
        this.clearRetry();
        return this.body();
      })
      .catch((e: unknown) => console.warn(`${this.label} failed`, e));
    return this.running;
  }

  /** Another run in `ms`, unless the owner was disposed or a run starts before. */
  retryIn(ms: number): void {
    if (this.disposed) return;
    this.clearRetry();
    this.retryTimer = setTimeout(() => void this.run(), Math.max(0, ms));
  }

  /** Stops the retry timer until the next `run()`; the sync engine calls it when it stops. */
  dispose(): void {
    this.disposed = true;
    this.clearRetry();
  }

  private clearRetry(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }
}
