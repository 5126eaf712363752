import { defineConfig } from 'vitest/config';

// Integration tests drive real borg, sshd and the keyring: give them time, and run files
// in a few forks only (the machine has 2 cores and borg is CPU-bound).
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
    setupFiles: ['test/support/setup.ts'],
    reporters: ['default', './test/support/summary-reporter.ts'],
  },
});
