/**
 * The operator's public URL (`TRADEWIND_PUBLIC_URL`, docs/operations.md § Configuration): where
 * users and dispute handlers reach this server, e.g. `https://tradewind.example` behind a proxy.
 * Evidence bundles name the server's key document under it (`keyUrl`), which `tradewind-verify
 * --key-url` fetches, so it must be absolute.
 */
import { AppError } from '../../../shared/result';

/** The configured public URL as an absolute http(s) origin (and path), or null when unset. */
export function publicUrlOf(value: string | undefined): string | null {
  if (value === undefined || value.trim() === '') return null;
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new AppError('bad_request', `TRADEWIND_PUBLIC_URL is not an absolute URL: ${value}`);
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.username || url.password)
    throw new AppError(
      'bad_request',
      `TRADEWIND_PUBLIC_URL must be an http(s) URL without credentials, e.g. https://tradewind.example: ${value}`,
    );
  return url.href;
}
