/**
 * `tradewind://` deep links: `tradewind://chat?with=<memberId>&order=<orderNo>&product=<productId>`.
 *
 * A deep link comes from outside the app (a web page, an e-mail, another program), so it is
 * hostile input. Electron main parses it before forwarding it to the renderer, and the renderer
 * parses it again before acting on it; both use this one parser. It accepts exactly the shape
 * above and nothing else: another scheme or host, credentials, a port, a fragment, an unknown or
 * repeated parameter, an invalid member id, or an overlong or oddly-charactered reference is
 * refused with a `bad_request` Failure.
 */
import { z } from 'zod';
import { MemberId } from './protocol/schemas';
import { fail, ok, type Result } from './result';
import { parseUrl, searchParams, type WhatwgUrl } from './url';

export const DEEP_LINK_SCHEME = 'tradewind';
/** Longer links are refused before they are parsed. */
export const DEEP_LINK_MAX_LENGTH = 512;

/** Order numbers and product ids: printable identifiers from trading platforms, no markup, no spaces. */
const Reference = z
  .string()
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:/#-]{0,63}$/, 'A reference is up to 64 letters, digits and . _ : / # -');

export const ChatDeepLink = z.object({
  kind: z.literal('chat'),
  /** Member id of the partner to open a conversation with (normalised to lower case). */
  with: MemberId,
  orderNo: Reference.optional(),
  productId: Reference.optional(),
});
export type ChatDeepLink = z.infer<typeof ChatDeepLink>;
export type DeepLink = ChatDeepLink;

/** Query parameter → field of ChatDeepLink. Anything else in the query is refused. */
const PARAMS = { with: 'with', order: 'orderNo', product: 'productId' } as const;

/** Parses a `tradewind://` URL into a DeepLink, or says why it is refused. Never throws. */
export function parseDeepLink(input: unknown): Result<DeepLink> {
  if (typeof input !== 'string') return fail('bad_request', 'A deep link must be a string.');
  if (input.length > DEEP_LINK_MAX_LENGTH) return fail('bad_request', 'The deep link is too long.');
  // The URL parser silently strips tabs/newlines and trims control characters; refuse them instead.
  // eslint-disable-next-line no-control-regex -- matching control characters is the point here
  if (/[\u0000-\u001f\u007f\s\\]/.test(input))
    return fail('bad_request', 'The deep link contains invalid characters.');

  let url: WhatwgUrl;
  try {
    url = parseUrl(input);
  } catch {
    return fail('bad_request', 'The deep link is not a URL.');
  }
  if (url.protocol !== `${DEEP_LINK_SCHEME}:`) return fail('bad_request', 'Not a tradewind:// link.');
  if (url.username !== '' || url.password !== '' || url.port !== '')
    return fail('bad_request', 'The deep link must not carry credentials or a port.');
  if (url.hash !== '') return fail('bad_request', 'The deep link must not carry a fragment.');
  if (url.hostname !== 'chat') return fail('bad_request', 'Unknown deep link action.');
  if (url.pathname !== '' && url.pathname !== '/') return fail('bad_request', 'Unknown deep link path.');

  const fields: Record<string, string> = {};
  for (const [key, value] of url.searchParams) {
    if (!Object.hasOwn(PARAMS, key))
      return fail('bad_request', `Unknown deep link parameter "${key.slice(0, 20)}".`);
    const field = PARAMS[key as keyof typeof PARAMS];
    if (field in fields) return fail('bad_request', `Repeated deep link parameter "${key}".`);
    fields[field] = value;
  }

  const parsed = ChatDeepLink.safeParse({ kind: 'chat', ...fields });
  if (!parsed.success)
    return fail(
      'bad_request',
      'The deep link is not valid.',
      parsed.error.issues.map((i) => i.path.join('.')),
    );
  return ok(parsed.data);
}

/** The canonical URL of a deep link (what main forwards and what the app shares). */
export function formatDeepLink(link: DeepLink): string {
  const q = searchParams({ with: link.with });
  if (link.orderNo !== undefined) q.set('order', link.orderNo);
  if (link.productId !== undefined) q.set('product', link.productId);
  return `${DEEP_LINK_SCHEME}://chat?${q.toString()}`;
}

/**
 * Finds the deep link in a command line (Windows and Linux pass it as an argument to a new
 * instance, which forwards its argv to the running one). Only arguments that start with the
 * scheme are considered; the first one that parses wins.
 */
export function findDeepLinkInArgv(argv: readonly string[]): DeepLink | null {
  for (const arg of argv) {
    if (!arg.toLowerCase().startsWith(`${DEEP_LINK_SCHEME}:`)) continue;
    const r = parseDeepLink(arg);
    if (r.ok) return r.value;
  }
  return null;
}
