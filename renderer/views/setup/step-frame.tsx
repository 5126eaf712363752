import { useEffect, useRef, type ReactNode } from 'react';

/** The primary button of a step: what it does, and whether it can be pressed yet. */
export interface NextAction {
  label: string;
  onClick: () => void;
  disabled?: boolean;
  busy?: boolean;
  busyLabel?: string;
}

/**
 * One wizard step: its heading (focused when the step opens, so keyboard and screen-reader users
 * start at the top), its content, and Back / Next at the bottom in reading order.
 */
export function StepFrame({
  title,
  intro,
  children,
  onBack,
  next,
  extra,
  footer,
}: {
  title: string;
  intro?: ReactNode;
  children: ReactNode;
  onBack?: (() => void) | undefined;
  next?: NextAction | undefined;
  /** More buttons between Back and Next ("Skip"). */
  extra?: ReactNode;
  /** Below the buttons: the progress of what the primary button started. */
  footer?: ReactNode;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section className="wizard-step" aria-labelledby="wizard-step-title">
      <h2 id="wizard-step-title" ref={heading} tabIndex={-1}>
        {title}
      </h2>
      {intro && <div className="wizard-intro">{intro}</div>}
      {children}
      <div className="actions wizard-actions">
        {onBack && (
          <button type="button" onClick={onBack} disabled={next?.busy}>
            Back
          </button>
        )}
        {extra}
        {next && (
          <button type="button" className="primary" onClick={next.onClick} disabled={next.disabled || next.busy} aria-busy={next.busy || undefined}>
            {next.busy ? (next.busyLabel ?? 'Working…') : next.label}
          </button>
        )}
      </div>
      {footer}
    </section>
  );
}
