import { defineProject } from 'vitest/config';

// `*.test-d.ts` files hold the type tests of the `client()` overloads: compiled by tsc, never run.
export default defineProject({
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
