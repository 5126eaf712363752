import type { DesktopPorts } from '../../../electron/core/api/ports.js';

/** The desktop as the e2e tests see it: every call recorded, dialog answers queued by the test. */
export interface RecordingDesktop extends DesktopPorts {
  calls: { method: string; args: unknown }[];
  /** Answers for pickFolders, first in first out ([] = cancelled; an empty queue answers cancelled). */
  nextFolders: string[][];
  /** Answers for pickSaveFile (null = cancelled; an empty queue answers cancelled). */
  nextSaveFiles: (string | null)[];
}

/** A DesktopPorts that records what the core asked of the desktop and answers from the queues. */
export function recordingDesktop(): RecordingDesktop {
  const desktop: RecordingDesktop = {
    calls: [],
    nextFolders: [],
    nextSaveFiles: [],
    async pickFolders(options) {
      desktop.calls.push({ method: 'pickFolders', args: options });
      return desktop.nextFolders.shift() ?? [];
    },
    async pickSaveFile(options) {
      desktop.calls.push({ method: 'pickSaveFile', args: options });
      return desktop.nextSaveFiles.shift() ?? null;
    },
    async openPath(path) {
      desktop.calls.push({ method: 'openPath', args: path });
    },
    async setStartAtLogin(enabled) {
      desktop.calls.push({ method: 'setStartAtLogin', args: enabled });
    },
  };
  return desktop;
}
