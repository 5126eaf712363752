import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

// Each test file gets its own borg home (keys, security dir, cache), so tests never touch the
// user's ~/.config/borg or ~/.cache/borg and never see each other's repositories.
const borgHome = mkdtempSync(join(tmpdir(), 'cairn-borg-home-'));
process.env.BORG_BASE_DIR = borgHome;
afterAll(() => rmSync(borgHome, { recursive: true, force: true }));
