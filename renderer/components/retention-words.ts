import type { PruneKeep } from '../../electron/core/config/schema';

/** The keep rules a person can choose without reading borg's manual. */
export const retentionPresets = [
  { key: 'recommended', label: 'Recommended', keep: { hourly: 24, daily: 7, weekly: 4, monthly: 6 } },
  { key: 'minimal', label: 'Minimal', keep: { daily: 7, weekly: 4 } },
  { key: 'everything', label: 'Keep everything', keep: {} },
] as const satisfies readonly { key: string; label: string; keep: PruneKeep }[];

export type RetentionPresetKey = (typeof retentionPresets)[number]['key'];

/** The count rules, in the order borg applies them, with their units for the sentence. */
export const countRules = [
  { key: 'last', label: 'Most recent', unit: null },
  { key: 'hourly', label: 'Hourly', unit: ['hour', 'hours'] },
  { key: 'daily', label: 'Daily', unit: ['day', 'days'] },
  { key: 'weekly', label: 'Weekly', unit: ['week', 'weeks'] },
  { key: 'monthly', label: 'Monthly', unit: ['month', 'months'] },
  { key: 'yearly', label: 'Yearly', unit: ['year', 'years'] },
] as const satisfies readonly { key: Exclude<keyof PruneKeep, 'within'>; label: string; unit: readonly [string, string] | null }[];

const withinUnits: Record<string, readonly [string, string]> = {
  H: ['hour', 'hours'],
  d: ['day', 'days'],
  w: ['week', 'weeks'],
  m: ['month', 'months'],
  y: ['year', 'years'],
};

const plural = (n: number, [one, many]: readonly [string, string]) => (n === 1 ? `${one}` : `${n} ${many}`);

/** The rules with no empty or zero entries: two rule sets mean the same when these are equal. */
export function activeRules(keep: PruneKeep): PruneKeep {
  const out: PruneKeep = {};
  if (keep.within) out.within = keep.within;
  for (const rule of countRules) {
    const n = keep[rule.key];
    if (n !== undefined && n > 0) out[rule.key] = n;
  }
  return out;
}

/** Which preset these rules are, or null for custom ones. */
export function presetOf(keep: PruneKeep): RetentionPresetKey | null {
  const active = JSON.stringify(activeRules(keep), Object.keys(activeRules(keep)).sort());
  for (const preset of retentionPresets) {
    const p = activeRules(preset.keep);
    if (JSON.stringify(p, Object.keys(p).sort()) === active) return preset.key;
  }
  return null;
}

/** Keep rules as phrases ("one backup per day for the last 7 days"); empty when nothing is pruned. */
export function describeKeep(keep: PruneKeep): string[] {
  const phrases: string[] = [];
  const within = keep.within?.match(/^(\d+)([Hdwmy])$/);
  if (within?.[1] && within[2]) {
    const unit = withinUnits[within[2]];
    if (unit) phrases.push(`every backup from the last ${plural(Number(within[1]), unit)}`);
  }
  for (const rule of countRules) {
    const n = keep[rule.key];
    if (n === undefined || n <= 0) continue;
    if (rule.unit === null) phrases.push(n === 1 ? 'the most recent backup' : `the ${n} most recent backups`);
    else phrases.push(`one backup per ${rule.unit[0]} for the last ${plural(n, rule.unit)}`);
  }
  return phrases;
}
