import type { CairnBridge } from '../electron/core/api/contract';

declare global {
  interface Window {
    /** Installed by the preload (or by the e2e harness): the only way to reach the core. */
    cairn: CairnBridge;
  }
}

/** The contract, as the window sees it. */
export const cairn = (): CairnBridge => window.cairn;

/**
 * The sentence to show for a failed request. Electron prefixes errors crossing IPC with
 * "Error invoking remote method 'cairn:invoke': Error: "; the user needs only the core's words.
 */
export function describeError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/^Error invoking remote method '[^']*': (\w*Error: )?/, '');
}
