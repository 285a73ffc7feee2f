import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { built, lazySchema } from './lazySchema';

describe('lazySchema', () => {
  it('builds the schema on first use, once', () => {
    let builds = 0;
    const Name = lazySchema(() => {
      builds++;
      return z.string().min(1).max(5);
    });
    expect(builds).toBe(0);
    expect(Name.safeParse('abc').success).toBe(true);
    expect(Name.safeParse('').success).toBe(false);
    expect(Name.parse('abcde')).toBe('abcde');
    expect(builds).toBe(1);
  });

  it('composes like the schema itself: shapes, methods, unions, instanceof', () => {
    const Inner = lazySchema(() => z.object({ n: z.number().int() }));
    const Outer = lazySchema(() => z.object({ inner: Inner, tags: z.array(Inner).max(2) }));
    const Kind = lazySchema(() =>
      z.discriminatedUnion('kind', [
        z.object({ kind: z.literal('a'), inner: Inner }),
        z.object({ kind: z.literal('b') }),
      ]),
    );
    expect(Outer.parse({ inner: { n: 1 }, tags: [] })).toEqual({ inner: { n: 1 }, tags: [] });
    expect(Outer.safeParse({ inner: { n: 1.5 }, tags: [] }).success).toBe(false);
    expect(Outer.safeParse({ inner: { n: 1 }, tags: [{ n: 1 }, { n: 2 }, { n: 3 }] }).success).toBe(false);
    expect(Outer.shape.inner).toBe(Inner);
    expect(Inner.extend({ s: z.string() }).parse({ n: 2, s: 'x' })).toEqual({ n: 2, s: 'x' });
    expect(Inner.nullable().parse(null)).toBeNull();
    expect(Kind.parse({ kind: 'a', inner: { n: 3 } })).toEqual({ kind: 'a', inner: { n: 3 } });
    expect(Kind.safeParse({ kind: 'c' }).success).toBe(false);
    expect(Inner instanceof z.ZodObject).toBe(true);
    expect(Object.keys(Inner)).toEqual(expect.arrayContaining(['def', 'type']));
  });

  it('reports the same errors as the schema built at import', () => {
    const eager = z.object({ a: z.string().max(2) });
    const lazy = lazySchema(() => z.object({ a: z.string().max(2) }));
    const input = { a: 'abc' };
    expect(lazy.safeParse(input).error?.issues).toEqual(eager.safeParse(input).error?.issues);
  });

  it('built: the schema behind a stand-in, built on demand; anything else as it is', () => {
    let builds = 0;
    const Id = lazySchema(() => {
      builds++;
      return z.string().uuid();
    });
    const Holder = lazySchema(() => z.object({ id: built(Id) }));
    expect(builds).toBe(0);
    const real = built(Id);
    expect(builds).toBe(1);
    expect(real).not.toBe(Id);
    expect(built(real)).toBe(real);
    expect(built(Id)).toBe(real);
    expect(Holder.shape.id).toBe(real);
    expect(Holder.safeParse({ id: 'x' }).success).toBe(false);
    expect(builds).toBe(1);
    const plain = z.number();
    expect(built(plain)).toBe(plain);
  });
});
