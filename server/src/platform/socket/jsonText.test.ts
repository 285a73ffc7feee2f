/**
 * An ack whose value is `JsonText` goes on the wire as the JSON socket.io-parser writes for the
 * value itself, and every other packet exactly as socket.io-parser writes it.
 */
import { createRequire } from 'node:module';
import fc from 'fast-check';
import { Decoder, Encoder, PacketType, type Packet } from 'socket.io-parser';
import { describe, expect, it } from 'vitest';
import { JsonText, jsonTextParser } from './jsonText';

const plain = new Encoder();
const ours = new jsonTextParser.Encoder();

/** What a client's decoder makes of one encoded packet. */
function decode(encoded: readonly unknown[]): Packet {
  const decoder = new Decoder();
  let got: Packet | undefined;
  decoder.on('decoded', (p: Packet) => (got = p));
  for (const part of encoded) decoder.add(part);
  if (!got) throw new Error('nothing decoded');
  return got;
}

const ack = (value: unknown, id = 7, nsp = '/'): Packet => ({
  type: PacketType.ACK,
  nsp,
  id,
  data: [{ ok: true, value }],
});

/** JSON values as `JSON.parse` returns them (no -0, no undefined), keys with `$` and `"` included. */
const json = fc.jsonValue().map((v) => JSON.parse(JSON.stringify(v)) as unknown);

describe('jsonTextParser', () => {
  it('writes an ack of JSON text as the ack of its value, byte for byte', () => {
    fc.assert(
      fc.property(json, fc.nat(), fc.constantFrom('/', '/admin'), (value, id, nsp) => {
        const encoded = ours.encode(ack(new JsonText(JSON.stringify(value)), id, nsp));
        expect(encoded).toEqual(plain.encode(ack(value, id, nsp)));
        expect(decode(encoded)).toEqual({ type: PacketType.ACK, nsp, id, data: [{ ok: true, value }] });
      }),
    );
  });

  it("keeps the text as it is: replacement patterns, the mark-like strings and the store's whitespace", () => {
    const text = '[{"id" : "$& $1 $$ $`", "x" : "\\u0000tradewind:json-text\\u0000"}, \n {"y" : "中 🙂"}]';
    const encoded: unknown[] = ours.encode(ack(new JsonText(text)));
    expect(encoded).toEqual([`37[{"ok":true,"value":${text}}]`]);
    expect(decode(encoded).data).toEqual([{ ok: true, value: JSON.parse(text) as unknown }]);
  });

  it('writes every other packet as socket.io-parser does', () => {
    const others: Packet[] = [
      ack([{ id: 'c1' }]),
      { type: PacketType.ACK, nsp: '/', id: 3, data: [{ ok: false, code: 'bad_request', message: 'No.' }] },
      { type: PacketType.ACK, nsp: '/', id: 4, data: [{ ok: true, value: 1 }, 'two'] },
      { type: PacketType.EVENT, nsp: '/', data: ['message:new', { ok: true, value: { text: 'hi' } }] },
      { type: PacketType.ACK, nsp: '/', id: 5, data: [{ ok: true, value: Buffer.from([1, 2, 3]) }] },
      { type: PacketType.CONNECT, nsp: '/', data: { sid: 'abc' } },
    ];
    for (const p of others) expect(ours.encode(p)).toEqual(plain.encode(p));
  });

  it("writes JSON text anywhere but an ack's value as the value it holds", () => {
    const value = { a: [1, 'two'], b: null };
    const text = new JsonText(JSON.stringify(value));
    const packets: [Packet, Packet][] = [
      [
        { type: PacketType.EVENT, nsp: '/', data: ['x', text] },
        { type: PacketType.EVENT, nsp: '/', data: ['x', value] },
      ],
      [ack({ nested: text }), ack({ nested: value })],
      [
        { type: PacketType.ACK, nsp: '/', id: 2, data: [{ ok: true, value: text }, 'more'] },
        { type: PacketType.ACK, nsp: '/', id: 2, data: [{ ok: true, value }, 'more'] },
      ],
    ];
    for (const [withText, withValue] of packets)
      expect(ours.encode(withText)).toEqual(plain.encode(withValue));
    expect(JSON.stringify({ text })).toBe(JSON.stringify({ text: value }));
  });

  it('is the socket.io-parser that socket.io itself loads (one copy: the same packets, the same rules)', () => {
    const here = createRequire(import.meta.url);
    const fromSocketIo = createRequire(here.resolve('socket.io'));
    expect(fromSocketIo.resolve('socket.io-parser')).toBe(here.resolve('socket.io-parser'));
  });
});
