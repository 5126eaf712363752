import { useState } from 'react';
import type { FieldError, PairStep } from '../../electron/core/api/contract';
import { cairn, describeError } from '../bridge';
import { useEvent } from '../hooks/use-invoke';
import { errorsByPath } from './field';
import { FingerprintCheck } from './server-pairing/fingerprint-check';
import {
  emptyOptions,
  emptyServer,
  pairRequest,
  portOf,
  serverFormErrors,
  stageLabels,
  stageToFix,
  statusesAfterFailure,
  formNotice,
  waitingSteps,
  type HostKeySeen,
  type OptionsForm,
  type PairAnswer,
  type ServerForm,
  type Stage,
  type StepStatus,
} from './server-pairing/model';
import { OptionsFormStep } from './server-pairing/options-form';
import { PairProgress } from './server-pairing/pair-progress';
import { RepositoryForm } from './server-pairing/repository-form';
import { ServerFormStep } from './server-pairing/server-form';

/** What the embedding screen hears: the repository added on the paired server, or a cancel. */
export interface ServerPairingProps {
  onDone(result: { repositoryId: string }): void;
  onCancel(): void;
}

interface Problem {
  message: string;
  hint: string | null;
  errors: FieldError[];
  step: PairStep | null;
}

/**
 * Backing up to a server without a terminal: the server and a one-time login, its host key
 * fingerprint to confirm, where the backups go, pairing with live progress, then the repository.
 * Everything typed is kept when a step fails or the user goes back.
 */
export function ServerPairing({ onDone, onCancel }: ServerPairingProps) {
  const [stage, setStage] = useState<Stage>('server');
  const [server, setServer] = useState<ServerForm>(emptyServer);
  const [options, setOptions] = useState<OptionsForm>(emptyOptions);
  const [hostKey, setHostKey] = useState<HostKeySeen | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const [statuses, setStatuses] = useState<Record<PairStep, StepStatus>>(waitingSteps);
  const [paired, setPaired] = useState<Extract<PairAnswer, { ok: true }> | null>(null);
  const errorAt = errorsByPath(problem?.errors ?? []);

  useEvent('pair.progress', (event) => {
    if (busy) setStatuses((current) => ({ ...current, [event.step]: event.status }));
  });

  const fail = (next: Problem, at: Stage) => {
    setProblem(next);
    setStage(at);
  };

  const checkServer = async () => {
    const missing = serverFormErrors(server);
    if (missing.length > 0) return fail({ message: 'Some fields need attention.', hint: null, errors: missing, step: null }, 'server');
    setBusy(true);
    setProblem(null);
    try {
      const answer = await cairn().invoke('ssh.hostKey', { host: server.host.trim(), port: portOf(server) ?? 22, user: server.user.trim() });
      if (!answer.ok) return fail({ ...answer, step: null }, 'server');
      setHostKey(answer);
      setStage('fingerprint');
    } catch (error) {
      fail({ message: describeError(error), hint: null, errors: [], step: null }, 'server');
    } finally {
      setBusy(false);
    }
  };

  const pair = async () => {
    if (!hostKey) return setStage('server');
    const request = pairRequest(server, options, hostKey.fingerprint);
    if (!('host' in request)) return fail({ message: request.message, hint: null, errors: [request], step: null }, 'options');
    setProblem(null);
    setStatuses(waitingSteps());
    setStage('pairing');
    setBusy(true);
    try {
      const answer = await cairn().invoke('ssh.pair', request);
      if (answer.ok) {
        setPaired(answer);
        setStage('repository');
        return;
      }
      const refused = { message: answer.message, hint: answer.hint, errors: answer.errors, step: answer.step };
      // Refused before anything ran: straight back to the fields to fix.
      if (answer.step === null) return fail(refused, stageToFix(null, answer.errors));
      setProblem(refused);
      setStatuses(statusesAfterFailure(answer.step));
    } catch (error) {
      setProblem({ message: describeError(error), hint: null, errors: [], step: null });
    } finally {
      setBusy(false);
    }
  };

  const fixStage = stageToFix(problem?.step ?? null, problem?.errors ?? []);

  return (
    <div className="server-pairing">
      <ol className="pairing-stages" aria-label="Pairing steps">
        {(Object.keys(stageLabels) as Stage[]).map((s) => (
          <li key={s} aria-current={s === stage ? 'step' : undefined}>
            {stageLabels[s]}
          </li>
        ))}
      </ol>
      {stage === 'server' && (
        <ServerFormStep value={server} onChange={setServer} errorAt={errorAt} refusal={formNotice(problem)} busy={busy} onNext={checkServer} onCancel={onCancel} />
      )}
      {stage === 'fingerprint' && hostKey && (
        <FingerprintCheck host={server.host.trim()} hostKey={hostKey} onConfirm={() => setStage('options')} onBack={() => setStage('server')} onCancel={onCancel} />
      )}
      {stage === 'options' && (
        <OptionsFormStep
          host={server.host.trim()}
          user={server.user.trim()}
          value={options}
          onChange={setOptions}
          errorAt={errorAt}
          refusal={formNotice(problem)}
          onPair={pair}
          onBack={() => setStage('fingerprint')}
          onCancel={onCancel}
        />
      )}
      {stage === 'pairing' && (
        <PairProgress
          host={server.host.trim()}
          user={server.user.trim()}
          path={options.path.trim()}
          statuses={statuses}
          failure={problem}
          running={busy}
          fixLabel={fixStage === 'server' ? 'Change the server or login' : 'Change the options'}
          onFix={() => setStage(fixStage)}
          onRetry={pair}
          onCancel={onCancel}
        />
      )}
      {stage === 'repository' && paired && (
        <RepositoryForm host={server.host.trim()} path={options.path.trim()} paired={paired} onDone={onDone} onCancel={onCancel} />
      )}
    </div>
  );
}
