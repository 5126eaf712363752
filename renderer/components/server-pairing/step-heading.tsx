import { useEffect, useRef, type ReactNode } from 'react';

/** A screen's heading that takes the focus when the screen appears, so screen readers announce it. */
export function StepHeading({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <h3 ref={ref} tabIndex={-1} className="pairing-heading">
      {children}
    </h3>
  );
}

/** The core's refusal: its sentence and, when it has one, what to do about it. */
export function Refusal({ message, hint }: { message: string; hint?: string | null | undefined }) {
  return (
    <div className="notice error" role="alert">
      <p>{message}</p>
      {hint && <p className="muted">{hint}</p>}
    </div>
  );
}
