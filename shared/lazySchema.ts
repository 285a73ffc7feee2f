/**
 * A module-level schema built on first use instead of at import (issue 10, cold start): the
 * renderer imports every protocol schema before its first screen, and building them (zod 4
 * constructs each schema, and each `.min()`/`.optional()` clones one) cost ~14 ms of CPU at load
 * 6 before the window could render, none of which the first screen needs (bench/boot.ts).
 *
 * The value stands in for the schema itself: the same type, and every property read, call and
 * `instanceof` is the built schema's, so callers and schemas composed from it are unchanged. It is
 * built once, when something first reads a property of it — parsing it, or building a schema that
 * uses it.
 */
/** Each stand-in's builder, for `built`. */
const builders = new WeakMap<object, () => object>();

export function lazySchema<T extends object>(build: () => T): T {
  let schema: T | undefined;
  const real = (): T => (schema ??= build());
  const standIn = new Proxy({} as T, {
    get: (_, key) => Reflect.get(real(), key),
    set: (_, key, value) => Reflect.set(real(), key, value),
    has: (_, key) => Reflect.has(real(), key),
    deleteProperty: (_, key) => Reflect.deleteProperty(real(), key),
    ownKeys: () => Reflect.ownKeys(real()),
    // A proxy may not report a property its (empty, extensible) target lacks as non-configurable.
    getOwnPropertyDescriptor: (_, key) => {
      const d = Reflect.getOwnPropertyDescriptor(real(), key);
      return d && { ...d, configurable: true };
    },
    defineProperty: (_, key, d) => Reflect.defineProperty(real(), key, d),
    getPrototypeOf: () => Reflect.getPrototypeOf(real()),
  });
  builders.set(standIn, real);
  return standIn;
}

/**
 * The schema behind a `lazySchema` (built now if it was not), or `schema` itself when it is not
 * one. A schema composed from another holds it as a field, and zod reads that field's internals on
 * every parse: through the stand-in, each read is a proxy trap (+18 % of a message's parse time,
 * jitless, 100,000 messages), so builders compose with the schemas themselves.
 */
export function built<T extends object>(schema: T): T {
  const real = builders.get(schema);
  return real ? (real() as T) : schema;
}
