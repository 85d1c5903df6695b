import { fileURLToPath } from 'node:url';
import { defineProject } from 'vitest/config';

const source = (file: string) => fileURLToPath(new URL(`./src/${file}`, import.meta.url));

// The entries import each other by name, as the published package does.
export default defineProject({
  test: { name: 'core' },
  resolve: {
    alias: [
      { find: /^@bw\/core$/, replacement: source('index.ts') },
      { find: /^@bw\/core\/shared$/, replacement: source('shared.ts') },
      { find: /^@bw\/core\/internal$/, replacement: source('internal.node.ts') },
    ],
  },
});
