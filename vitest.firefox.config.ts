import { defineConfig } from 'vitest/config';

// Real headless firefox-esr with the built MV2 extension:
//   npx wxt build -b firefox && npx vitest run --config vitest.firefox.config.ts
// Skipped (not failed) when /usr/bin/firefox-esr is absent.
export default defineConfig({
  test: {
    name: 'e2e-firefox',
    include: ['tests/e2e-firefox/**/*.firefox.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    // The UI updates once a second; give polls a few ticks.
    expect: { poll: { timeout: 5000, interval: 100 } },
    hookTimeout: 60_000,
    // One browser at a time.
    fileParallelism: false,
  },
});
