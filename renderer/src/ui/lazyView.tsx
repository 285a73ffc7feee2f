import { type ComponentType, createElement, Suspense, use } from 'react';

/**
 * A screen or dialog that is not on the first screen, loaded on demand (issue 10, cold start: the
 * window's entry chunk leaves it out). Once its chunk is in (a first use, or `preloadLazyViews`
 * when the window is idle) it renders at once; before that it renders nothing until the chunk
 * arrives — no spinner or placeholder that would flash for a few milliseconds.
 */
export type LazyView<P> = ComponentType<P> & { preload(): Promise<void> };

const preloads = new Set<() => Promise<void>>();

export function lazyView<P extends object>(load: () => Promise<ComponentType<P>>): LazyView<P> {
  let loaded: ComponentType<P> | null = null;
  let pending: Promise<ComponentType<P>> | null = null;
  const component = (): Promise<ComponentType<P>> =>
    (pending ??= load().then(
      (c) => (loaded = c),
      (e: unknown) => {
        pending = null; // offline before the chunk was cached: a later use tries again
        throw e;
      },
    ));
  // The same element types whether or not the chunk is in yet, so that the view is never
  // mounted anew (and never loses its state) when its chunk arrives during a re-render.
  const Inner = (props: P): React.JSX.Element => createElement(loaded ?? use(component()), props);
  const View = (props: P): React.JSX.Element =>
    createElement(Suspense, { fallback: null }, createElement(Inner, props));
  const preload = (): Promise<void> => component().then(() => undefined);
  preloads.add(preload);
  return Object.assign(View, { preload });
}

/** Loads every lazy view's chunk (after the first screen, when the window is idle). */
export function preloadLazyViews(): void {
  for (const p of preloads) p().catch(() => undefined);
}
