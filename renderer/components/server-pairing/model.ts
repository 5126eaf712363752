import type { FieldError, MethodInput, MethodOutput, PairStep } from '../../../electron/core/api/contract';

/** The screens of pairing, in order. */
export type Stage = 'server' | 'fingerprint' | 'options' | 'pairing' | 'repository';

/** The stages as the step list names them. */
export const stageLabels: Record<Stage, string> = {
  server: 'Server',
  fingerprint: 'Identity',
  options: 'Options',
  pairing: 'Pairing',
  repository: 'Repository',
};

/** What the user typed on the server screen; the password lives only here and in the request. */
export interface ServerForm {
  host: string;
  user: string;
  port: string;
  authKind: 'password' | 'agent' | 'key';
  password: string;
  keyFile: string;
  keyPassphrase: string;
}

/** What the user chose on the options screen (advanced ones mirror `cairn repos pair`). */
export interface OptionsForm {
  path: string;
  appendOnly: boolean;
  quota: string;
  authorizedKeysFile: string;
  remoteBorg: string;
  serveEnvironment: string;
}

export const emptyServer: ServerForm = { host: '', user: '', port: '22', authKind: 'password', password: '', keyFile: '', keyPassphrase: '' };
export const emptyOptions: OptionsForm = { path: '', appendOnly: true, quota: '', authorizedKeysFile: '', remoteBorg: '', serveEnvironment: '' };

/** The host key as the server showed it (the successful answer of `ssh.hostKey`). */
export type HostKeySeen = Extract<MethodOutput<'ssh.hostKey'>, { ok: true }>;
export type PairAnswer = MethodOutput<'ssh.pair'>;

/** Where each pairing step is, as `pair.progress` reports it. */
export type StepStatus = 'waiting' | 'running' | 'done' | 'failed';

// The contract's `pairSteps`, restated so the bundle does not pull in zod and the config model.
const stepOrder: Record<PairStep, number> = { key: 0, 'host-key': 1, login: 2, borg: 3, path: 4, authorize: 5 };

/** The pairing steps in the order they run. */
export const pairStepOrder = (Object.keys(stepOrder) as PairStep[]).sort((a, b) => stepOrder[a] - stepOrder[b]);

/** Every step waiting: the state before pairing starts. */
export function waitingSteps(): Record<PairStep, StepStatus> {
  return { key: 'waiting', 'host-key': 'waiting', login: 'waiting', borg: 'waiting', path: 'waiting', authorize: 'waiting' };
}

/** The port as a number, or null when it is not one. */
export function portOf(server: ServerForm): number | null {
  const port = Number(server.port);
  return Number.isInteger(port) && port >= 1 && port <= 65535 ? port : null;
}

/** What must be filled in before connecting, as field errors (the core checks the rest). */
export function serverFormErrors(server: ServerForm): FieldError[] {
  const errors: FieldError[] = [];
  if (server.host.trim() === '') errors.push({ path: 'host', message: "Enter the server's name or address." });
  if (server.user.trim() === '') errors.push({ path: 'user', message: 'Enter your user name on the server.' });
  if (portOf(server) === null) errors.push({ path: 'port', message: 'The port is a number from 1 to 65535 (ssh uses 22).' });
  if (server.authKind === 'password' && server.password === '') errors.push({ path: 'auth', message: 'Enter the password to log in this once.' });
  if (server.authKind === 'key' && server.keyFile === '') errors.push({ path: 'auth.keyFile', message: 'Choose one of your keys.' });
  return errors;
}

/** `NAME=VALUE` lines as an object, or the error for the first line without `=`. */
export function parseEnvironment(text: string): { environment: Record<string, string> } | { error: FieldError } {
  const environment: Record<string, string> = {};
  for (const line of text.split('\n').map((l) => l.trim()).filter(Boolean)) {
    const at = line.indexOf('=');
    if (at < 1) return { error: { path: 'advanced.serveEnvironment', message: `Write one NAME=VALUE per line: ${line}` } };
    environment[line.slice(0, at)] = line.slice(at + 1);
  }
  return { environment };
}

/** The `ssh.pair` request from both forms and the fingerprint the user confirmed. */
export function pairRequest(server: ServerForm, options: OptionsForm, fingerprint: string): MethodInput<'ssh.pair'> | FieldError {
  const parsed = parseEnvironment(options.serveEnvironment);
  if ('error' in parsed) return parsed.error;
  const { environment } = parsed;
  const advanced: NonNullable<MethodInput<'ssh.pair'>['advanced']> = {};
  if (options.authorizedKeysFile.trim()) advanced.authorizedKeysFile = options.authorizedKeysFile.trim();
  if (options.remoteBorg.trim()) advanced.remoteBorg = options.remoteBorg.trim();
  if (Object.keys(environment).length > 0) advanced.serveEnvironment = environment;
  const auth: MethodInput<'ssh.pair'>['auth'] =
    server.authKind === 'password'
      ? { kind: 'password', password: server.password }
      : server.authKind === 'agent'
        ? { kind: 'agent' }
        : { kind: 'key', keyFile: server.keyFile, ...(server.keyPassphrase ? { passphrase: server.keyPassphrase } : {}) };
  return {
    host: server.host.trim(),
    port: portOf(server) ?? 22,
    user: server.user.trim(),
    auth,
    confirmedFingerprint: fingerprint,
    path: options.path.trim(),
    appendOnly: options.appendOnly,
    quota: options.quota.trim() || null,
    ...(Object.keys(advanced).length > 0 ? { advanced } : {}),
  };
}

/** The command that prints the host key's fingerprint on the server, for this key type. */
export function verifyCommand(keyType: string): string {
  const kind = keyType.startsWith('ecdsa-') ? 'ecdsa' : keyType.replace(/^ssh-/, '').replace(/-.*$/, '');
  return `ssh-keygen -lf /etc/ssh/ssh_host_${kind}_key.pub`;
}

/**
 * The step list once pairing stopped: the answer is the truth, not the events. Steps before the
 * failed one passed (the host key is checked before logging in, though reported after it).
 */
export function statusesAfterFailure(failed: PairStep | null): Record<PairStep, StepStatus> {
  const statuses = waitingSteps();
  if (failed === null) return statuses;
  for (const step of pairStepOrder) {
    if (stepOrder[step] < stepOrder[failed]) statuses[step] = 'done';
  }
  statuses[failed] = 'failed';
  return statuses;
}

/**
 * What a form shows above its fields about the last refusal: the sentence, unless a field
 * already shows it (then only what to do about it), so nothing is said twice.
 */
export function formNotice(problem: { message: string; hint: string | null; errors: readonly FieldError[] } | null): { message: string; hint: string | null } | null {
  if (!problem) return null;
  if (!problem.errors.some((e) => e.message === problem.message)) return { message: problem.message, hint: problem.hint };
  return problem.hint ? { message: problem.hint, hint: null } : null;
}

/** Which screen holds the fields to fix after a failed step. */
export function stageToFix(step: PairStep | null, errors: readonly FieldError[]): Stage {
  if (errors.some((e) => ['host', 'user', 'port'].includes(e.path) || e.path.startsWith('auth'))) return 'server';
  if (step === 'host-key' || step === 'login') return 'server';
  return 'options';
}

/** A short repository name from the server's name (`backup.example.org` → `backup`). */
export function suggestedName(host: string): string {
  const first = host.trim().split('.')[0] ?? '';
  return /^\d+$/.test(first) || first === '' ? host.trim() : first;
}
