import { defineConfig } from 'vitest/config';

// Real Chromium with the built extension (run `npm run build` first; `npm run test:e2e` does).
export default defineConfig({
  test: {
    name: 'e2e',
    include: ['tests/e2e/**/*.e2e.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    // The UI updates once a second; give polls a few ticks.
    expect: { poll: { timeout: 5000, interval: 100 } },
    hookTimeout: 60_000,
    // Two cores: one browser at a time.
    fileParallelism: false,
  },
});
