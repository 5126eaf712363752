import { useCallback, useState } from 'react';

/** The folders above `path` with their own paths, root first: the breadcrumb's segments. */
export function breadcrumb(path: string): { name: string; path: string }[] {
  const parts = path.split('/').filter((p) => p !== '');
  return parts.map((name, i) => ({ name, path: parts.slice(0, i + 1).join('/') }));
}

/** The folder holding `path` ('' for the root). */
export function parentOf(path: string): string {
  const parts = path.split('/').filter((p) => p !== '');
  return parts.slice(0, -1).join('/');
}

/** The folders visited in this screen, like a file manager's back and forward. */
export function useFolderHistory(initial: string) {
  const [history, setHistory] = useState({ stack: [initial], index: 0 });
  const path = history.stack[history.index] ?? '';
  const go = useCallback((next: string) => {
    setHistory((h) => (h.stack[h.index] === next ? h : { stack: [...h.stack.slice(0, h.index + 1), next], index: h.index + 1 }));
  }, []);
  const back = useCallback(() => setHistory((h) => (h.index > 0 ? { ...h, index: h.index - 1 } : h)), []);
  const forward = useCallback(() => setHistory((h) => (h.index < h.stack.length - 1 ? { ...h, index: h.index + 1 } : h)), []);
  return { path, go, back, forward, canBack: history.index > 0, canForward: history.index < history.stack.length - 1 };
}
