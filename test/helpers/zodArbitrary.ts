/**
 * fast-check arbitraries generated from the zod request schemas, for the protocol fuzz test
 * (test/integration/fuzz.test.ts). Most values follow the schema (so requests get past parsing
 * into the handlers and the store); at every node a value may instead be hostile: text with NUL,
 * other C0 controls or lone surrogates, strings and arrays just over or far over their limits,
 * numbers beyond what the store holds, the wrong type, deep nesting, and objects with extra keys
 * (`__proto__`, `constructor` among them).
 *
 * Reads zod 4's schema definitions (`schema._zod.def`): the fuzz test must cover whatever the
 * schemas say, and a schema kind this does not know fails the test instead of being skipped.
 */
import fc from 'fast-check';
import type { z } from 'zod';

/** Marks an optional key left out of its object. */
const OMIT = Symbol('omit');
type Gen = fc.Arbitrary<unknown>;

/** Real values to mix in for particular schemas (by identity), so requests reach real rows. */
export type Overrides = Map<z.ZodType, Gen>;

interface Check {
  check: string;
  format?: string;
  pattern?: RegExp;
  minimum?: number;
  maximum?: number;
  length?: number;
  value?: number;
  inclusive?: boolean;
}
interface Def {
  type: string;
  format?: string;
  checks?: { _zod: { def: Check } }[];
  shape?: Record<string, z.ZodType>;
  catchall?: z.ZodType;
  element?: z.ZodType;
  innerType?: z.ZodType;
  options?: z.ZodType[];
  values?: unknown[];
  entries?: Record<string, unknown>;
  in?: z.ZodType;
}
const defOf = (s: z.ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;
const checksOf = (d: Def): Check[] => (d.checks ?? []).map((c) => c._zod.def);

/** One character as a user (or an attacker) might send it. */
const character: fc.Arbitrary<string> = fc.oneof(
  { weight: 8, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c)) },
  { weight: 1, arbitrary: fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)) },
);

/** Text with the characters above, and NUL at either end or in the middle. */
const shortText = (minLength: number, maxLength: number): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 6, arbitrary: fc.string({ unit: character, minLength, maxLength }) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.string({ maxLength: 10 }), fc.string({ maxLength: 10 }))
        .map(([a, b]) => `${a}\u0000${b}`),
    },
  );

/** A string over a limit: one character over, or far over (up to 200,000 characters, under the packet ceiling). */
const overLength = (max: number): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 4, arbitrary: fc.constant('x'.repeat(max + 1)) },
    {
      weight: 1,
      arbitrary: fc.integer({ min: max + 1, max: Math.max(max + 2, 200_000) }).map((n) => 'é'.repeat(n)),
    },
  );

/** Arrays and objects nested hundreds to thousands deep. */
const deepNesting: Gen = fc
  .tuple(fc.integer({ min: 100, max: 1000 }), fc.boolean())
  .map(([depth, arrays]) => {
    let v: unknown = 'bottom';
    for (let i = 0; i < depth; i++) v = arrays ? [v] : { a: v };
    return v;
  });

/** A value of any other type, or an absurd one. */
export const wrongType: Gen = fc.oneof(
  fc.anything({ maxDepth: 3 }),
  deepNesting,
  fc.constantFrom(null, true, 0, -1, 1e308, -1e308, 2 ** 53, '', [], {}, 'null', '__proto__'),
);

/** Sets a key as an own enumerable property, even `__proto__`. */
function setOwn(o: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
}

const extraKeys: fc.Arbitrary<[string, unknown][]> = fc.array(
  fc.tuple(
    fc.oneof(fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString'), fc.string()),
    wrongType,
  ),
  { minLength: 1, maxLength: 3 },
);

function stringArb(d: Def): Gen {
  const checks = checksOf(d);
  const min = checks.find((c) => c.check === 'min_length')?.minimum ?? 0;
  const max = checks.find((c) => c.check === 'max_length')?.maximum ?? 1000;
  const pattern = checks.find((c) => c.check === 'string_format' && c.pattern)?.pattern;
  const valid: fc.Arbitrary<string> =
    d.format === 'uuid'
      ? fc.uuid()
      : d.format === 'url'
        ? fc.webUrl()
        : pattern
          ? fc.stringMatching(pattern)
          : shortText(min, Math.min(max, 60));
  return fc.oneof(
    { weight: 10, arbitrary: valid },
    { weight: 3, arbitrary: shortText(0, 30) },
    { weight: 1, arbitrary: overLength(max) },
  );
}

function numberArb(d: Def): Gen {
  const checks = checksOf(d);
  const int = checks.some((c) => c.check === 'number_format' && c.format === 'safeint');
  let min = -1e9;
  let max = 1e9;
  for (const c of checks) {
    if (c.check === 'greater_than' && c.value !== undefined) min = c.value + (c.inclusive ? 0 : 1);
    if (c.check === 'less_than' && c.value !== undefined) max = c.value - (c.inclusive ? 0 : 1);
  }
  const inRange = int ? fc.integer({ min, max }) : fc.double({ min, max, noNaN: true });
  return fc.oneof(
    { weight: 6, arbitrary: inRange },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        min - 1,
        max + 1,
        2 ** 31,
        2 ** 31 - 1,
        2 ** 53 - 1,
        2 ** 53,
        0.5,
        -0,
        1e308,
      ),
    },
  );
}

function arrayArb(d: Def, overrides: Overrides): Gen {
  const checks = checksOf(d);
  const exact = checks.find((c) => c.check === 'length_equals')?.length;
  const min = exact ?? checks.find((c) => c.check === 'min_length')?.minimum ?? 0;
  const max = exact ?? checks.find((c) => c.check === 'max_length')?.maximum ?? 20;
  const element = arbitraryFor(d.element as z.ZodType, overrides);
  return fc.oneof(
    {
      weight: 8,
      arbitrary: fc.array(element, { minLength: min, maxLength: Math.min(max, Math.max(min, 6)) }),
    },
    // Over the limit: a cheap element repeated, so the payload stays far under the packet ceiling.
    { weight: 1, arbitrary: element.map((e) => Array.from({ length: max + 1 }, () => e)) },
  );
}

function objectArb(d: Def, overrides: Overrides): Gen {
  const shape = d.shape ?? {};
  const keys = Object.keys(shape);
  const values = keys.map((k) => arbitraryFor(shape[k] as z.ZodType, overrides));
  return fc
    .tuple(
      fc.tuple(...values),
      fc.oneof({ weight: 6, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: extraKeys }),
    )
    .map(([vs, extra]) => {
      const o: Record<string, unknown> = {};
      keys.forEach((k, i) => {
        if (vs[i] !== OMIT) setOwn(o, k, vs[i]);
      });
      for (const [k, v] of extra ?? []) setOwn(o, k, v);
      return o;
    });
}

/** Values for `schema`: mostly valid, hostile at any node (module comment). */
export function arbitraryFor(schema: z.ZodType, overrides: Overrides = new Map()): Gen {
  const d = defOf(schema);
  const own = overrides.get(schema);
  const base = ((): Gen => {
    switch (d.type) {
      case 'string':
        return stringArb(d);
      case 'number':
        return numberArb(d);
      case 'boolean':
        return fc.boolean();
      case 'enum':
        return fc.constantFrom(...Object.values(d.entries ?? {}));
      case 'literal':
        return fc.constantFrom(...(d.values ?? []));
      case 'object':
        return objectArb(d, overrides);
      case 'array':
        return arrayArb(d, overrides);
      case 'union':
        return fc.oneof(...(d.options ?? []).map((o) => arbitraryFor(o, overrides)));
      case 'optional':
      case 'default':
        return fc.oneof(fc.constant(OMIT), arbitraryFor(d.innerType as z.ZodType, overrides));
      case 'nullable':
        return fc.oneof(fc.constant(null), arbitraryFor(d.innerType as z.ZodType, overrides));
      case 'pipe':
        return arbitraryFor(d.in as z.ZodType, overrides);
      case 'custom':
        if (own) return own;
        throw new Error('A custom schema needs an override in the fuzz test.');
      default:
        throw new Error(`The fuzz test does not know zod schemas of type "${d.type}".`);
    }
  })();
  const valid = own && d.type !== 'custom' ? fc.oneof(own, base) : base;
  return fc.oneof({ weight: 14, arbitrary: valid }, { weight: 1, arbitrary: wrongType });
}

/** A whole payload for a request schema: an object as the schema says, or not an object at all. */
export function payloadFor(schema: z.ZodType, overrides: Overrides = new Map()): Gen {
  return fc.oneof(
    { weight: 12, arbitrary: arbitraryFor(schema, overrides).filter((v) => v !== OMIT) },
    { weight: 1, arbitrary: wrongType },
  );
}
