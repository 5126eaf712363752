// The fixed lists of the config model, with no runtime imports: the window imports them too
// (schema.ts pulls in cron-parser, which needs Node).

/** borg's `init -e` modes. */
export const encryptionModes = [
  'repokey-blake2',
  'repokey',
  'keyfile-blake2',
  'keyfile',
  'authenticated-blake2',
  'authenticated',
  'none',
] as const;
export type EncryptionMode = (typeof encryptionModes)[number];

export const schedulePresets = ['hourly', 'daily', 'weekly'] as const;
/** A named schedule the UI offers next to free cron expressions. */
export type SchedulePreset = (typeof schedulePresets)[number];

export const checkFrequencies = ['never', 'weekly', 'monthly'] as const;

/**
 * The presets as cron expressions (local time) with their wording: one table, so the timers, the
 * window and the tray say the same thing. Daily and weekly run at noon rather than midnight: a
 * laptop is far more likely to be awake then (catch-up covers the days it is not).
 */
export const presetTable = {
  hourly: { cron: '0 * * * *', description: 'every hour' },
  daily: { cron: '0 12 * * *', description: 'daily at 12:00' },
  weekly: { cron: '0 12 * * 1', description: 'weekly on Monday at 12:00' },
} as const satisfies Record<SchedulePreset, { cron: string; description: string }>;
