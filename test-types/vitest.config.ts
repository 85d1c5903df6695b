import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Type tests: `*.test-d.ts` files are compiled by tsc, never executed. They import the packages by
// name and resolve them to the built `dist/*.d.ts` (see tsconfig.json), so what is checked is the
// declaration output users receive, not the sources.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  test: {
    name: 'types',
    include: [],
    typecheck: {
      enabled: true,
      only: true,
      include: ['**/*.test-d.ts'],
      tsconfig: './tsconfig.json',
      ignoreSourceErrors: false,
    },
  },
});
