import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Two cores on CI: the end-to-end tests spawn processes and UDP sockets of their own.
    pool: 'forks',
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
    // Ink switches to "CI mode" (only the last frame, written on exit) when CI is set, as it is
    // on a CI runner; the TUI tests render as on a user's terminal. The binary does the same for
    // itself whenever it draws on a terminal (src/tui/run-live.tsx).
    env: { CI: 'false', CONTINUOUS_INTEGRATION: 'false' },
  },
});
