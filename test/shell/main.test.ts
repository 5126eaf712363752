import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { archiveNames } from '../support/borg-fixture.js';
import { bootApp, launchAgain, makeWorld, waitFor, type BootedApp } from './boot.js';

let app: BootedApp | undefined;
afterEach(async () => {
  vi.useRealTimers();
  await app?.quit();
  app = undefined;
});

/** The label of the job's top-level tray entry ("Laptop: last backup just now"). */
function jobLabel(booted: BootedApp, name: string): string {
  const item = booted.electron.testing.tray().menu().items.find((i) => i.label.startsWith(`${name}:`));
  return item?.label ?? '(no entry)';
}

describe('the tray app', () => {
  it('starts in the tray with no window, and a tray "Back up now" runs a real borg backup that keeps the machine awake meanwhile', async () => {
    const world = await makeWorld();
    await world.writeConfig([{ name: 'Laptop' }]);
    app = await bootApp(world);
    const { testing } = app.electron;
    expect(testing.world.windowsCreated).toHaveLength(0);
    expect(jobLabel(app, 'Laptop')).toBe('Laptop: no backup yet');
    expect(testing.tray().imagePath()).toMatch(/idle-light\.png$/);

    testing.tray().clickMenuItem('Back up now');
    const [record] = await waitFor('the backup to be recorded', async () => {
      const runs = await world.runs();
      return runs.length > 0 ? runs : null;
    });
    expect(record?.outcome).toBe('ok');
    expect(record?.trigger).toBe('manual');
    expect(await archiveNames(world.access)).toEqual([record?.archiveName]);
    // One blocker for the run, released when it ended.
    expect(testing.world.blockers).toEqual([{ id: 1, type: 'prevent-app-suspension', stopped: true }]);
    // The menu was rebuilt from the run's events and shows the new last success.
    await waitFor('the menu to show the new backup', () => jobLabel(app!, 'Laptop') === 'Laptop: last backup just now');
    expect(testing.tray().menu().find(/^Laptop/, 'Last backup just now').enabled).toBe(false);
    expect(testing.tray().imagePath()).toMatch(/idle-light\.png$/);
    // No success notifications unless asked for.
    expect(testing.world.notifications).toHaveLength(0);
  });

  it('notifies once for a failing repository, not again for the same failure, and releases the sleep blocker each time', async () => {
    const world = await makeWorld();
    await world.writeConfig([{ name: 'Laptop' }], { repositoryUrl: join(world.root, 'no-such-repo') });
    app = await bootApp(world);
    const { testing } = app.electron;

    for (const attempt of [1, 2]) {
      testing.tray().clickMenuItem(/^Laptop/, 'Back up now');
      const runs = await waitFor(`failure ${attempt} to be recorded`, async () => {
        const all = await world.runs();
        return all.length === attempt ? all : null;
      });
      const run = runs[attempt - 1]!;
      expect(run.outcome).toBe('error');
      await waitFor(`the notification decision for failure ${attempt}`, async () => (await app!.log()).includes(`notifications decided for run ${run.id}`));
    }
    expect(testing.world.notifications).toHaveLength(1);
    const notification = testing.world.notifications[0]!;
    expect(notification.title).toMatch(/Laptop/);
    expect(testing.world.blockers.map((b) => b.stopped)).toEqual([true, true]);
    await waitFor('the error icon', () => /error-light\.png$/.test(testing.tray().imagePath()));
    expect(jobLabel(app, 'Laptop')).toBe('Laptop: last backup failed');

    // Clicking the notification opens the window on the failed run.
    notification.click();
    const window = testing.world.windowsCreated[0];
    expect(window).toBeDefined();
    const failed = (await world.runs())[0]!;
    await waitFor('the window to be told where to go', () => window!.webContents.sent.length > 0);
    expect(window!.webContents.sent).toContainEqual({ channel: 'cairn:event', args: ['ui.navigate', { view: 'run', jobId: 'laptop', runId: failed.id }] });
  });

  it('cancels a running job from the tray: the run is recorded as cancelled and the blocker released', async () => {
    const world = await makeWorld();
    await world.writeConfig([{ name: 'Laptop', hooks: { preHook: 'sleep 30' } }]);
    app = await bootApp(world);
    const { testing } = app.electron;
    testing.tray().clickMenuItem(/^Laptop/, 'Back up now');
    await waitFor('the job to show as running', () => /^Laptop: running/.test(jobLabel(app!, 'Laptop')));
    await waitFor('the blocker', () => testing.world.blockers.length === 1);
    await waitFor('the running icon', () => /running-light\.png$/.test(testing.tray().imagePath()));
    testing.tray().clickMenuItem(/^Laptop/, 'Cancel');
    const [record] = await waitFor('the cancelled run', async () => {
      const runs = await world.runs();
      return runs.length > 0 ? runs : null;
    });
    expect(record?.outcome).toBe('cancelled');
    expect(testing.world.blockers).toEqual([{ id: 1, type: 'prevent-app-suspension', stopped: true }]);
    await waitFor('the menu to offer Back up now again', () => testing.tray().menu().find(/^Laptop/, 'Back up now').enabled);
  });

  it('asks before quitting during a backup; on confirm borg is interrupted cleanly, the checkpoint kept and the run recorded as cancelled', async () => {
    const world = await makeWorld();
    // Enough incompressible data that the backup is still running when the user quits.
    for (let i = 0; i < 40; i++) await writeFile(join(world.source.pictures, `big-${i}.bin`), randomBytes(8 * 1024 * 1024));
    await world.writeConfig([{ name: 'Laptop', compression: 'none', extraCreateArgs: ['--checkpoint-interval', '1'] }]);
    app = await bootApp(world);
    const { testing } = app.electron;
    testing.tray().clickMenuItem('Back up now');
    await waitFor('borg to have stored a few files', () => /^Laptop: running, [3-9]\d* files/.test(jobLabel(app!, 'Laptop')), 60_000);

    // First the user changes their mind: the app keeps running.
    testing.answerNextMessageBox(1);
    testing.tray().clickMenuItem('Quit');
    await waitFor('the question', () => testing.world.messageBoxes.length === 1);
    expect(testing.world.messageBoxes[0]!.options.message).toBe('Laptop is backing up.');
    expect(testing.world.exitCode).toBeNull();

    testing.answerNextMessageBox(0);
    testing.tray().clickMenuItem('Quit');
    expect(await testing.exited()).toBe(0);
    expect(testing.world.messageBoxes).toHaveLength(2);
    const runs = await world.runs();
    expect(runs.map((r) => r.outcome)).toEqual(['cancelled']);
    expect((await archiveNames(world.access, true)).some((name) => name.endsWith('.checkpoint'))).toBe(true);
    expect(testing.world.blockers.every((b) => b.stopped)).toBe(true);
    expect(testing.tray().isDestroyed()).toBe(true);
    await app.quit();
  }, 120_000);

  it('runs exactly one catch-up backup when the machine wakes after sleeping through a slot', async () => {
    const world = await makeWorld();
    await world.writeConfig([{ name: 'Laptop', schedule: { kind: 'preset', preset: 'hourly' }, catchUp: true }]);
    // The job last ran just now, so nothing is owed at start.
    const now = new Date();
    await world.history.append({
      id: 'earlier', jobId: 'laptop', repositoryId: 'disk', trigger: 'schedule', start: now.toISOString(), end: now.toISOString(),
      outcome: 'ok', pruned: false, checked: false, messages: [],
    });
    app = await bootApp(world, { catchUpDelayMs: 300 });
    const { testing } = app.electron;
    await waitFor('the next run in the menu', () => testing.tray().menu().find(/^Laptop/, /^Next at/));

    // The machine slept for two and a half hours: the wall clock jumps, no timer fired meanwhile.
    vi.useFakeTimers({ toFake: ['Date'], now: now.getTime() + 150 * 60_000, shouldAdvanceTime: true });
    testing.resume();
    testing.resume(); // some systems report the wake-up twice
    const catchUps = await waitFor('the catch-up run', async () => {
      const runs = (await world.runs()).filter((r) => r.trigger === 'catch-up');
      return runs.length > 0 ? runs : null;
    });
    expect(catchUps[0]!.outcome).toBe('ok');
    // Wait well past another catch-up delay: a second run would have started by now.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const runs = await world.runs();
    expect(runs.filter((r) => r.trigger === 'catch-up')).toHaveLength(1);
    expect(runs).toHaveLength(2);
    expect(await archiveNames(world.access)).toHaveLength(1);
  });

  it('answers the window through the router: a picked folder becomes a state, a renamed and an added job reach the tray, and the window hears config.changed', async () => {
    const world = await makeWorld();
    const [laptop] = (await world.writeConfig([{ name: 'Laptop' }])).jobs;
    app = await bootApp(world);
    const { testing } = app.electron;
    testing.launchSecondInstance();
    const window = await waitFor('the window', () => testing.world.windowsCreated[0]);
    const invoke = (method: string, input: unknown) => testing.invoke(window.webContents, 'cairn:invoke', method, input);

    const music = join(world.root, 'music');
    testing.answerNextOpenDialog([music]);
    expect(await invoke('dialog.pickFolders', { purpose: 'backup-folders', multiple: true })).toEqual({ paths: [music] });
    expect(testing.world.openDialogs[0]).toMatchObject({ parent: window, options: { properties: ['openDirectory', 'createDirectory', 'multiSelections'] } });
    expect(await invoke('states.save', { state: { name: 'Music', folders: [music] } })).toEqual({ ok: true, id: 'music' });
    expect(await invoke('jobs.save', { job: { ...laptop, name: 'Work laptop', stateIds: ['docs', 'music'] } })).toEqual({ ok: true, id: 'laptop' });
    expect(await invoke('jobs.save', { job: { name: 'Offsite', stateIds: ['music'], repositoryId: 'disk', schedule: { kind: 'manual' } } })).toEqual({ ok: true, id: 'offsite' });

    const config = (await invoke('config.get', {})) as { jobs: { id: string; name: string; stateIds: string[] }[] };
    expect(config.jobs.map((j) => [j.id, j.name, j.stateIds])).toEqual([['laptop', 'Work laptop', ['docs', 'music']], ['offsite', 'Offsite', ['music']]]);
    const changes = window.webContents.sent.filter((m) => m.channel === 'cairn:event' && m.args[0] === 'config.changed');
    expect(changes).toEqual(Array.from({ length: 3 }, () => ({ channel: 'cairn:event', args: ['config.changed', {}] })));
    await waitFor('the tray to show the renamed and the added job', () => jobLabel(app!, 'Work laptop') !== '(no entry)' && jobLabel(app!, 'Offsite') !== '(no entry)');
    expect(jobLabel(app, 'Laptop')).toBe('(no entry)');

    // Anything but the app's window is refused.
    const other = new app.electron.BrowserWindow({ show: false });
    await expect(testing.invoke(other.webContents, 'cairn:invoke', 'config.get', {})).rejects.toThrow(/Refused: the request did not come from the Cairn window/);
  });

  it('refuses a second instance, which shows the first one\'s window instead; closing the window keeps the app in the tray', async () => {
    const world = await makeWorld();
    await world.writeConfig([{ name: 'Laptop' }], { settings: { startAtLogin: true } });
    app = await bootApp(world);
    const first = app.electron.testing;
    expect(first.world.loginItemSettings.at(-1)).toEqual({ openAtLogin: true });

    const second = await launchAgain();
    expect(await second.testing.exited()).toBe(0);
    expect(second.testing.world.trays).toHaveLength(0);
    second.testing.dispose();

    await waitFor('the first instance to open its window', () => first.world.windowsCreated.length === 1);
    const window = first.world.windowsCreated[0]!;
    expect(window.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
    await waitFor('the window to show', () => window.isVisible());

    window.close();
    expect(window.isDestroyed()).toBe(true);
    expect(first.world.exitCode).toBeNull();
    expect(first.tray().isDestroyed()).toBe(false);

    // The tray follows the system's dark mode.
    first.setDarkMode(true);
    await waitFor('the dark icon', () => /idle-dark\.png$/.test(first.tray().imagePath()));
  });
});
