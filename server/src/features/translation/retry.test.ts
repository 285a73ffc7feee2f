/** How DeepL failures are classified (retry.ts), as deepl-node 1.28 reports them. */
import * as deepl from 'deepl-node';
import { describe, expect, it } from 'vitest';
import { classifyDeeplError } from './retry';

describe('classifyDeeplError', () => {
  it('reads a lost glossary from both answers DeepL gives to /v2/translate', () => {
    // 400 {"message":"Glossary not found"} — DeepL's answer.
    expect(classifyDeeplError(new deepl.DeepLError('Bad request, message: Glossary not found')).kind).toBe(
      'glossary_missing',
    );
    // 404, as some deployments answer; the service repairs on it too.
    expect(classifyDeeplError(new deepl.DeepLError('Not found, message: Glossary not found')).kind).toBe(
      'not_found',
    );
    expect(classifyDeeplError(new deepl.GlossaryNotFoundError('Glossary not found, ')).kind).toBe(
      'glossary_missing',
    );
  });

  it('other 4xx are bad requests, not retried inside the server', () => {
    for (const message of [
      "Bad request, message: Value for 'glossary_id' not supported.",
      'Bad request, message: No dictionary found for language pair pl-ZH in glossary',
      'Unexpected status code: 413 Payload Too Large, message: Request Entity Too Large, content: {}',
    ]) {
      const c = classifyDeeplError(new deepl.DeepLError(message));
      expect({ message, kind: c.kind, retryInline: c.retryInline }).toEqual({
        message,
        kind: 'bad_request',
        retryInline: false,
      });
    }
    // 5xx stays retryable.
    expect(
      classifyDeeplError(new deepl.DeepLError('Unexpected status code: 502 Bad Gateway')).retryInline,
    ).toBe(true);
  });
});
