import { fileURLToPath } from 'node:url';
import { defineProject } from 'vitest/config';

const source = (file: string) => fileURLToPath(new URL(`./src/${file}`, import.meta.url));

// `*.test-d.ts` files hold the type tests of the `client()` overloads: compiled by tsc, never run.
// The main entry imports its namespaces by name, as the published package does.
export default defineProject({
  resolve: {
    alias: [
      { find: /^@bw\/sdk\/messaging$/, replacement: source('messaging.ts') },
      { find: /^@bw\/sdk\/voice$/, replacement: source('voice.ts') },
    ],
  },
  test: {
    name: 'sdk',
    typecheck: {
      enabled: true,
      include: ['test/**/*.test-d.ts'],
      tsconfig: './tsconfig.json',
      ignoreSourceErrors: false,
    },
  },
});
