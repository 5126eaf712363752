import { describe, expect, it } from 'vitest';
import { maintenanceProgress } from '../../../electron/core/repositories/maintenance.js';

describe('maintenanceProgress', () => {
  it('turns progress events into a percent with one decimal and a trimmed message', () => {
    expect(maintenanceProgress({ type: 'progress_percent', time: 1, finished: false, msgid: 'repository.check', message: '  3.9% Checking segments', current: 39, total: 1000 })).toEqual({
      percent: 3.9,
      message: '3.9% Checking segments',
    });
    expect(maintenanceProgress({ type: 'progress_message', time: 1, finished: false, message: 'Initializing cache transaction: Reading config' })).toEqual({
      percent: null,
      message: 'Initializing cache transaction: Reading config',
    });
  });

  it('ignores finished markers, totals of zero and other events', () => {
    expect(maintenanceProgress({ type: 'progress_percent', time: 1, finished: true })).toBeNull();
    expect(maintenanceProgress({ type: 'progress_percent', time: 1, finished: false, current: 0, total: 0 })).toEqual({ percent: null, message: null });
    expect(maintenanceProgress({ type: 'log_message', time: 1, levelname: 'INFO', name: 'borg', message: 'x' })).toBeNull();
  });
});
