import { ipcMain, type BrowserWindow } from 'electron';
import { channels, events, type EventName, type EventPayload } from '../core/api/contract.js';
import type { RouterContext } from '../core/api/ports.js';
import { forwardEvents, handleRequest } from '../core/api/router.js';

/** How the router's events reach the window (given to the context builder). */
export type EmitToWindow = RouterContext['emit'];

/**
 * The only code that touches ipcMain: every request is checked for its sender and against the
 * contract. `makeContext` builds the router's context around the emitter that sends to the window.
 */
export function setupIpc(makeContext: (emit: EmitToWindow) => RouterContext, window: () => BrowserWindow | null): () => void {
  const emit: EmitToWindow = (name, payload) => {
    const current = window();
    // No window open: nobody to tell; it re-reads everything when it opens.
    if (current && !current.isDestroyed()) sendEvent(current, name, payload);
  };
  const context = makeContext(emit);
  ipcMain.handle(channels.invoke, (event, method: unknown, input: unknown) => {
    const current = window();
    if (!current || event.sender !== current.webContents) throw new Error('Refused: the request did not come from the Cairn window.');
    return handleRequest(context, method, input);
  });
  const stopForwarding = forwardEvents(context, emit);
  return () => {
    ipcMain.removeHandler(channels.invoke);
    void stopForwarding();
  };
}

/** Sends one contract event to the window, checked against its schema first (as the router does). */
export function sendEvent<E extends EventName>(window: BrowserWindow, name: E, payload: EventPayload<E>): void {
  window.webContents.send(channels.event, name, events[name].parse(payload));
}
