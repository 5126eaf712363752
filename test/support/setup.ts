import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll } from 'vitest';

// Each test file gets its own borg home (keys, security dir, cache), so tests never touch the
// user's ~/.config/borg or ~/.cache/borg and never see each other's repositories.
const borgHome = mkdtempSync(join(tmpdir(), 'cairn-borg-home-'));
process.env.BORG_BASE_DIR = borgHome;
// And its own keychain service: test files run two at a time against one Secret Service, and
// several use the repository id `usb`; one deleting its passphrase must not touch another's.
process.env.CAIRN_KEYCHAIN_SERVICE = `Cairn-test-${basename(borgHome)}`;
afterAll(() => rmSync(borgHome, { recursive: true, force: true }));
