import { defineConfig, type Options } from 'tsup';

/** The one build every publishable package shares: ESM + CJS + type declarations. */
export function packageBuild(overrides: Options = {}) {
  return defineConfig({
    entry: ['src/index.ts'],
    format: ['esm', 'cjs'],
    dts: true,
    clean: true,
    sourcemap: false,
    target: 'es2022',
    splitting: false,
    treeshake: true,
    ...overrides,
  });
}
