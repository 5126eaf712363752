/** How hard a passphrase is to guess, roughly, and why: computed here, nothing leaves the window. */
export interface PassphraseStrength {
  level: 'weak' | 'ok' | 'strong';
  reason: string;
}

// A tiny sample of the most used passwords: enough to catch the obvious ones, not a real list.
const common = new Set([
  '123456', '12345678', '123456789', '1234567890', '111111', '000000', 'password', 'password1', 'passw0rd',
  'qwerty', 'qwertyuiop', 'azerty', 'abc123', 'letmein', 'iloveyou', 'admin', 'welcome', 'monkey', 'dragon',
  'football', 'baseball', 'sunshine', 'princess', 'trustno1', 'secret', 'changeme', 'master', 'shadow',
  'superman', 'whatever', 'backup', 'borgbackup', 'cairn', 'correcthorsebatterystaple',
]);

const classes = [
  { test: /[a-z]/, size: 26, name: 'lowercase letters' },
  { test: /[A-Z]/, size: 26, name: 'capitals' },
  { test: /[0-9]/, size: 10, name: 'digits' },
  { test: /[^a-zA-Z0-9]/, size: 33, name: 'symbols or spaces' },
] as const;

/**
 * A simple, honest estimate: length, kinds of characters, several words, and a check against a
 * short list of common passwords. It cannot know a passphrase quoted from a book.
 */
export function passphraseStrength(passphrase: string): PassphraseStrength {
  const length = [...passphrase].length;
  const folded = passphrase.toLowerCase();
  if (common.has(folded) || common.has(folded.replace(/[\d!.?]+$/, ''))) {
    return { level: 'weak', reason: 'it is one of the most common passwords' };
  }
  if (length < 8) return { level: 'weak', reason: `only ${length} character${length === 1 ? '' : 's'}: use at least 12` };
  if (new Set(passphrase).size <= Math.max(2, length / 4)) return { level: 'weak', reason: 'mostly the same few characters repeated' };
  const used = classes.filter((c) => c.test.test(passphrase));
  const pool = used.reduce((sum, c) => sum + c.size, 0);
  const words = passphrase.split(/[\s\-_.]+/).filter((w) => w.length >= 3).length;
  // Random characters give log2(pool) bits each; a word picked from a big list gives about 11.
  const bits = Math.max(length * Math.log2(Math.max(pool, 2)) * 0.6, words >= 4 ? words * 11 : 0);
  if (bits >= 60) {
    return { level: 'strong', reason: words >= 4 ? `${words} words, ${length} characters` : `${length} characters of ${used.length} kinds` };
  }
  if (bits >= 40) return { level: 'ok', reason: `${length} characters; a few more words or characters make it strong` };
  const only = used.length === 1 ? `only ${used[0]?.name}` : `${length} characters`;
  return { level: 'weak', reason: `${only}: make it longer, e.g. four or more unrelated words` };
}

/** Why the passphrase can't be used yet (empty, or the two copies differ), or null when it can. */
export function passphraseProblem(value: { passphrase: string; repeat: string }, confirm: boolean): string | null {
  if (value.passphrase === '') return 'Type a passphrase.';
  if (confirm && value.repeat !== value.passphrase) return 'The two passphrases are not the same.';
  return null;
}
