import { join } from 'node:path';
import type { CairnCore } from '../../core.js';
import { HostKeyMismatchError, SshError } from '../../ssh/errors.js';
import { fetchHostKey, pinnedHostKeys } from '../../ssh/host-key.js';
import { pairWithServer } from '../../ssh/pair.js';
import { pairSteps, type FieldError, type MethodOutput, type PairStep } from '../contract.js';
import { addressErrors, listLoginKeys, loginAuthOf, pairRequestErrors, placeFailure } from './ssh-request.js';
import type { HandlerGroup } from './types.js';

/** Cairn's own key pair and pinned known_hosts live here (the CLI's `repos pair` uses the same). */
function sshDir(core: CairnCore): string {
  return join(core.paths.dataDir, 'ssh');
}

function refused(errors: FieldError[]): { ok: false; message: string; hint: null; errors: FieldError[] } {
  const message = errors.length === 1 ? (errors[0]?.message ?? '') : `${errors.length} fields need attention; nothing was done.`;
  return { ok: false, message, hint: null, errors };
}

function describeServer(host: string, port: number): string {
  return port === 22 ? host : `${host} port ${port}`;
}

// Steps whose messages say what pairing changed or fixed for good (the rest is checks and logging in).
const LASTING: readonly PairStep[] = ['host-key', 'path', 'authorize'];

/** Pairing with a backup server over ssh, for the window (the CLI's `repos pair` without the terminal). */
export const sshHandlers: HandlerGroup<'ssh.loginOptions' | 'ssh.hostKey' | 'ssh.pair'> = {
  'ssh.loginOptions': async () => ({ agentAvailable: Boolean(process.env.SSH_AUTH_SOCK), keys: await listLoginKeys() }),

  'ssh.hostKey': async (input, { core }) => {
    const errors = addressErrors(input);
    if (errors.length > 0) return refused(errors);
    const address = { host: input.host, port: input.port };
    try {
      const offered = await fetchHostKey(address);
      const pinned = await pinnedHostKeys(join(sshDir(core), 'known_hosts'), address);
      const status = pinned.length === 0 ? 'unknown' : pinned.some((key) => key.base64 === offered.base64) ? 'pinned' : 'changed';
      return { ok: true, fingerprint: offered.fingerprint, keyType: offered.type, status, pinnedFingerprints: pinned.map((key) => key.fingerprint) };
    } catch (error) {
      const failure = placeFailure(error, 'host-key');
      return { ok: false, message: failure.message, hint: failure.hint, errors: failure.errors };
    }
  },

  'ssh.pair': async (input, { core, emit }): Promise<MethodOutput<'ssh.pair'>> => {
    const auth = await loginAuthOf(input.auth);
    const errors = [...pairRequestErrors(input), ...('path' in auth ? [auth] : [])];
    if (errors.length > 0 || 'path' in auth) return { ...refused(errors), step: null };

    const dir = sshDir(core);
    const knownHostsFile = join(dir, 'known_hosts');
    const address = { host: input.host, port: input.port };
    let current: PairStep = 'key';
    const fail = (error: unknown): MethodOutput<'ssh.pair'> => {
      const failure = placeFailure(error, current);
      emit('pair.progress', { step: failure.step, status: 'failed', message: failure.message });
      return { ok: false, ...failure };
    };

    // With a key already pinned, the user must have confirmed that key: the offered one is
    // checked against the pin during pairing, so this makes "offered = confirmed" hold too.
    const pinned = await pinnedHostKeys(knownHostsFile, address);
    if (pinned.length > 0 && !pinned.some((key) => key.fingerprint === input.confirmedFingerprint)) {
      current = 'host-key';
      const server = describeServer(input.host, input.port);
      return fail(new HostKeyMismatchError(server, input.confirmedFingerprint, pinned.map((key) => key.fingerprint)));
    }

    emit('pair.progress', { step: 'key', status: 'running', message: "Preparing Cairn's own ssh key…" });
    let offeredFingerprint: string | null = null;
    const steps: { step: PairStep; message: string }[] = [];
    try {
      const result = await pairWithServer({
        host: input.host,
        port: input.port,
        user: input.user,
        auth,
        path: input.path,
        appendOnly: input.appendOnly,
        quota: input.quota?.trim() || undefined,
        keyDir: dir,
        knownHostsFile,
        authorizedKeysFile: input.advanced?.authorizedKeysFile,
        remoteBorg: input.advanced?.remoteBorg,
        serveEnvironment: input.advanced?.serveEnvironment,
        confirmHostKey: async (fingerprint) => {
          offeredFingerprint = fingerprint;
          return fingerprint === input.confirmedFingerprint;
        },
        onStep: ({ step, message }) => {
          steps.push({ step, message });
          emit('pair.progress', { step, status: 'done', message });
          const next = pairSteps[pairSteps.indexOf(step) + 1];
          if (next) {
            current = next;
            emit('pair.progress', { step: next, status: 'running', message: '' });
          }
        },
      });
      return {
        ok: true,
        done: steps.filter((s) => LASTING.includes(s.step)).map((s) => s.message),
        steps,
        repository: { url: result.url, ssh: result.ssh },
      };
    } catch (error) {
      if (error instanceof SshError && error.code === 'host-key-rejected' && offeredFingerprint !== null && offeredFingerprint !== input.confirmedFingerprint) {
        // The key changed between the user's check and this connection: say so, not "not confirmed".
        return fail(
          new SshError(
            'host-key-rejected',
            `The server now offers host key ${offeredFingerprint}, not the ${input.confirmedFingerprint} you confirmed; nothing was done on the server.`,
            { hint: 'Someone may be intercepting the connection. Check the fingerprint on the server again before pairing.' },
          ),
        );
      }
      return fail(error);
    }
  },
};
