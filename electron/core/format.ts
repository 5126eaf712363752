/** 1536 → "1.5 KB": sizes the way a person reads them (shared by the CLI and the notifications). */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

// Building a NumberFormat costs about a millisecond: once is enough (a list formats thousands).
const countFormat = new Intl.NumberFormat();

/** 12345 → "12,345" (in the user's locale): counts of files and the like. */
export function formatCount(count: number): string {
  return countFormat.format(count);
}
