import type { ReactNode } from 'react';
import type { Loadable } from '../hooks/use-invoke';

/** Every screen's three other states: loading, failed (with a retry), and empty. */
export function AsyncView<T>({
  value,
  isEmpty,
  empty,
  retry,
  children,
}: {
  value: Loadable<T>;
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  retry?: () => void;
  children: (data: T) => ReactNode;
}) {
  if (value.status === 'loading') {
    return <p className="muted" role="status">Loading…</p>;
  }
  if (value.status === 'error') {
    return (
      <div className="notice error" role="alert">
        <p>{value.error}</p>
        {retry && <button type="button" onClick={retry}>Try again</button>}
      </div>
    );
  }
  if (isEmpty?.(value.data)) return <div className="empty">{empty}</div>;
  return <>{children(value.data)}</>;
}
