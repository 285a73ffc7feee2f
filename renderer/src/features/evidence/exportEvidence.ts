/**
 * An export from this device (docs/evidence.md § Producing bundles): ask the server to attest the
 * scope (its answer carries the batch proofs too), gather the stored messages, fetch into the local cache the attachments it lacks, build
 * the bundle in a Web Worker that reads the attachments from the cache one at a time (printing
 * report.html to PDF on the desktop), verify the final bundle once, and hand back the zip (a Blob)
 * for saving.
 */
import * as z from 'zod/mini';
import { selectMessages } from '../../../../shared/evidence/attestation';
import type { StoredMessage } from '../../../../shared/evidence/bundle';
import { genesisHash } from '../../../../shared/evidence/chain';
import { WellKnownServerKeys } from '../../../../shared/evidence/format';
import type { ExportOptions, MachineTranslation, Scope } from '../../../../shared/evidence/format';
import { withAttestedProofs } from '../../../../shared/protocol';
import { storeServerMessages } from '../../db/repo';
import type { MessageRow, TradewindDb } from '../../db/schema';
import type { SyncEngine } from '../../sync/engine';
import { loadAttachment } from '../attachments';
import type { BuildJob, BuildProgress, PrintPdf } from './build';
import { toExported, type ExportOutcome } from './outcome';
import type { WorkerIn, WorkerOut } from './evidence.worker';

export type ExportStage = 'attesting' | 'collecting' | 'attachments' | 'building' | 'verifying' | 'printing';

export interface ExportProgress {
  stage: ExportStage;
  done?: number;
  total?: number;
}

export interface ExportRequest {
  conversationId: string;
  partner: string;
  scope: Scope;
  options: ExportOptions;
  claim: string;
  disputeId: string;
  /** The exporter's IANA time zone (the one the scope's days were chosen in); names the file. */
  timeZone: string;
  /** Desktop: prints the report (with the photo files it links) to PDF, included as report.pdf. */
  printPdf?: PrintPdf;
}

export type ExportResult = ExportOutcome;

const SERVER_KEY_PATH = '/.well-known/tradewind/server-key.json';

/**
 * The key document of servers from before key replacement (`{alg, publicKey, keyId}`: the current
 * key only, nothing else: a document with more is judged by today's schema alone). Local because
 * the shared format defines only today's document, {@link WellKnownServerKeys}, whose top level is
 * this same triple.
 */
const LegacyServerKeyDoc = z.strictObject({
  alg: z.literal('Ed25519'),
  publicKey: z.string().check(z.regex(/^[0-9a-f]{64}$/)),
  keyId: z.string(),
});

/**
 * Public keys (hex) that `GET /.well-known/tradewind/server-key.json` vouches for: the current key
 * and every listed one (current and retired); null when the document is neither form.
 */
export function publishedKeys(doc: unknown): string[] | null {
  const r = WellKnownServerKeys.safeParse(doc);
  if (r.success) return [r.data.publicKey, ...r.data.keys.map((k) => k.publicKey)];
  const legacy = LegacyServerKeyDoc.safeParse(doc);
  return legacy.success ? [legacy.data.publicKey] : null;
}

/** The stored messages of a conversation in the evidence shape; prevHash filled from the chain when this device only has the ack. */
export function storedMessages(rows: readonly MessageRow[]): StoredMessage[] {
  const stored = rows
    .filter((m) => m.seq !== undefined && m.sentAt && m.hash && m.signature)
    .sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0));
  const hashBySeq = new Map(stored.map((m) => [m.seq as number, m.hash as string]));
  const out: StoredMessage[] = [];
  for (const m of stored) {
    const seq = m.seq as number;
    // My own messages were stored from the ack, which has no prevHash: it is the previous
    // message's hash (or the genesis hash), which the verifier checks anyway.
    const prevHash = m.prevHash ?? (seq === 1 ? genesisHash(m.conversationId) : hashBySeq.get(seq - 1));
    if (!prevHash) continue;
    out.push({
      conversationId: m.conversationId,
      seq,
      clientId: m.clientId,
      sender: m.sender,
      text: m.text,
      lang: m.lang,
      translation: m.translation,
      attachments: m.attachments,
      order: m.order,
      change: m.change ?? null,
      replyTo: m.replyTo ?? null,
      automatic: m.automatic ?? null,
      sentAt: m.sentAt as string,
      prevHash,
      hash: m.hash as string,
      signature: m.signature as string,
      proof: m.proof ?? null,
    });
  }
  return out;
}

/** Pages the whole conversation from the server into IndexedDB (used once when the local copy does not match the attestation). */
async function resync(db: TradewindDb, engine: SyncEngine, conversationId: string): Promise<void> {
  let after = 0;
  for (let guard = 0; guard < 10_000; guard++) {
    const page = await engine.request('sync:messages', { conversationId, afterSeq: after });
    if (!page.ok || page.value.messages.length === 0) return;
    await storeServerMessages(db, engine.me, page.value.messages);
    after = Math.max(...page.value.messages.map((m) => m.seq));
    if (!page.value.hasMore) return;
  }
}

/**
 * Builds, prints (desktop) and self-verifies in a worker, which reads the attachments from `db`
 * itself; on this thread when workers are unavailable.
 */
function runInWorker(
  db: TradewindDb,
  job: BuildJob,
  onProgress: (p: BuildProgress) => void,
  printPdf: PrintPdf | undefined,
): Promise<ExportOutcome> {
  let worker: Worker;
  try {
    worker = new Worker(new URL('./evidence.worker.ts', import.meta.url), { type: 'module' });
  } catch {
    // No workers (very old host): build on this thread after the dialog had a chance to paint.
    return Promise.all([import('./build'), import('./blobSink')]).then(async ([m, b]) =>
      toExported(
        await m.runBuild(job, {
          readAttachment: async (sha256) => (await db.attachmentBlobs.get(sha256))?.bytes,
          sink: b.blobSink(),
          progress: onProgress,
          ...(printPdf ? { printPdf } : {}),
        }),
      ),
    );
  }
  const send = (m: WorkerIn, transfer: Transferable[] = []): void => worker.postMessage(m, transfer);
  return new Promise((resolve) => {
    worker.onmessage = (e: MessageEvent<WorkerOut>) => {
      const m = e.data;
      if (m.kind === 'progress') onProgress(m.progress);
      else if (m.kind === 'print') {
        const print = printPdf ?? (() => Promise.resolve(null));
        print(m.html, m.files).then(
          (pdf) => send({ kind: 'pdf', pdf }),
          () => send({ kind: 'pdf', pdf: null }),
        );
      } else {
        worker.terminate();
        resolve(m.outcome);
      }
    };
    worker.onerror = (e) => {
      worker.terminate();
      resolve({ ok: false, code: 'internal', message: e.message || 'The export worker failed.' });
    };
    send({ kind: 'job', job, store: db.name, print: printPdf !== undefined });
  });
}

export async function exportEvidence(
  db: TradewindDb,
  engine: SyncEngine,
  req: ExportRequest,
  onProgress: (p: ExportProgress) => void,
): Promise<ExportResult> {
  onProgress({ stage: 'attesting' });
  const att = await engine.request(
    'evidence:attest',
    { conversationId: req.conversationId, scope: req.scope },
    30_000,
  );
  if (!att.ok) return att;
  const { attestation, publicKey, keyUrl, proofs } = att.value;

  // The published key must be the one the attestation came with (a mismatch means a misconfigured server).
  try {
    const res = await fetch(new URL(SERVER_KEY_PATH, engine.session.serverUrl), { cache: 'no-store' });
    if (res.ok) {
      let doc: unknown;
      try {
        doc = await res.json();
      } catch {
        doc = null;
      }
      const keys = publishedKeys(doc);
      if (!keys)
        return {
          ok: false,
          code: 'internal',
          message: 'The server published a key document this app cannot read.',
        };
      if (!keys.includes(publicKey)) {
        return {
          ok: false,
          code: 'conflict',
          message: 'The server published a different key than it signed with.',
        };
      }
    }
  } catch {
    // Offline from the key URL: the attestation's key is still checked by the verifier.
  }

  let outcome: ExportOutcome | null = null;
  for (let attempt = 0; attempt < 2; attempt++) {
    onProgress({ stage: 'collecting' });
    const rows = await db.messages
      .where('[conversationId+sort]')
      .between([req.conversationId, -Infinity], [req.conversationId, Infinity])
      .toArray();
    const messages = storedMessages(rows);
    // The live messages came without their batch proofs: the attestation answer has them.
    const selected = withAttestedProofs(selectMessages(messages, req.scope), proofs);

    if (req.options.attachments) {
      // The worker reads each photo from IndexedDB itself, once, as it writes it into the zip:
      // here only those this device does not have yet are fetched into it (their bytes let go).
      const refs = [...new Map(selected.flatMap((m) => m.attachments).map((a) => [a.sha256, a])).values()];
      const have = new Set(
        await db.attachmentBlobs
          .where('sha256')
          .anyOf(refs.map((r) => r.sha256))
          .primaryKeys(),
      );
      const missing = refs.filter((r) => !have.has(r.sha256));
      let done = 0;
      onProgress({ stage: 'attachments', done, total: missing.length });
      for (const ref of missing) {
        await loadAttachment(db, engine.session, ref);
        onProgress({ stage: 'attachments', done: ++done, total: missing.length });
      }
    }

    const machineTranslations: MachineTranslation[] = [];
    if (req.options.translations) {
      const seqOf = new Map(selected.map((m) => [m.clientId, m.seq]));
      const rowsT = await db.translations.where('conversationId').equals(req.conversationId).toArray();
      for (const t of rowsT) {
        const seq = seqOf.get(t.clientId);
        if (seq !== undefined && t.state === 'translated')
          machineTranslations.push({ seq, lang: t.targetLang, text: t.text });
      }
    }

    const job: BuildJob = {
      messages: selected,
      attestation,
      publicKeyHex: publicKey,
      keyUrl: keyUrl || null,
      scope: req.scope,
      options: req.options,
      claim: req.claim.trim(),
      disputeId: req.disputeId.trim(),
      exportedAt: new Date().toISOString(),
      exportedBy: engine.me,
      machineTranslations,
      partner: req.partner,
      timeZone: req.timeZone,
    };
    // Desktop: the worker asks for report.html to be printed and puts report.pdf in the bundle
    // (covered by the manifest) before the one verification.
    outcome = await runInWorker(db, job, (p) => onProgress({ stage: p.stage }), req.printPdf);
    if (outcome.ok || outcome.code !== 'conflict' || attempt > 0) break;
    // The local copy lacks something the server attested: fetch the conversation again, once.
    await resync(db, engine, req.conversationId);
  }
  return outcome ?? { ok: false, code: 'internal', message: 'Export failed.' };
}
