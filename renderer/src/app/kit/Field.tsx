import type { ReactNode } from 'react';

/**
 * One labelled form field: the label, the control, then either its pt-PT error (role=alert, so a screen reader
 * hears it) or a hint. `htmlFor` is the control's id (`form.bind(name).id`), so clicking the label focuses it.
 */
export function Field({
  label,
  htmlFor,
  error,
  hint,
  grow,
  testId,
  children,
}: {
  label: string;
  htmlFor?: string;
  error?: string | undefined;
  hint?: ReactNode;
  grow?: boolean;
  testId?: string;
  children: ReactNode;
}) {
  return (
    <div className={`field${grow ? ' field--grow' : ''}`} data-testid={testId}>
      <label className="field-label" htmlFor={htmlFor}>
        {label}
      </label>
      {children}
      {error ? (
        <span
          className="field-help field-help--error"
          role="alert"
          data-testid={htmlFor ? `error-${htmlFor}` : undefined}
        >
          {error}
        </span>
      ) : hint ? (
        <span className="field-help">{hint}</span>
      ) : null}
    </div>
  );
}

/** Fields side by side (wraps on a narrow screen). */
export function FieldRow({ children }: { children: ReactNode }) {
  return <div className="field-row field-row--wrap">{children}</div>;
}

/** The class of a text input, red when its field has an error. */
export function inputClass(error: string | undefined, extra = ''): string {
  return `input input--text${extra ? ` ${extra}` : ''}${error ? ' input--invalid' : ''}`;
}
