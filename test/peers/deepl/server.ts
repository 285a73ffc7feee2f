/**
 * A DeepL-compatible HTTP server for tests, benchmarks and offline demos. It speaks DeepL's v2
 * wire format for the endpoints deepl-node's `Translator` calls (read from deepl-node 1.28's
 * source): POST /v2/translate, GET /v2/usage, GET /v2/languages[?type=target],
 * GET /v2/glossary-language-pairs and the v2 glossary endpoints. deepl-node reaches it through
 * its `serverUrl` option.
 *
 * Errors are answered as DeepL answers them; for glossaries that is (checked against DeepL's own
 * mock server, DeepLcom/deepl-mock, which DeepL's client libraries test against):
 * - /v2/translate naming a glossary it does not have: **400** `{"message":"Glossary not found"}`
 *   (the glossary lookup fails inside the translate handler, which answers every failure 400);
 *   an id that is not a UUID: 400 `{"message":"Value for 'glossary_id' not supported."}`;
 *   a glossary without the request's language pair: 400
 *   `{"message":"No dictionary found for language pair <src>-<target> in glossary"}`.
 *   deepl-node turns a 400 into a plain `DeepLError` "Bad request, message: …".
 *   Some DeepL deployments have answered the unknown glossary 404 instead (deepl-node then
 *   raises "Not found, message: …"): `missingGlossaryStatus(404)` switches to that.
 * - GET/DELETE /v2/glossaries/<id> of an unknown glossary: 404 with an empty body (deepl-node:
 *   `GlossaryNotFoundError`).
 *
 * Besides DeepL's API it has a control API for tests:
 * - POST /__control `{mode, times?, delayMs?, path?, glossary?, message?}` makes the next `times`
 *   matching requests (default: all) answer 400 (with `message`), 429, 456, 500, 503, slowly
 *   (`slow`, after `delayMs`) or drop the connection (`reset`); `{mode:'normal'}` clears it.
 *   `path` is a path prefix, default `/v2/translate`; `*` matches every /v2 endpoint. `glossary`
 *   limits it to translate requests that name a glossary (true) or none (false).
 * - GET /__stats: request and billing counters. POST /__reset: clears counters and faults.
 * - POST /__drop-glossaries: forgets every glossary, as if deleted at DeepL behind the server's back.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { baseOf, translateOne } from './dictionary';
import {
  SOURCE_LANGUAGES,
  TARGET_LANGUAGES,
  GLOSSARY_LANGUAGES,
  glossaryPairs,
  isSourceLanguage,
  isTargetLanguage,
} from './languages';

/** DeepL's documented limits for one /v2/translate request. */
export const PEER_LIMITS = { textsPerRequest: 50, bodyBytes: 128 * 1024 } as const;

export type FaultMode = 'normal' | '400' | '429' | '456' | '500' | '503' | 'slow' | 'reset';

export interface Fault {
  mode: FaultMode;
  /** How many matching requests the fault applies to; omitted = until cleared. */
  times?: number;
  /** For `slow`: how long to wait before answering normally. */
  delayMs?: number;
  /** Path prefix the fault applies to; default `/v2/translate`, `*` = every /v2 path. */
  path?: string;
  /** Only /v2/translate requests that name a glossary (true) or that name none (false). */
  glossary?: boolean;
  /** For `400`: the `message` of the body; default DeepL's "Bad request". */
  message?: string;
}

export interface TranslateLogEntry {
  texts: string[];
  sourceLang: string | null;
  targetLang: string;
  glossaryId: string | null;
  billedCharacters: number;
  bodyBytes: number;
}

export interface PeerStats {
  /** Every request to /v2, including failed ones. */
  requests: number;
  byPath: Record<string, number>;
  /** Largest /v2/translate body received, answered or refused (413 above 128 KiB). */
  maxBodyBytesSeen: number;
  /** Successful /v2/translate requests. */
  translateRequests: number;
  textsTranslated: number;
  billedCharacters: number;
  maxTextsPerRequest: number;
  maxBodyBytes: number;
  /** Requests answered with an injected fault. */
  faultsServed: number;
  /** Requests rejected for a missing or wrong key. */
  unauthorized: number;
  translateLog: TranslateLogEntry[];
}

export interface DeeplPeerOptions {
  port?: number;
  host?: string;
  /** Accepted key; when omitted any non-empty `DeepL-Auth-Key` is accepted. */
  authKey?: string;
  /** `character_limit` of /v2/usage; translation beyond it answers 456. */
  characterLimit?: number;
  /** false: never report `billed_characters`, as DeepL did before `show_billed_characters`. */
  billedCharacters?: boolean;
}

export interface DeeplPeer {
  url: string;
  port: number;
  stats: () => PeerStats;
  control: (fault: Fault) => void;
  reset: () => void;
  close: () => Promise<void>;
  /** Resolves once `n` /v2/translate requests have been received (answered or not). */
  waitForTranslateRequests: (n: number) => Promise<void>;
  /** Ids of the glossaries the peer holds. */
  glossaryIds: () => string[];
  /** Forgets every glossary (DeepL lost them, or someone deleted them with the same key). */
  dropGlossaries: () => void;
  /** How /v2/translate answers a glossary it does not have: 400 (DeepL's answer, the default) or 404. */
  missingGlossaryStatus: (status: 400 | 404) => void;
}

interface StoredGlossary {
  glossary_id: string;
  name: string;
  ready: boolean;
  source_lang: string;
  target_lang: string;
  creation_time: string;
  entry_count: number;
  entries: [string, string][];
}

function emptyStats(): PeerStats {
  return {
    requests: 0,
    byPath: {},
    translateRequests: 0,
    textsTranslated: 0,
    billedCharacters: 0,
    maxTextsPerRequest: 0,
    maxBodyBytes: 0,
    maxBodyBytesSeen: 0,
    faultsServed: 0,
    unauthorized: 0,
    translateLog: [],
  };
}

const chars = (s: string): number => [...s].length;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function parseTsv(tsv: string): [string, string][] {
  return tsv
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '')
    .map((l) => {
      const [s = '', t = ''] = l.split('\t');
      return [s.trim(), t.trim()];
    });
}

function parseCsv(csv: string): [string, string][] {
  return csv
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '')
    .map((l) => {
      const [s = '', t = ''] = l.split(',');
      return [s.trim(), t.trim()];
    });
}

/** Reads a body as a flat multimap from form encoding or JSON (arrays become repeated keys). */
function parseBody(req: IncomingMessage, raw: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const add = (k: string, v: string): void => {
    const key = k.endsWith('[]') ? k.slice(0, -2) : k;
    out.set(key, [...(out.get(key) ?? []), v]);
  };
  const type = req.headers['content-type'] ?? '';
  if (type.includes('application/json')) {
    const obj = JSON.parse(raw || '{}') as Record<string, unknown>;
    for (const [k, v] of Object.entries(obj)) {
      if (Array.isArray(v)) for (const item of v) add(k, String(item));
      else if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') add(k, String(v));
      else if (v !== null && v !== undefined) add(k, JSON.stringify(v));
    }
  } else {
    for (const [k, v] of new URLSearchParams(raw)) add(k, v);
  }
  return out;
}

export async function startDeeplPeer(options: DeeplPeerOptions = {}): Promise<DeeplPeer> {
  let stats = emptyStats();
  let fault: (Fault & { left: number }) | null = null;
  let characterCount = 0;
  const characterLimit = options.characterLimit ?? 500_000;
  const glossaries = new Map<string, StoredGlossary>();
  let missingGlossary: 400 | 404 = 400;
  const waiters: { n: number; resolve: () => void }[] = [];
  let translateSeen = 0;

  const send = (res: ServerResponse, status: number, body?: unknown): void => {
    if (res.writableEnded || res.destroyed) return;
    if (body === undefined) {
      res.writeHead(status).end();
      return;
    }
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    res
      .writeHead(status, {
        'content-type': typeof body === 'string' ? 'text/tab-separated-values' : 'application/json',
      })
      .end(text);
  };

  const matchFault = (req: IncomingMessage, path: string, raw: string): (Fault & { left: number }) | null => {
    if (!fault || fault.mode === 'normal') return null;
    const prefix = fault.path ?? '/v2/translate';
    if (prefix !== '*' && !path.startsWith(prefix)) return null;
    if (fault.glossary !== undefined && parseBody(req, raw).has('glossary_id') !== fault.glossary)
      return null;
    if (fault.left <= 0) return null;
    fault.left -= 1;
    return fault;
  };

  function handleApi(req: IncomingMessage, res: ServerResponse, url: URL, raw: string): void {
    const path = url.pathname;
    const method = req.method ?? 'GET';

    if (path === '/v2/translate' && method === 'POST') {
      const body = parseBody(req, raw);
      const texts = body.get('text') ?? [];
      const target = body.get('target_lang')?.[0];
      const sourceRaw = body.get('source_lang')?.[0] ?? null;
      const glossaryId = body.get('glossary_id')?.[0] ?? null;
      const bodyBytes = Buffer.byteLength(raw);
      stats.maxBodyBytesSeen = Math.max(stats.maxBodyBytesSeen, bodyBytes);
      if (bodyBytes > PEER_LIMITS.bodyBytes) return send(res, 413, { message: 'Request Entity Too Large' });
      if (texts.length === 0) return send(res, 400, { message: "Parameter 'text' not specified." });
      if (texts.length > PEER_LIMITS.textsPerRequest)
        return send(res, 400, { message: 'Too many texts in request.' });
      if (!target || !isTargetLanguage(target))
        return send(res, 400, { message: "Value for 'target_lang' not supported." });
      if (target.toUpperCase() === 'EN' || target.toUpperCase() === 'PT')
        return send(res, 400, {
          message: `targetLang='${target}' is deprecated, please use a regional variant.`,
        });
      if (sourceRaw !== null && !isSourceLanguage(sourceRaw))
        return send(res, 400, { message: "Value for 'source_lang' not supported." });
      let glossary: StoredGlossary | undefined;
      if (glossaryId !== null) {
        if (sourceRaw === null)
          return send(res, 400, {
            message: "Use of a glossary requires the 'source_lang' parameter to be specified.",
          });
        if (!UUID.test(glossaryId))
          return send(res, 400, { message: "Value for 'glossary_id' not supported." });
        glossary = glossaries.get(glossaryId);
        if (!glossary) return send(res, missingGlossary, { message: 'Glossary not found' });
        if (glossary.source_lang !== baseOf(sourceRaw) || glossary.target_lang !== baseOf(target))
          return send(res, 400, {
            message: `No dictionary found for language pair ${sourceRaw.toLowerCase()}-${target} in glossary`,
          });
      }
      const billed = texts.reduce((n, t) => n + chars(t), 0);
      if (characterCount + billed > characterLimit) return send(res, 456, { message: 'Quota Exceeded' });
      characterCount += billed;
      const source = sourceRaw === null ? null : baseOf(sourceRaw);
      const translations = texts.map((t) => {
        const r = translateOne(t, source, target, glossary);
        return {
          detected_source_language: r.detected.toUpperCase(),
          text: r.text,
          billed_characters: chars(t),
        };
      });
      stats.translateRequests += 1;
      stats.textsTranslated += texts.length;
      stats.billedCharacters += billed;
      stats.maxTextsPerRequest = Math.max(stats.maxTextsPerRequest, texts.length);
      stats.maxBodyBytes = Math.max(stats.maxBodyBytes, bodyBytes);
      stats.translateLog.push({
        texts,
        sourceLang: source,
        targetLang: target,
        glossaryId,
        billedCharacters: billed,
        bodyBytes,
      });
      const showBilled =
        body.get('show_billed_characters')?.[0] === '1' && options.billedCharacters !== false;
      return send(res, 200, {
        translations: showBilled
          ? translations
          : translations.map(({ billed_characters: _b, ...rest }) => rest),
      });
    }

    if (path === '/v2/usage' && (method === 'GET' || method === 'POST'))
      return send(res, 200, { character_count: characterCount, character_limit: characterLimit });

    if (path === '/v2/languages' && (method === 'GET' || method === 'POST')) {
      const type = url.searchParams.get('type') ?? parseBody(req, raw).get('type')?.[0] ?? 'source';
      return send(res, 200, type === 'target' ? TARGET_LANGUAGES : SOURCE_LANGUAGES);
    }

    if (path === '/v2/glossary-language-pairs' && method === 'GET')
      return send(res, 200, { supported_languages: glossaryPairs() });

    if (path === '/v2/glossaries' && method === 'POST') {
      const body = parseBody(req, raw);
      const name = body.get('name')?.[0];
      const source = body.get('source_lang')?.[0]?.toLowerCase();
      const target = body.get('target_lang')?.[0]?.toLowerCase();
      const format = body.get('entries_format')?.[0] ?? 'tsv';
      const entriesRaw = body.get('entries')?.[0];
      if (!name || !source || !target || entriesRaw === undefined)
        return send(res, 400, { message: 'Missing or invalid argument.' });
      if (!GLOSSARY_LANGUAGES.includes(source) || !GLOSSARY_LANGUAGES.includes(target) || source === target)
        return send(res, 400, { message: 'Unsupported glossary source and target language pair.' });
      const entries = format === 'csv' ? parseCsv(entriesRaw) : parseTsv(entriesRaw);
      if (entries.length === 0 || entries.some(([s, t]) => s === '' || t === ''))
        return send(res, 400, { message: 'Invalid glossary entries provided.' });
      const g: StoredGlossary = {
        glossary_id: randomUUID(),
        name,
        ready: true,
        source_lang: source,
        target_lang: target,
        creation_time: new Date().toISOString(),
        entry_count: entries.length,
        entries,
      };
      glossaries.set(g.glossary_id, g);
      const { entries: _e, ...info } = g;
      return send(res, 201, info);
    }

    if (path === '/v2/glossaries' && method === 'GET')
      return send(res, 200, { glossaries: [...glossaries.values()].map(({ entries: _e, ...info }) => info) });

    const gm = /^\/v2\/glossaries\/([^/]+)(\/entries)?$/.exec(path);
    if (gm?.[1]) {
      const g = glossaries.get(decodeURIComponent(gm[1]));
      if (!g) return send(res, 404);
      if (gm[2] && method === 'GET')
        return send(res, 200, g.entries.map(([s, t]) => `${s}\t${t}`).join('\n'));
      if (!gm[2] && method === 'GET') {
        const { entries: _e, ...info } = g;
        return send(res, 200, info);
      }
      if (!gm[2] && method === 'DELETE') {
        glossaries.delete(g.glossary_id);
        return send(res, 204);
      }
    }
    return send(res, 404, { message: 'Not found' });
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://peer');
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      void route(req, res, url, raw).catch((err: unknown) => {
        send(res, 500, { message: err instanceof Error ? err.message : 'peer error' });
      });
    });
  });

  async function route(req: IncomingMessage, res: ServerResponse, url: URL, raw: string): Promise<void> {
    const path = url.pathname;
    if (path === '/__control' && req.method === 'POST') {
      const f = JSON.parse(raw || '{}') as Fault;
      control(f);
      return send(res, 200, { ok: true });
    }
    if (path === '/__stats') return send(res, 200, stats);
    if (path === '/__drop-glossaries' && req.method === 'POST') {
      glossaries.clear();
      return send(res, 200, { ok: true });
    }
    if (path === '/__reset' && req.method === 'POST') {
      reset();
      return send(res, 200, { ok: true });
    }
    if (!path.startsWith('/v2/')) return send(res, 404, { message: 'Not found' });

    stats.requests += 1;
    stats.byPath[path] = (stats.byPath[path] ?? 0) + 1;
    if (path === '/v2/translate') {
      translateSeen += 1;
      for (const w of waiters.filter((x) => translateSeen >= x.n)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
    }

    const auth = req.headers.authorization ?? '';
    const m = /^DeepL-Auth-Key (\S+)$/.exec(auth);
    if (!m?.[1] || (options.authKey !== undefined && m[1] !== options.authKey)) {
      stats.unauthorized += 1;
      return send(res, 403, { message: 'Authorization failure, check auth_key' });
    }

    const f = matchFault(req, path, raw);
    if (f) {
      stats.faultsServed += 1;
      switch (f.mode) {
        case '400':
          return send(res, 400, { message: f.message ?? 'Bad request' });
        case '429':
          res.setHeader('retry-after', '1');
          return send(res, 429, { message: 'Too many requests' });
        case '456':
          return send(res, 456, { message: 'Quota Exceeded' });
        case '500':
          return send(res, 500, { message: 'Internal Server Error' });
        case '503':
          return send(res, 503, { message: 'Service Unavailable' });
        case 'reset':
          req.socket.destroy();
          return;
        case 'slow': {
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, f.delayMs ?? 10_000);
            // The client gave up (its timeout): stop waiting and answer nobody.
            res.on('close', () => {
              clearTimeout(timer);
              resolve();
            });
          });
          if (res.destroyed || res.writableEnded) return;
          break;
        }
      }
    }
    return handleApi(req, res, url, raw);
  }

  function control(f: Fault): void {
    fault = f.mode === 'normal' ? null : { ...f, left: f.times ?? Number.POSITIVE_INFINITY };
  }
  function reset(): void {
    stats = emptyStats();
    fault = null;
    characterCount = 0;
    missingGlossary = 400;
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    port,
    stats: () => structuredClone(stats),
    control,
    reset,
    glossaryIds: () => [...glossaries.keys()],
    dropGlossaries: () => glossaries.clear(),
    missingGlossaryStatus: (status) => {
      missingGlossary = status;
    },
    waitForTranslateRequests: (n) =>
      translateSeen >= n ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ n, resolve })),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
