import type { MethodOutput } from '../../../electron/core/api/contract';
import { useEvent, useInvoke } from '../../hooks/use-invoke';

/** The whole config as `config.get` answers it (defaults filled in). */
export type ConfigData = MethodOutput<'config.get'>;

/** The config, re-read whenever anything saves it (this window, the tray, the CLI's store). */
export function useConfig() {
  const config = useInvoke('config.get', {});
  useEvent('config.changed', () => config.reload());
  return config;
}
