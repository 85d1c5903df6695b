import { defineProject } from 'vitest/config';

export default defineProject({
  test: { name: 'frameworks', testTimeout: 20_000, hookTimeout: 30_000 },
});
