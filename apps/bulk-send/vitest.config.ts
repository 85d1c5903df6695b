import { defineProject } from 'vitest/config';

export default defineProject({ test: { name: 'bulk-send', testTimeout: 120_000 } });
