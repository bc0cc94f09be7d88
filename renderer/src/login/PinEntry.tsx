import { useEffect, useState } from 'react';
import type { OperatorSummary } from '../../../shared/api/auth';
import { t } from '../../../shared/i18n';
import { Keypad, type KeypadKey } from '../app/Keypad';
import { initials } from './OperatorTiles';

const MAX_PIN = 8;
const MIN_PIN = 4;

interface Props {
  operator: OperatorSummary;
  busy: boolean;
  /** Locked out for now: the keypad waits, Back still works. */
  locked?: boolean;
  error: string | null;
  /** Bumped after each failed attempt so the dots shake and the PIN is cleared. */
  attempt: number;
  onSubmit: (pin: string) => void;
  onBack: () => void;
}

/** PIN entry by touch keypad or keyboard (digits, Backspace, Enter, Esc). */
export function PinEntry({
  operator,
  busy: checking,
  locked = false,
  error,
  attempt,
  onSubmit,
  onBack,
}: Props) {
  const busy = checking || locked;
  const [pin, setPin] = useState('');
  const [seenAttempt, setSeenAttempt] = useState(attempt);
  if (seenAttempt !== attempt) {
    setSeenAttempt(attempt);
    setPin('');
  }

  const press = (k: KeypadKey): void => {
    if (busy) return;
    if (k === 'clear') setPin('');
    else if (k === 'back') setPin((p) => p.slice(0, -1));
    else if (/^\d$/.test(k)) setPin((p) => (p.length < MAX_PIN ? p + k : p));
  };
  const submit = (): void => {
    if (!busy && pin.length >= MIN_PIN) onSubmit(pin);
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.ctrlKey || e.altKey || e.metaKey) return;
      if (/^\d$/.test(e.key)) press(e.key as KeypadKey);
      else if (e.key === 'Backspace') press('back');
      else if (e.key === 'Delete') press('clear');
      else if (e.key === 'Enter') submit();
      else if (e.key === 'Escape') onBack();
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  return (
    <section className="pin-entry" data-no-wedge aria-label={t('login.enterPin')}>
      <header className="pin-entry-head">
        <span className={`avatar avatar--${operator.role} avatar--small`} aria-hidden="true">
          {initials(operator.name)}
        </span>
        <div>
          <div className="pin-entry-name">{operator.name}</div>
          <div className="pin-entry-hint">{t('login.enterPin')}</div>
        </div>
      </header>
      <div
        key={attempt}
        className={`pin-dots${error ? ' pin-dots--error' : ''}`}
        role="status"
        aria-label={t('login.pinLength', { n: pin.length })}
        data-testid="pin-dots"
      >
        {Array.from({ length: Math.max(MIN_PIN, pin.length) }, (_, i) => (
          <span key={i} className={`pin-dot${i < pin.length ? ' pin-dot--filled' : ''}`} />
        ))}
      </div>
      <p className="pin-error" role="alert">
        {error ?? '\u00a0'}
      </p>
      <Keypad variant="pin" onKey={press} disabled={busy} />
      <div className="pin-actions">
        <button type="button" className="btn btn--ghost btn--lg" onClick={onBack} disabled={checking}>
          {t('login.back')}
        </button>
        <button
          type="button"
          className="btn btn--primary btn--lg"
          onClick={submit}
          disabled={busy || pin.length < MIN_PIN}
        >
          {checking ? t('login.checking') : t('login.submit')}
        </button>
      </div>
    </section>
  );
}
