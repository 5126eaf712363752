import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Integration tests drive real borg, sshd and the keyring: give them time, and run files
// in a few forks only (the machine has 2 cores and borg is CPU-bound).
export default defineConfig({
  resolve: {
    // There is no Electron binary in tests: the shell runs against a recording fake typed like the
    // real API (test/fakes/electron.ts). electron-log is used through its Node entry, which does
    // not import electron, so nothing in node_modules needs the alias.
    alias: { electron: fileURLToPath(new URL('./test/fakes/electron.ts', import.meta.url)) },
  },
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
