import type { Page } from 'playwright-core';
import { channels, events, type EventName, type EventPayload } from '../../../electron/core/api/contract.js';
import { forwardEvents, handleRequest } from '../../../electron/core/api/router.js';
import type { RouterContext } from '../../../electron/core/api/ports.js';

// window.cairn in the page, as electron/preload.cts exposes it: `invoke` goes through the real
// router (same validation as the IPC path), `on` hears the events the core pushes. Requests cross
// with a Playwright binding, events with page.evaluate; neither is subject to the page's CSP, so
// the CSP of index.html stays in force for everything the renderer itself does.

const BINDING = '__cairnInvoke';

/** How the page's invoke answers travel back: the value, or Electron's wording of the error. */
type Answer = { ok: true; value: unknown } | { ok: false; message: string };

/** One answer the page received, with the page's clock when its promise was about to settle. */
export interface ResponseMark {
  method: string;
  ok: boolean;
  at: number;
}

// Plain JS (a string, so no transpiler touches it): runs in the page before any of its scripts.
const INIT_SCRIPT = `(() => {
  const binding = window[${JSON.stringify(BINDING)}];
  const listeners = new Map();
  const marks = [];
  Object.defineProperty(window, '__cairnResponses', { value: marks });
  Object.defineProperty(window, '__cairnDispatch', {
    value: (name, payload) => {
      for (const listener of [...(listeners.get(name) ?? [])]) {
        // As with ipcRenderer.on, a throwing listener is an uncaught error of the page.
        try { listener(payload); } catch (error) { setTimeout(() => { throw error; }); }
      }
    },
  });
  const mark = (method, ok) => {
    marks.push({ method, ok, at: performance.now() });
    if (marks.length > 500) marks.splice(0, marks.length - 500);
  };
  const bridge = {
    invoke: async (method, input) => {
      const answer = await binding(method, input);
      mark(String(method), answer.ok);
      if (answer.ok) return answer.value;
      throw new Error(answer.message);
    },
    on: (event, listener) => {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      const entry = (payload) => listener(payload);
      set.add(entry);
      return () => { set.delete(entry); };
    },
  };
  Object.defineProperty(window, 'cairn', { value: Object.freeze(bridge), enumerable: true });
})();`;

/** Electron's rejection text for a failed ipcRenderer.invoke: describeError strips the prefix. */
function electronMessage(error: unknown): string {
  return `Error invoking remote method '${channels.invoke}': ${String(error)}`;
}

/** What installBridge gives back: the event sender (for context.emit), wiring and teardown. */
export interface PageBridge {
  send: <E extends EventName>(event: E, payload: EventPayload<E>) => void;
  /** Serves the page's requests with `context` and forwards its engine's events, as the shell does. */
  connect(context: RouterContext): void;
  /** Resolves when every event sent so far has been handed to the page. */
  flush(): Promise<void>;
  /** Every request the page made, in order (method and input as received). */
  requests: { method: unknown; input: unknown }[];
  /** Stops forwarding; later events are dropped and later requests refused, as for a closed window. */
  stop(): void;
  /**
   * Resolves when the requests still being served and the repository measurements started after
   * runs have finished (or after `timeoutMs`): they write the core's cache, which must happen
   * before the test removes the folders.
   */
  settled(timeoutMs: number): Promise<void>;
}

/** Installs window.cairn in `page`; call before the first navigation, then connect() a context. */
export async function installBridge(page: Page): Promise<PageBridge> {
  let stopped = false;
  let context: RouterContext | null = null;
  let unsubscribe: (() => Promise<void>) | null = null;
  let forwardingDone: Promise<void> = Promise.resolve();
  let queue: Promise<void> = Promise.resolve();
  const requests: { method: unknown; input: unknown }[] = [];
  const serving = new Set<Promise<unknown>>();
  await page.exposeBinding(BINDING, async (_source, method: unknown, input: unknown): Promise<Answer> => {
    requests.push({ method, input });
    try {
      if (!context) throw new Error('The e2e bridge has no core connected yet.');
      if (stopped) throw new Error('The window is closed.');
      const answer = handleRequest(context, method, input);
      serving.add(answer);
      try {
        return { ok: true, value: await answer };
      } finally {
        serving.delete(answer);
      }
    } catch (error) {
      return { ok: false, message: electronMessage(error) };
    }
  });
  await page.addInitScript({ content: INIT_SCRIPT });

  const send = <E extends EventName>(event: E, payload: EventPayload<E>): void => {
    if (stopped) return;
    // Checked like the shell's sendEvent: an event that breaks the contract throws at the sender.
    const checked = events[event].parse(payload);
    // One evaluate at a time keeps the events in order; a page navigating or closing drops them.
    queue = queue.then(() =>
      stopped || page.isClosed()
        ? undefined
        : page
            .evaluate(([name, value]) => {
              const dispatch = (window as unknown as { __cairnDispatch?: (n: string, p: unknown) => void }).__cairnDispatch;
              dispatch?.(name, value);
            }, [event, checked] as const)
            .catch(() => undefined),
    );
  };
  return {
    send,
    connect(next) {
      context = next;
      void unsubscribe?.();
      unsubscribe = forwardEvents(next, send);
    },
    flush: () => queue,
    requests,
    stop() {
      stopped = true;
      forwardingDone = unsubscribe?.() ?? Promise.resolve();
      unsubscribe = null;
    },
    async settled(timeoutMs) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)));
      await Promise.race([Promise.allSettled([...serving, forwardingDone]), timeout]);
      clearTimeout(timer);
    },
  };
}
