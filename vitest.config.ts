import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: ['packages/*', 'apps/*', 'integration/*'],
    reporters: ['default', './scripts/vitest-summary.ts'],
  },
});
