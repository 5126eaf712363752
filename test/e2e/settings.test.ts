import { describe, expect, it } from 'vitest';
import { openApp } from './harness.js';

describe('the settings', () => {
  it('saves staleness, theme and lock wait to the real config file and applies the theme at once', async () => {
    const app = await openApp();
    const { page } = app;
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Settings' }).click();
    const staleness = page.getByLabel('Warn when a job has not backed up for (days)');
    await staleness.waitFor();
    expect(await staleness.inputValue()).toBe('3');
    expect(await page.getByRole('radio', { name: 'Same as the system' }).isChecked()).toBe(true);
    expect(await page.getByText('A failed backup always raises a notification').count()).toBe(1);
    await app.screenshot('settings');

    await staleness.fill('7');
    await page.getByRole('radio', { name: 'Dark' }).check();
    await page.getByText('Advanced').click();
    await page.getByLabel('Wait for a busy repository (seconds)').fill('120');
    await page.getByRole('checkbox', { name: 'Also notify me when a backup succeeds' }).check();
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByRole('status').filter({ hasText: 'Settings saved.' }).waitFor();

    const { config } = await app.core.store.load();
    expect(config.settings).toMatchObject({ staleAfterDays: 7, theme: 'dark', lockWaitSeconds: 120, notifyOnSuccess: true, startAtLogin: false });
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await app.close();
  });

  it("shows the core's field error next to a bad value, keeps what was typed and saves nothing", async () => {
    const app = await openApp();
    const { page } = app;
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Settings' }).click();
    const staleness = page.getByLabel('Warn when a job has not backed up for (days)');
    await staleness.fill('0');
    await page.getByRole('radio', { name: 'Dark' }).check();
    await page.getByRole('button', { name: 'Save settings' }).click();
    const field = page.locator('.field', { has: staleness });
    const error = field.locator('.field-error');
    await error.waitFor();
    expect(await error.textContent()).toMatch(/1/);
    expect(await staleness.getAttribute('aria-invalid')).toBe('true');
    // The error is announced with the field: aria-describedby points at it.
    expect(await staleness.getAttribute('aria-describedby')).toContain(await error.getAttribute('id'));
    expect(await page.getByRole('alert').count()).toBeGreaterThan(0);
    expect(await staleness.inputValue()).toBe('0');
    expect(await page.getByRole('radio', { name: 'Dark' }).isChecked()).toBe(true);
    const { config, exists } = await app.core.store.load();
    expect(exists ? config.settings.staleAfterDays : 3).toBe(3);
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBeUndefined();
    await app.screenshot('settings error');
    await app.close();
  });
});
