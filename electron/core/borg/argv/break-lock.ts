/** argv for `borg break-lock`: removes the repository and cache locks; only when nothing else runs. */
export function breakLockArgs(): string[] {
  return ['break-lock', '--log-json'];
}
