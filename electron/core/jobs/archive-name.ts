/** Values that fill an archive name template. */
export interface ArchiveNameValues {
  hostname: string;
  job: string;
  user: string;
  now: Date;
}

const pad = (n: number) => String(n).padStart(2, '0');

function localStamp(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

function utcStamp(d: Date): string {
  return d.toISOString().slice(0, 19);
}

/**
 * Expands `{hostname}`, `{job}`, `{user}`, `{now}` (local time) and `{utcnow}` in Cairn, so the run
 * knows its archive name before borg starts (for `$archiveName` and the history).
 */
export function expandArchiveName(template: string, values: ArchiveNameValues): string {
  return replacePlaceholders(template, values, { now: localStamp(values.now), utcnow: utcStamp(values.now) });
}

/** A `borg prune -a` glob matching every archive this template makes (its time parts become `*`). */
export function archiveGlob(template: string, values: Omit<ArchiveNameValues, 'now'>): string {
  const literal = replacePlaceholders(template, values, { now: '\0', utcnow: '\0' });
  return literal.replace(/[*?[\]]/g, (c) => `[${c}]`).replace(/\0/g, '*');
}

function replacePlaceholders(
  template: string,
  values: Omit<ArchiveNameValues, 'now'>,
  stamps: { now: string; utcnow: string },
): string {
  const table: Record<string, string> = {
    hostname: values.hostname,
    job: values.job,
    user: values.user,
    now: stamps.now,
    utcnow: stamps.utcnow,
  };
  return template
    .replace(/\{(\w+)\}/g, (_whole, key: string) => table[key] ?? key)
    // borg expands `{…}` in every archive name it is given, and `/` cannot be in one.
    .replace(/[{}]/g, '')
    .replace(/[/\n\r]/g, '-');
}
