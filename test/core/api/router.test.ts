import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { handleRequest, InvalidRequestError } from '../../../electron/core/api/router.js';
import { createCore } from '../../../electron/core/core.js';
import { tempDir } from '../../support/temp-dir.js';

function core() {
  const dir = tempDir();
  return createCore({ env: { CAIRN_CONFIG_DIR: join(dir, 'config'), CAIRN_DATA_DIR: join(dir, 'data'), CAIRN_CACHE_DIR: join(dir, 'cache') } });
}

describe('the contract router', () => {
  it('answers a valid request with output that matches the contract', async () => {
    expect(await handleRequest(core(), 'status.get', {})).toEqual({ jobs: [] });
    expect(await handleRequest(core(), 'runs.recent', { limit: 5 })).toEqual([]);
  });

  it('refuses an unknown method, including prototype names', async () => {
    await expect(handleRequest(core(), 'config.delete', {})).rejects.toThrow(InvalidRequestError);
    await expect(handleRequest(core(), 'constructor', {})).rejects.toThrow(/Unknown method/);
    await expect(handleRequest(core(), 42, {})).rejects.toThrow(/Unknown method/);
  });

  it('refuses malformed input before acting, saying which field is wrong', async () => {
    await expect(handleRequest(core(), 'backup.start', { jobId: 7 })).rejects.toThrow(/Invalid input for backup.start: jobId/);
    await expect(handleRequest(core(), 'backup.start', { jobId: 'a', command: 'rm -rf ~' })).rejects.toThrow(/Unrecognized key/i);
    await expect(handleRequest(core(), 'runs.recent', { limit: 1e9 })).rejects.toThrow(/limit/);
    await expect(handleRequest(core(), 'status.get', null)).rejects.toThrow(InvalidRequestError);
  });
});
