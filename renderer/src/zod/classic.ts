/** `zod` in the renderer build (vite.renderer.config.ts): zod itself, without JIT (./jitless.ts). */
import './jitless';

export * from 'zod/v4';
