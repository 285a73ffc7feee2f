/**
 * Host → renderer events. Deep links and notification clicks can arrive before the window has
 * loaded (a deep link that launched the app) or while it reloads, so events wait in a queue
 * until the renderer is ready and are then delivered in order. Preload buffers them again until
 * the page subscribes, so none is lost between the two.
 */
import { formatDeepLink, parseDeepLink } from '../../shared/deeplink';
import { HostEvent } from '../../shared/hostApi';

export interface EventSink {
  send(event: HostEvent): void;
}

/** Bounded so a flood of deep links cannot grow memory without limit. */
const MAX_QUEUED = 20;

export class HostEventQueue {
  #ready = false;
  #queue: HostEvent[] = [];

  constructor(private readonly sink: EventSink) {}

  /** Delivers now if the renderer is ready, else queues (dropping the oldest beyond the bound). */
  push(event: HostEvent): void {
    const parsed = HostEvent.parse(event);
    if (this.#ready) {
      this.sink.send(parsed);
      return;
    }
    this.#queue.push(parsed);
    if (this.#queue.length > MAX_QUEUED) this.#queue.shift();
  }

  /** The renderer finished loading: flush. */
  ready(): void {
    this.#ready = true;
    const pending = this.#queue;
    this.#queue = [];
    for (const e of pending) this.sink.send(e);
  }

  /** The renderer is (re)loading: queue until `ready` again. */
  notReady(): void {
    this.#ready = false;
  }

  get pending(): number {
    return this.#queue.length;
  }
}

/**
 * Validates a deep link from the OS (open-url, argv) and turns it into the event to forward: the
 * canonical re-serialisation of what was parsed, never the raw input. Null if refused.
 */
export function deepLinkEvent(rawUrl: string): HostEvent | null {
  const r = parseDeepLink(rawUrl);
  return r.ok ? { kind: 'deepLink', url: formatDeepLink(r.value) } : null;
}
