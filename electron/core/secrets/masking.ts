/** Replaces every occurrence of each secret by `***`, so a passphrase never reaches a log or an error. */
export function maskSecrets(text: string, secrets: readonly string[]): string {
  // Longest first, so a secret that contains another is masked whole rather than in pieces.
  const ordered = [...new Set(secrets)].filter((s) => s !== '').sort((a, b) => b.length - a.length);
  let masked = text;
  for (const secret of ordered) masked = masked.split(secret).join('***');
  return masked;
}
