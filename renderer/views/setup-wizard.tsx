import { useState } from 'react';
import { cairn } from '../bridge';
import { useAction } from '../hooks/use-invoke';
import type { Navigate } from '../navigation';
import {
  defaultJobName,
  initialRepository,
  initialSchedule,
  initialSources,
  stepList,
  type CoreErrors,
  type Saved,
  type StepKey,
} from './setup/draft';
import { StepBorg } from './setup/step-borg';
import { StepFinish } from './setup/step-finish';
import { StepKey as KeyStep } from './setup/step-key';
import { StepRepository } from './setup/step-repository';
import { StepSchedule } from './setup/step-schedule';
import { StepSources } from './setup/step-sources';
import { useFirstBackup } from './setup/use-first-backup';

/**
 * The first run: check borg, choose folders, set up a repository (and save its key), choose when
 * and how long to keep, then watch the first backup. Each save happens once; going back and forth
 * keeps everything typed, and a failed save shows the core's errors next to the fields.
 */
export function SetupWizard({ navigate, onDone }: { navigate: Navigate; onDone: () => void }) {
  const [step, setStep] = useState<StepKey>('borg');
  const [keychainAvailable, setKeychainAvailable] = useState(true);
  const [sources, setSources] = useState(initialSources);
  const [repository, setRepository] = useState(initialRepository);
  const [schedule, setSchedule] = useState(initialSchedule);
  const [saved, setSaved] = useState<Saved>({ repository: null, stateId: null, jobId: null });
  const [errors, setErrors] = useState<CoreErrors>({ state: [], job: [] });
  const [failure, setFailure] = useState<string | null>(null);
  const saving = useAction();
  const run = useFirstBackup();

  const showKey = saved.repository
    ? saved.repository.created && saved.repository.encryption !== null && saved.repository.encryption !== 'none'
    : repository.destination !== 'existing' && repository.mode === 'create' && repository.encryption !== 'none';
  const steps = stepList.filter((s) => s.key !== 'key' || showKey);

  const openSchedule = (repositoryName = saved.repository?.name ?? '') => {
    if (!schedule.jobNameEdited) setSchedule({ ...schedule, jobName: defaultJobName(sources.name.trim(), repositoryName) });
    setStep('schedule');
  };

  const save = (repositoryId: string) =>
    saving.run(async () => {
      setFailure(null);
      const stateAnswer = await cairn().invoke('states.save', {
        state: { ...(saved.stateId ? { id: saved.stateId } : {}), name: sources.name.trim(), folders: sources.folders },
      });
      if (!stateAnswer.ok) {
        setErrors({ state: stateAnswer.errors, job: [] });
        // The problem is with the folders or their name: show it on that step, next to them.
        if (stateAnswer.errors.length > 0) setStep('sources');
        else setFailure(stateAnswer.message);
        return;
      }
      setSaved((s) => ({ ...s, stateId: stateAnswer.id }));
      const jobAnswer = await cairn().invoke('jobs.save', {
        job: {
          ...(saved.jobId ? { id: saved.jobId } : {}),
          name: schedule.jobName.trim(),
          stateIds: [stateAnswer.id],
          repositoryId,
          schedule: schedule.schedule,
          prune: { keep: schedule.keep },
          exclude: sources.exclude,
        },
      });
      if (!jobAnswer.ok) {
        setErrors({ state: [], job: jobAnswer.errors });
        setFailure(jobAnswer.message);
        return;
      }
      setErrors({ state: [], job: [] });
      setSaved((s) => ({ ...s, jobId: jobAnswer.id }));
      onDone();
      setStep('finish');
      void run.start(jobAnswer.id);
    });

  return (
    <div className="setup-wizard">
      <h1>Set up Cairn</h1>
      <ol className="steps" aria-label="Setup steps">
        {steps.map((s, index) => (
          <li key={s.key} aria-current={s.key === step ? 'step' : undefined}>
            <span className="step-number">{index + 1}</span> {s.label}
          </li>
        ))}
      </ol>
      {step === 'borg' && (
        <StepBorg
          onNext={(available) => {
            setKeychainAvailable(available);
            setStep('sources');
          }}
        />
      )}
      {step === 'sources' && (
        <StepSources
          draft={sources}
          onChange={setSources}
          stateErrors={errors.state}
          jobErrors={errors.job}
          onBack={() => setStep('borg')}
          onNext={() => setStep('repository')}
        />
      )}
      {step === 'repository' && (
        <StepRepository
          draft={repository}
          onChange={setRepository}
          saved={saved.repository}
          keychainAvailable={keychainAvailable}
          onSaved={(added) => {
            setSaved((s) => ({ ...s, repository: added }));
            if (added.created && added.encryption !== 'none') setStep('key');
            else openSchedule(added.name);
          }}
          onBack={() => setStep('sources')}
          onNext={() => (showKey ? setStep('key') : openSchedule())}
        />
      )}
      {step === 'key' && saved.repository && <KeyStep repository={saved.repository} onBack={() => setStep('repository')} onNext={() => openSchedule()} />}
      {step === 'schedule' && saved.repository && (
        <StepSchedule
          draft={schedule}
          onChange={setSchedule}
          errors={errors.job}
          failure={failure ?? saving.error}
          busy={saving.busy}
          onBack={() => setStep(showKey ? 'key' : 'repository')}
          onSave={() => saved.repository && void save(saved.repository.id)}
        />
      )}
      {step === 'finish' && saved.jobId && (
        <StepFinish run={run} jobId={saved.jobId} navigate={navigate} onRetry={() => saved.jobId && void run.start(saved.jobId)} />
      )}
    </div>
  );
}
