import { writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { handleRequest, InvalidRequestError } from '../../../electron/core/api/router.js';
import { BorgError } from '../../../electron/core/borg/errors.js';
import { SshError } from '../../../electron/core/ssh/errors.js';
import { testRouter } from '../../support/router-context.js';

describe('the contract router', () => {
  it('answers a valid request with output that matches the contract', async () => {
    const { context } = testRouter();
    expect(await handleRequest(context, 'status.get', {})).toEqual({ jobs: [] });
    expect(await handleRequest(context, 'runs.recent', { limit: 5 })).toEqual([]);
  });

  it('refuses an unknown method, including prototype names', async () => {
    const { context } = testRouter();
    await expect(handleRequest(context, 'config.delete', {})).rejects.toThrow(InvalidRequestError);
    await expect(handleRequest(context, 'constructor', {})).rejects.toThrow(/Unknown method/);
    await expect(handleRequest(context, 42, {})).rejects.toThrow(/Unknown method/);
  });

  it('refuses malformed input before acting, saying which field is wrong', async () => {
    const { context, desktop } = testRouter();
    await expect(handleRequest(context, 'backup.start', { jobId: 7 })).rejects.toThrow(/Invalid input for backup.start: jobId/);
    await expect(handleRequest(context, 'backup.start', { jobId: 'a', command: 'rm -rf ~' })).rejects.toThrow(/Unrecognized key/i);
    await expect(handleRequest(context, 'runs.recent', { limit: 1e9 })).rejects.toThrow(/limit/);
    await expect(handleRequest(context, 'status.get', null)).rejects.toThrow(InvalidRequestError);
    await expect(handleRequest(context, 'states.save', { state: 'docs' })).rejects.toThrow(/Invalid input for states.save: state/);
    await expect(handleRequest(context, 'states.save', { state: [] })).rejects.toThrow(InvalidRequestError);
    await expect(handleRequest(context, 'dialog.pickFolders', { purpose: 'anything', multiple: true })).rejects.toThrow(/purpose/);
    await expect(handleRequest(context, 'items.remove', { kind: 'archive', id: 'x' })).rejects.toThrow(/kind/);
    // Nothing reached the desktop.
    expect(desktop.calls).toEqual([]);
  });

  it("turns the core's typed errors into the user's sentence with its hint, without the class name", async () => {
    const router = testRouter();
    await mkdir(join(router.root, 'config'), { recursive: true });
    await writeFile(join(router.root, 'config', 'config.json'), '{ "version": 1, ');
    const error = await handleRequest(router.context, 'config.get', {}).then(
      () => null,
      (e: unknown) => e as Error,
    );
    expect(error?.constructor).toBe(Error);
    expect(error?.message).toMatch(/^Cannot load .*config\.json: .*Cairn will not save over it/s);
  });

  it('puts the hint of borg and ssh errors into the message, the only part that crosses IPC', async () => {
    const router = testRouter();
    const failWith = (error: Error) => (router.desktop.openPath = () => Promise.reject(error));
    failWith(new SshError('host-unreachable', 'Cannot reach nas.local.', { hint: 'Check that the server is on.' }));
    await expect(handleRequest(router.context, 'app.openLogFolder', {})).rejects.toThrow(/^Cannot reach nas\.local\. Check that the server is on\.$/);
    failWith(new BorgError({ code: 'lock-timeout', summary: 'The repository is busy.', hint: 'Try again later.' }));
    const error = (await handleRequest(router.context, 'app.openLogFolder', {}).then(() => null, (e: unknown) => e)) as Error;
    expect([error.name, error.message]).toEqual(['Error', 'The repository is busy. Try again later.']);
  });
});
