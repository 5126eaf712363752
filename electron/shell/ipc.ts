import { ipcMain, type BrowserWindow } from 'electron';
import { channels, events, type EventName, type EventPayload } from '../core/api/contract.js';
import { forwardEvents, handleRequest } from '../core/api/router.js';
import type { CairnCore } from '../core/core.js';

/** The only code that touches ipcMain: every request is checked for its sender and against the contract. */
export function setupIpc(core: CairnCore, window: () => BrowserWindow | null): () => void {
  ipcMain.handle(channels.invoke, (event, method: unknown, input: unknown) => {
    const current = window();
    if (!current || event.sender !== current.webContents) throw new Error('Refused: the request did not come from the Cairn window.');
    return handleRequest(core, method, input);
  });
  const stopForwarding = forwardEvents(core, (name, payload) => {
    const current = window();
    if (current && !current.isDestroyed()) sendEvent(current, name, payload);
  });
  return () => {
    ipcMain.removeHandler(channels.invoke);
    stopForwarding();
  };
}

/** Sends one contract event to the window, checked against its schema first (as the router does). */
export function sendEvent<E extends EventName>(window: BrowserWindow, name: E, payload: EventPayload<E>): void {
  window.webContents.send(channels.event, name, events[name].parse(payload));
}
