// The app's log: electron-log writing to the platform's log folder (app.getPath('logs'): ~/Library/Logs/Cairn,
// %APPDATA%\Cairn\logs, ~/.config/Cairn/logs). Each run's borg output is kept with its run record by the core;
// this log says what the app did (runs started and finished, schedules, notifications, errors).
import log from 'electron-log/node';
import { join } from 'node:path';
import { maskSecrets } from '../core/secrets/masking.js';

/** What the rest of the shell logs through; secrets it was told about never reach the file. */
export interface AppLogger {
  info(...parts: unknown[]): void;
  warn(...parts: unknown[]): void;
  error(...parts: unknown[]): void;
  /** A value to mask (`***`) in every later message, e.g. a passphrase that was resolved. */
  addSecret(secret: string): void;
  /** The log file's path. */
  readonly file: string;
}

const MAX_LOG_BYTES = 5 * 1024 * 1024;

/**
 * One logger for the main process. electron-log's Node entry is used on purpose: it is the same
 * file transport as `electron-log/main`, without the renderer IPC bridge Cairn does not want (the
 * window only speaks the contract), and it runs unchanged under the tests' fake Electron.
 */
export function setupLogging(logDir: string): AppLogger {
  const logger = log.create({ logId: 'cairn-main' });
  const file = join(logDir, 'main.log');
  const secrets: string[] = [];
  logger.transports.file.resolvePathFn = () => file;
  logger.transports.file.maxSize = MAX_LOG_BYTES;
  logger.transports.file.level = 'info';
  logger.transports.console.level = process.env.CAIRN_LOG_CONSOLE ? 'info' : 'warn';
  // Every transport sees the message after this hook: strings are masked, errors become masked text.
  logger.hooks.push((message) => ({
    ...message,
    data: message.data.map((part: unknown) => {
      const text = part instanceof Error ? (part.stack ?? `${part.name}: ${part.message}`) : part;
      return typeof text === 'string' ? maskSecrets(text, secrets) : text;
    }),
  }));
  return {
    info: (...parts) => logger.info(...parts),
    warn: (...parts) => logger.warn(...parts),
    error: (...parts) => logger.error(...parts),
    addSecret: (secret) => {
      if (secret && !secrets.includes(secret)) secrets.push(secret);
    },
    file,
  };
}
