import { describe, expect, it } from 'vitest';
import { fillPlaceholders, insertAt, matchReplies, slashQueryAt } from './logic';

const all = { name: 'Anna Kowalska', order: 'TW-8123', me: 'Li Wei' };

describe('fillPlaceholders', () => {
  it('fills {name}, {order} and {me}, every occurrence, in any case', () => {
    expect(fillPlaceholders('Dear {name}, order {order} ships Monday. {NAME}, thanks! — {Me}', all)).toEqual({
      text: 'Dear Anna Kowalska, order TW-8123 ships Monday. Anna Kowalska, thanks! — Li Wei',
      unfilled: null,
    });
  });

  it('leaves unknown words in braces and text around them alone', () => {
    expect(fillPlaceholders('{price} per {unit}; {{name}}', all).text).toBe(
      '{price} per {unit}; {Anna Kowalska}',
    );
    expect(fillPlaceholders('no placeholders 最低起订量', all)).toEqual({
      text: 'no placeholders 最低起订量',
      unfilled: null,
    });
  });

  it('keeps a placeholder whose value is not known and points at the first one', () => {
    const r = fillPlaceholders('Hi {name}, order {order} or {order}?', { ...all, order: null });
    expect(r.text).toBe('Hi Anna Kowalska, order {order} or {order}?');
    expect(r.unfilled).toEqual([24, 31]);
    expect(r.text.slice(...r.unfilled!)).toBe('{order}');
    expect(fillPlaceholders('{me}', { ...all, me: '' }).unfilled).toEqual([0, 4]);
  });

  it('does not fill a value into another value (a name that looks like a placeholder)', () => {
    expect(fillPlaceholders('{name} / {order}', { ...all, name: '{order}' }).text).toBe('{order} / TW-8123');
  });
});

describe('slashQueryAt', () => {
  it('finds a / at the start of the message or of a line, up to the caret', () => {
    expect(slashQueryAt('/', 1)).toEqual({ start: 0, query: '' });
    expect(slashQueryAt('/ship', 5)).toEqual({ start: 0, query: 'ship' });
    expect(slashQueryAt('/ship terms', 11)).toEqual({ start: 0, query: 'ship terms' });
    expect(slashQueryAt('Hello\n/mo', 9)).toEqual({ start: 6, query: 'mo' });
    expect(slashQueryAt('/ship', 3)).toEqual({ start: 0, query: 'sh' });
  });

  it('ignores a / inside a line, a caret before it, paths and long text', () => {
    expect(slashQueryAt('and/or', 6)).toBeNull();
    expect(slashQueryAt('/ship', 0)).toBeNull();
    expect(slashQueryAt('/ship\nmore', 10)).toBeNull();
    expect(slashQueryAt('// comment', 10)).toBeNull();
    expect(slashQueryAt('/ spaced', 8)).toBeNull();
    expect(slashQueryAt(`/${'x'.repeat(41)}`, 42)).toBeNull();
    expect(slashQueryAt('', 0)).toBeNull();
  });
});

describe('matchReplies', () => {
  const replies = [
    { name: 'Shipping terms', text: 'FOB Ningbo, 15 days.' },
    { name: 'MOQ', text: 'Minimum order 500 pieces.' },
    { name: 'Samples', text: 'Samples are free; shipping paid by buyer.' },
    { name: 'Envío', text: 'Enviamos por mar.' },
    { name: 'Air shipping', text: 'DHL 5 days.' },
  ];
  const names = (q: string) => matchReplies(replies, q, 'en').map((r) => r.name);

  it('offers everything by name for an empty query', () => {
    expect(names('')).toEqual(['Air shipping', 'Envío', 'MOQ', 'Samples', 'Shipping terms']);
  });

  it('ranks a name prefix, then a word prefix, then the name, then the text', () => {
    expect(names('ship')).toEqual(['Shipping terms', 'Air shipping', 'Samples']);
    expect(names('hipp')).toEqual(['Air shipping', 'Shipping terms', 'Samples']);
    expect(names('moq')).toEqual(['MOQ']);
    expect(names('500')).toEqual(['MOQ']);
    expect(names('nothing like it')).toEqual([]);
  });

  it('ignores case and accents', () => {
    expect(names('ENVIO')).toEqual(['Envío']);
    expect(names('envío')).toEqual(['Envío']);
  });
});

describe('insertAt', () => {
  it('replaces the /query and puts the caret after the inserted text', () => {
    const filled = fillPlaceholders('MOQ is 500 pieces.', all);
    expect(insertAt('Hi!\n/mo', 4, 7, filled)).toEqual({
      text: 'Hi!\nMOQ is 500 pieces.',
      selection: [22, 22],
    });
  });

  it('selects the first unfilled placeholder', () => {
    const filled = fillPlaceholders('Order {order} ships.', { ...all, order: null });
    const r = insertAt('/sh', 0, 3, filled);
    expect(r.text).toBe('Order {order} ships.');
    expect(r.text.slice(...r.selection)).toBe('{order}');
  });
});
