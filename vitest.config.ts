import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Integration tests start their own Redis and processes; keep files in parallel but bounded.
    maxWorkers: 2,
    reporters: ['default'],
  },
});
