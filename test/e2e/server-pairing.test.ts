import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSshd, type SshServer } from '../support/sshd.js';
import { openApp, type E2eApp } from './harness.js';

// "Back up to a server" in the window: the ServerPairing component, reached through Repositories →
// Add repository → the guided server choice, against a private sshd (public keys only, so the
// user's login is the fixture's client key copied into the app's ~/.ssh).

const passphrase = 'server pairing passphrase 7';
const savedHome = process.env.HOME;

let server: SshServer;
beforeAll(async () => {
  server = await startSshd();
  server.authorize(server.clientPublicKey);
});
afterAll(() => server?.stop());
afterEach(() => {
  process.env.HOME = savedHome;
});

/** Opens the app with the fixture's client key as the user's ~/.ssh/id_ed25519, on the guided server choice. */
async function openPairing(viewport?: { width: number; height: number }): Promise<E2eApp> {
  const app = await openApp(viewport ? { viewport } : {});
  mkdirSync(join(app.dirs.home, '.ssh'), { recursive: true, mode: 0o700 });
  copyFileSync(server.clientKey, join(app.dirs.home, '.ssh', 'id_ed25519'));
  // The ssh handlers read ~/.ssh from the process's HOME (the harness gives the core its own).
  process.env.HOME = app.dirs.home;
  const { page } = app;
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Repositories' }).click();
  await page.getByRole('button', { name: 'Add repository' }).first().click();
  await page.getByRole('radio', { name: /Back up to a server/ }).check();
  await page.getByRole('heading', { name: 'Which server?' }).waitFor();
  return app;
}

async function fillServer(app: E2eApp, login: 'key' | { password: string }): Promise<void> {
  const { page } = app;
  await page.getByLabel('Server', { exact: true }).fill(server.host);
  await page.getByLabel('Port').fill(String(server.port));
  await page.getByLabel('Your user name on the server').fill(server.user);
  if (login === 'key') await page.getByRole('radio', { name: 'One of my keys' }).check();
  else await page.getByLabel('Password', { exact: true }).fill(login.password);
}

async function fillOptions(app: E2eApp, path: string): Promise<void> {
  const { page } = app;
  await page.getByLabel('Folder on the server').fill(path);
  await page.getByText('Advanced').click();
  await page.getByLabel('authorized_keys file on the server').fill(server.authorizedKeysFile);
  await page.getByLabel('Environment for borg on the server').fill(`BORG_BASE_DIR=${join(server.dir, 'server-borg-home')}`);
}

describe('backing up to a server without a terminal', () => {
  it('pairs after the user confirms the fingerprint, shows what was done on the server, then creates the repository', async () => {
    const app = await openPairing({ width: 480, height: 360 });
    const { page } = app;
    await fillServer(app, 'key');
    expect(await page.getByLabel('Key', { exact: true }).inputValue()).toBe(join(app.dirs.home, '.ssh', 'id_ed25519'));
    await app.screenshot('server-pairing-1-server');
    await page.getByRole('button', { name: 'Next: check the server' }).click();

    await page.getByRole('heading', { name: 'Is this your server?' }).waitFor();
    expect(await page.getByLabel('Host key fingerprint').textContent()).toBe(server.hostKeyFingerprint);
    await page.getByText('ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub').waitFor();
    await app.screenshot('server-pairing-2-fingerprint');
    await page.getByRole('button', { name: 'It matches: continue' }).click();

    const path = join(server.dir, 'backups', 'laptop');
    await page.getByRole('heading', { name: `Where on ${server.host}?` }).waitFor();
    expect(await page.getByRole('checkbox', { name: /Append-only/ }).isChecked()).toBe(true);
    await fillOptions(app, path);
    await app.screenshot('server-pairing-3-options');
    await page.getByRole('button', { name: `Pair with ${server.host}` }).click();

    await page.getByRole('heading', { name: `Paired with ${server.host}` }).waitFor({ timeout: 60_000 });
    const done = await page.locator('.pair-done li').allTextContents();
    expect(done).toEqual([
      expect.stringContaining(`Pinned host key ${server.hostKeyFingerprint}`),
      expect.stringContaining(`Created ${path}`),
      expect.stringMatching(/^Added Cairn's key to .*restricted to: command=".*--append-only"/),
    ]);
    await page.getByLabel('New passphrase').fill(passphrase);
    await page.getByLabel('Type it again').fill(passphrase);
    await app.screenshot('server-pairing-4-paired');
    await page.getByRole('button', { name: 'Create repository' }).click();

    // borg init runs over ssh; then onDone lets the editor open the new repository.
    await expect.poll(async () => (await app.core.store.load()).config.repositories.length, { timeout: 90_000 }).toBe(1);
    await page.getByRole('heading', { name: `Paired with ${server.host}` }).waitFor({ state: 'detached' });
    const [repository] = (await app.core.store.load()).config.repositories;
    expect(repository).toMatchObject({
      name: server.host, // a numeric address is kept whole as the suggested name
      url: `ssh://${server.user}@${server.host}:${server.port}${path}`,
      encryption: 'repokey-blake2',
      ssh: { keyFile: join(app.dirs.data, 'ssh', 'id_ed25519_cairn'), knownHostsFile: join(app.dirs.data, 'ssh', 'known_hosts') },
    });
    expect(existsSync(join(path, 'config'))).toBe(true); // borg init ran through the restricted key
    await app.screenshot('server-pairing-5-done');
    expect(JSON.stringify(app.requests)).not.toContain('BEGIN OPENSSH PRIVATE KEY');
    await app.close();
  });

  it('shows a refused password next to the login step and keeps everything typed', async () => {
    const app = await openPairing();
    const { page } = app;
    await fillServer(app, { password: 'not-accepted-here' });
    await page.getByRole('button', { name: 'Next: check the server' }).click();
    await page.getByRole('button', { name: 'It matches: continue' }).click();
    await fillOptions(app, join(server.dir, 'backups', 'pw'));
    await page.getByRole('button', { name: `Pair with ${server.host}` }).click();

    const failed = page.locator('.pair-steps li[data-status="failed"]');
    await failed.waitFor();
    expect(await failed.textContent()).toContain(`Log in as ${server.user}`);
    expect(await failed.getByRole('alert').textContent()).toContain(`The server refused the login as ${server.user} with the password.`);
    await app.screenshot('server-pairing-6-login-failed');
    await page.getByRole('button', { name: 'Change the server or login' }).click();
    expect(await page.getByLabel('Password', { exact: true }).inputValue()).toBe('not-accepted-here');
    expect(await page.getByLabel('Server', { exact: true }).inputValue()).toBe(server.host);
    expect(existsSync(join(server.dir, 'backups', 'pw'))).toBe(false);
    await app.close();
  });

  it('stops at the folder step when the server path is not writable and points at the path field', async () => {
    const app = await openPairing();
    const { page } = app;
    const file = join(server.dir, 'not-a-folder');
    writeFileSync(file, '');
    await fillServer(app, 'key');
    await page.getByRole('button', { name: 'Next: check the server' }).click();
    await page.getByRole('button', { name: 'It matches: continue' }).click();
    await fillOptions(app, join(file, 'repo'));
    await page.getByRole('button', { name: `Pair with ${server.host}` }).click();
    await page.locator('.pair-steps li[data-status="failed"]', { hasText: 'Prepare the folder' }).waitFor();
    await page.getByRole('button', { name: 'Change the options' }).click();
    const field = page.getByLabel('Folder on the server');
    expect(await field.inputValue()).toBe(join(file, 'repo'));
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    await app.screenshot('server-pairing-7-path-failed');
    await app.close();
  });

  it('warns loudly and offers no way on when the host key differs from the pinned one', async () => {
    const app = await openPairing({ width: 480, height: 360 });
    const { page } = app;
    const pinned = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl';
    mkdirSync(join(app.dirs.data, 'ssh'), { recursive: true });
    writeFileSync(join(app.dirs.data, 'ssh', 'known_hosts'), `[${server.host}]:${server.port} ${pinned}\n`);
    await fillServer(app, 'key');
    await page.getByRole('button', { name: 'Next: check the server' }).click();
    await page.getByRole('heading', { name: "Warning: this server's identity has changed" }).waitFor();
    expect(await page.getByRole('alert').textContent()).toContain(server.hostKeyFingerprint);
    expect(await page.getByRole('button', { name: /continue/i }).count()).toBe(0);
    await app.screenshot('server-pairing-8-changed');
    expect(app.requests.some((request) => request.method === 'ssh.pair')).toBe(false);
    await app.close();
  });
});
