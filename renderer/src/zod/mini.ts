/** `zod/mini` in the renderer build (vite.renderer.config.ts): zod mini, without JIT (./jitless.ts). */
import './jitless';

export * from 'zod/v4/mini';
