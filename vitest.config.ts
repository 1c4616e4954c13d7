import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The registry suite solves and random-plays every level; give slow machines room.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
