/**
 * An answer the store wrote as JSON text, sent as it is (issue 9: `sync:conversations` for a
 * seller's 10,000 conversations on PGlite).
 *
 * A request handler may answer `JsonText` instead of the value: the store built the JSON (on
 * PGlite one text value crosses from its thread instead of 10,000 rows of nine columns), and the
 * socket's encoder puts that text where `JSON.stringify` would have put the value. What is on
 * the wire is the same JSON value either way, so the protocol does not change; what goes is
 * the server's work on the value: the rows, the objects built from them, socket.io's `hasBinary`
 * walk over all of them and `JSON.stringify`. Only an ack's `value` (`{ ok: true, value }`) may be
 * `JsonText` this way: every other packet is encoded by socket.io-parser as before (where a
 * `JsonText` elsewhere is written as the value it holds, `toJSON`).
 */
import { Decoder, Encoder, PacketType, protocol, type Packet } from 'socket.io-parser';

/**
 * JSON text of a `T`, written by code that answers for it (the store's JSON functions). Nominal:
 * an object that merely has a `text` is not one.
 */
export class JsonText<T> {
  /** The type the text holds, for the handler's answer type only. */
  declare private readonly of: T;
  constructor(readonly text: string) {}
  /**
   * Anywhere but an ack's value (another packet, a log, a test's `JSON.stringify`) it stands for
   * the value it holds: slower, never a different answer.
   */
  toJSON(): unknown {
    return JSON.parse(this.text);
  }
}

/** Stands for the text in the packet that socket.io-parser encodes; no JSON answer can hold it. */
const MARK = '\u0000tradewind:json-text\u0000';
const MARK_JSON = JSON.stringify(MARK);

/** socket.io-parser's encoder, which sends an ack's `JsonText` value as its text. */
class JsonTextEncoder extends Encoder {
  override encode(packet: Packet): ReturnType<Encoder['encode']> {
    if (packet.type !== PacketType.ACK) return super.encode(packet);
    const args: unknown = packet.data;
    const result: unknown = Array.isArray(args) && args.length === 1 ? args[0] : undefined;
    if (typeof result !== 'object' || result === null) return super.encode(packet);
    const { value } = result as { value?: unknown };
    if (!(value instanceof JsonText)) return super.encode(packet);
    const encoded: unknown[] = super.encode({ ...packet, data: [{ ...result, value: MARK }] });
    const head = encoded[0];
    // The mark is the only string in the packet: `{ ok: true, value }` and nothing else.
    if (encoded.length !== 1 || typeof head !== 'string' || !head.includes(MARK_JSON))
      throw new Error('socket.io-parser encoded an ack with JSON text in a way this encoder does not know.');
    // A function, so that `$` in the text is not read as a replacement pattern.
    return [head.replace(MARK_JSON, () => value.text)];
  }
}

/** The `parser` option of socket.io's Server: socket.io-parser with `JsonTextEncoder`. */
export const jsonTextParser = { protocol, Encoder: JsonTextEncoder, Decoder };
