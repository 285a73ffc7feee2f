/**
 * `npm run server -- evidence rotate-key [--data <dir>]` replaces the server key and keeps the
 * old public key as retired (docs/operations.md § Backups and keys).
 *
 * `npm run server -- evidence export --conversation <id> --out <file> [--order <no> | --from <iso> --to <iso>]
 *   [--claim <text>] [--dispute <id>] [--no-attachments] [--no-translations] [--base-url <url>] [--data <dir>]`
 *
 * Builds the evidence bundle of a conversation from the server's records and signs its
 * attestation with the server key (docs/evidence.md § Producing bundles). `--out` may be a
 * directory, then the bundle gets its standard name there. The bundle's `keyUrl` is the key
 * document under the operator's public URL (`--base-url`, else `TRADEWIND_PUBLIC_URL`), absolute
 * so that `tradewind-verify --key-url` can fetch it; the machine translations the server has
 * cached for the participants' reading languages go in beside the originals unless
 * `--no-translations`.
 */
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Scope } from '../../../../shared/evidence/format';
import { AppError } from '../../../../shared/result';
import { openStore } from '../../platform/db';
import { attachmentsDirOf } from '../attachments';
import { publicUrlOf } from '../../platform/publicUrl';
import { loadOrCreateSigningKey, rotateSigningKey } from '../../platform/signing/signingKey';
import { exportFromServer } from './service';

export const EVIDENCE_USAGE =
  '  npm run server -- evidence rotate-key [--data <dir>]   (then restart every node)\n' +
  '  npm run server -- evidence export --conversation <id> --out <file|dir> [--order <no> | --from <iso> --to <iso>] [--claim <text>] [--dispute <id>] [--no-attachments] [--no-translations] [--base-url <url>]';

export async function evidenceCommand(argv: string[]): Promise<void> {
  const [sub, ...rest] = argv;
  if (sub === 'rotate-key') return rotateKeyCommand(rest);
  if (sub !== 'export')
    throw new AppError('bad_request', `Unknown evidence command "${sub ?? ''}".\nUsage:\n${EVIDENCE_USAGE}`);
  const { values } = parseArgs({
    args: rest,
    options: {
      data: { type: 'string' },
      conversation: { type: 'string' },
      out: { type: 'string' },
      order: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      claim: { type: 'string', default: '' },
      dispute: { type: 'string', default: '' },
      'no-attachments': { type: 'boolean', default: false },
      'no-translations': { type: 'boolean', default: false },
      'base-url': { type: 'string' },
    },
    strict: true,
  });
  if (!values.conversation || !values.out)
    throw new AppError('bad_request', `--conversation and --out are required.\nUsage:\n${EVIDENCE_USAGE}`);
  const rawScope = values.order
    ? { kind: 'order', orderNo: values.order }
    : values.from || values.to
      ? { kind: 'dateRange', from: values.from, to: values.to }
      : { kind: 'whole' };
  const scope = Scope.safeParse(rawScope);
  if (!scope.success)
    throw new AppError(
      'bad_request',
      'The scope is --order <no>, or --from and --to as ISO 8601 UTC times (e.g. 2025-03-01T00:00:00Z).',
    );

  // The key URL in the bundle must be absolute (tradewind-verify --key-url fetches it).
  const baseUrl = publicUrlOf(values['base-url'] ?? process.env.TRADEWIND_PUBLIC_URL);
  if (!baseUrl)
    process.stderr.write(
      'evidence export: no public URL (TRADEWIND_PUBLIC_URL or --base-url): the bundle names no key URL, so readers must pin the key with --key.\n',
    );
  const dataDir = resolve(values.data ?? process.env.TRADEWIND_DATA_DIR ?? './.tradewind');
  const keyFile = keyFileOf(values.data);
  // Never create a key here: a new key would not verify a single stored message.
  if (!existsSync(keyFile))
    throw new AppError(
      'not_found',
      `No server key at ${keyFile}; point --data or TRADEWIND_SIGNING_KEY_FILE at the server's.`,
    );
  const key = loadOrCreateSigningKey(keyFile);
  const store = await openStore({ databaseUrl: process.env.DATABASE_URL, dataDir });
  try {
    const started = performance.now();
    const bundle = await exportFromServer(store, key, {
      conversationId: values.conversation,
      scope: scope.data,
      options: { attachments: !values['no-attachments'], translations: !values['no-translations'] },
      claim: values.claim,
      disputeId: values.dispute,
      baseUrl,
      attachmentsDir: attachmentsDirOf(process.env, dataDir),
      now: new Date(),
    });
    const out = resolve(values.out);
    const file = existsSync(out) && statSync(out).isDirectory() ? join(out, bundle.fileName) : out;
    writeFileSync(file, bundle.zip);
    process.stdout.write(
      `${JSON.stringify({
        event: 'evidence-exported',
        file,
        bytes: bundle.zip.length,
        messages: bundle.evidence.messages.length,
        attachments: bundle.evidence.attachments.length,
        keyId: key.keyId,
        ms: Math.round(performance.now() - started),
      })}\n`,
    );
  } finally {
    await store.close();
  }
}

/** Where the server key file is: TRADEWIND_SIGNING_KEY_FILE, else `<data>/server-key.json`. */
function keyFileOf(data: string | undefined): string {
  const dataDir = resolve(data ?? process.env.TRADEWIND_DATA_DIR ?? './.tradewind');
  return process.env.TRADEWIND_SIGNING_KEY_FILE ?? join(dataDir, 'server-key.json');
}

function rotateKeyCommand(argv: string[]): void {
  const { values } = parseArgs({ args: argv, options: { data: { type: 'string' } }, strict: true });
  const keyFile = keyFileOf(values.data);
  if (!existsSync(keyFile))
    throw new AppError(
      'not_found',
      `No server key at ${keyFile}; point --data or TRADEWIND_SIGNING_KEY_FILE at the server's.`,
    );
  const { previous, current } = rotateSigningKey(keyFile);
  process.stdout.write(
    `${JSON.stringify({
      event: 'server-key-rotated',
      file: keyFile,
      keyId: current.keyId,
      retired: current.retired.map((r) => r.keyId),
      previous: previous.keyId,
    })}\n`,
  );
}
