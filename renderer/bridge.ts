import type { CairnBridge } from '../electron/core/api/contract';

declare global {
  interface Window {
    /** Installed by the preload (or by the e2e harness): the only way to reach the core. */
    cairn: CairnBridge;
  }
}

/** The contract, as the window sees it. */
export const cairn = (): CairnBridge => window.cairn;
