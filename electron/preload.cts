// The bridge between the window and the core: only `invoke(method, input)` and `on(event, listener)`,
// nothing of Node or Electron. Sandboxed preloads must be CommonJS, hence `.cts`.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';

const INVOKE = 'cairn:invoke';
const EVENT = 'cairn:event';

contextBridge.exposeInMainWorld('cairn', {
  invoke: (method: string, input: unknown) => ipcRenderer.invoke(INVOKE, method, input),
  on: (event: string, listener: (payload: unknown) => void) => {
    const handler = (_: IpcRendererEvent, name: string, payload: unknown) => {
      if (name === event) listener(payload);
    };
    ipcRenderer.on(EVENT, handler);
    return () => ipcRenderer.off(EVENT, handler);
  },
});
