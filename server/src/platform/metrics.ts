/**
 * Prometheus metrics (prom-client), one registry per server so that tests running several
 * servers in one process never mix their numbers (the process's own metrics are shared).
 * Features count through `ctx.metrics`; `GET /metrics` (platform/http/metrics.ts) serves the
 * registry. Names and meanings: docs/operations.md § Metrics.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

export interface Metrics {
  registry: Registry;
  /** Messages stored (not duplicates). */
  messagesPersisted: Counter;
  /** `message:new` pushed to a user's room (each participant counts once per message, on every node's fan-out). */
  messagesDelivered: Counter;
  /** Seconds from a request's arrival to its ack, by request name. */
  ackLatency: Histogram<'event'>;
  /** Answers by request name and outcome (`ok` or the error code). */
  requests: Counter<'event' | 'outcome'>;
  /** Sends answered by one group commit, by how it was written (features/messages/commit.ts `CommitPath`). */
  groupCommitSize: Histogram<'path'>;
  /** Attachment uploads by result (`created`, `existing`, or the error code). */
  uploads: Counter<'result'>;
  /** Bytes received in accepted uploads. */
  uploadBytes: Counter;
  /** Seconds an upload took, from its first byte to its answer. */
  uploadSeconds: Histogram;
  /** DeepL API calls by kind (`translate`, `usage`, `languages`, `glossary`). */
  deeplRequests: Counter<'kind'>;
  /** Characters sent to DeepL for translation (what DeepL bills). */
  deeplCharacters: Counter;
  /** DeepL API calls that failed, by kind. */
  deeplErrors: Counter<'kind'>;
}

/** Sockets this node holds, counted when scraped. */
export type SocketCounter = () => { signedIn: number; anonymous: number };

let processRegistry: Registry | undefined;

/**
 * The process's own metrics, among them `nodejs_eventloop_lag_seconds` and its percentiles (p50,
 * p90, p99): collected once per process, however many servers it runs. prom-client's collectors
 * start a timer and a GC observer that are never stopped, and that keep their registry alive.
 */
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

export function createMetrics(sockets: SocketCounter): Metrics {
  const own = new Registry();
  const registers = [own];
  new Gauge({
    name: 'tradewind_sockets',
    help: 'Socket.io connections on this node, by state.',
    labelNames: ['state'],
    registers,
    collect() {
      const n = sockets();
      this.set({ state: 'signed_in' }, n.signedIn);
      this.set({ state: 'anonymous' }, n.anonymous);
    },
  });
  const metrics = {
    messagesPersisted: new Counter({
      name: 'tradewind_messages_persisted_total',
      help: 'Messages stored (duplicates of a client id not counted).',
      registers,
    }),
    messagesDelivered: new Counter({
      name: 'tradewind_messages_delivered_total',
      help: 'message:new events pushed to a participant (all their devices on all nodes).',
      registers,
    }),
    ackLatency: new Histogram({
      name: 'tradewind_ack_latency_seconds',
      help: 'Time from a request arriving to its ack, by request.',
      labelNames: ['event'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    requests: new Counter({
      name: 'tradewind_requests_total',
      help: 'Requests answered, by request and outcome (ok or the error code).',
      labelNames: ['event', 'outcome'],
      registers,
    }),
    groupCommitSize: new Histogram({
      name: 'tradewind_group_commit_size',
      help: 'Sends answered by one group commit, by how it was written (path: cached, fell_back, locking, read, alone).',
      labelNames: ['path'],
      buckets: [1, 2, 5, 10, 20, 50, 100, 200, 500],
      registers,
    }),
    uploads: new Counter({
      name: 'tradewind_uploads_total',
      help: 'Attachment uploads, by result (created, existing, or the error code).',
      labelNames: ['result'],
      registers,
    }),
    uploadBytes: new Counter({
      name: 'tradewind_upload_bytes_total',
      help: 'Bytes of accepted attachment uploads.',
      registers,
    }),
    uploadSeconds: new Histogram({
      name: 'tradewind_upload_duration_seconds',
      help: 'Time an upload took, from its request to its answer.',
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
      registers,
    }),
    deeplRequests: new Counter({
      name: 'tradewind_deepl_requests_total',
      help: 'DeepL API calls, by kind.',
      labelNames: ['kind'],
      registers,
    }),
    deeplCharacters: new Counter({
      name: 'tradewind_deepl_characters_total',
      help: 'Characters sent to DeepL for translation.',
      registers,
    }),
    deeplErrors: new Counter({
      name: 'tradewind_deepl_errors_total',
      help: 'DeepL API calls that failed, by kind.',
      labelNames: ['kind'],
      registers,
    }),
  };
  // What `GET /metrics` serves: this server's metrics and the process's.
  return { registry: Registry.merge([processMetrics(), own]), ...metrics };
}
