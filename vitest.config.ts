import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

// Unit tests run in plain Node (pure logic, no DOM); DOM tests in happy-dom with WXT's fake browser.
export default defineConfig({
  test: {
    projects: [
      {
        // Property tests run hundreds of cases against fake-indexeddb: on a busy two-core CI
        // machine some take several seconds, so the per-test limit is not Vitest's 5 s.
        test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node', testTimeout: 30_000 },
      },
      {
        plugins: [WxtVitest()],
        test: { name: 'dom', include: ['tests/dom/**/*.test.{ts,tsx}'], environment: 'happy-dom', testTimeout: 30_000 },
      },
    ],
  },
});
