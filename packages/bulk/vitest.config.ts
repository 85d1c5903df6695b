import { defineProject } from 'vitest/config';

// Campaigns run in real time against the emulator (and Redis): seconds, not milliseconds.
export default defineProject({ test: { name: 'bulk', testTimeout: 60_000, hookTimeout: 60_000 } });
