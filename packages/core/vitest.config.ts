import { fileURLToPath } from 'node:url';
import { defineProject } from 'vitest/config';

// The callback primitives import the main entry by name, as the published package does.
export default defineProject({
  test: { name: 'core' },
  resolve: {
    alias: [
      {
        find: /^@bw\/core$/,
        replacement: fileURLToPath(new URL('./src/index.ts', import.meta.url)),
      },
    ],
  },
});
