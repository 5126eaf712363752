/** ssh2 (native crypto) loaded on first use: CLI commands that never pair spare its start-up cost. */
export function loadSsh2(): Promise<typeof import('ssh2')> {
  return import('ssh2');
}
