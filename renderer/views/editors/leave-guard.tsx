import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { ConfirmDialog } from '../../components/confirm-dialog';

/**
 * Asks before unsaved changes are thrown away: `guard(action)` runs the action at once when the
 * form is clean, after a "Discard changes?" question otherwise. Clicks on the sidebar's sections
 * are guarded too (caught before React sees them, and replayed when the user agrees).
 */
export function useLeaveGuard(dirty: boolean): { guard: (action: () => void) => void; dialog: ReactNode } {
  const [pending, setPending] = useState<(() => void) | null>(null);
  const dirtyRef = useRef(dirty);
  dirtyRef.current = dirty;
  const allowOnce = useRef(false);

  const guard = useCallback((action: () => void) => {
    if (dirtyRef.current) setPending(() => action);
    else action();
  }, []);

  useEffect(() => {
    const onClick = (event: MouseEvent) => {
      if (allowOnce.current || !dirtyRef.current || !(event.target instanceof Element)) return;
      const button = event.target.closest('nav[aria-label="Sections"] button');
      if (!(button instanceof HTMLButtonElement) || button.getAttribute('aria-current') === 'page') return;
      event.preventDefault();
      event.stopPropagation();
      setPending(() => () => {
        allowOnce.current = true;
        try {
          button.click();
        } finally {
          allowOnce.current = false;
        }
      });
    };
    window.addEventListener('click', onClick, true);
    return () => window.removeEventListener('click', onClick, true);
  }, []);

  const dialog = pending && (
    <ConfirmDialog
      title="Discard unsaved changes?"
      confirmLabel="Discard changes"
      danger
      onCancel={() => setPending(null)}
      onConfirm={() => {
        setPending(null);
        pending();
      }}
    >
      <p>What you changed here has not been saved. Leaving now throws it away.</p>
    </ConfirmDialog>
  );
  return { guard, dialog };
}
