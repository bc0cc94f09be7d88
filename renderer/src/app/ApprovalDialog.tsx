import { useEffect, useState } from 'react';
import { t } from '../../../shared/i18n';
import { approvalStore } from './approval';
import { useStore } from './context';
import { Dialog } from './Dialog';
import { Keypad, type KeypadKey } from './Keypad';

/** Asks for a gerente's PIN for the pending approval request (see approval.ts). */
export function ApprovalDialog() {
  const request = useStore(approvalStore);
  const [pin, setPin] = useState('');
  const [seen, setSeen] = useState(request);
  if (seen !== request) {
    setSeen(request);
    setPin('');
  }

  useEffect(() => {
    if (!request) return;
    const onKey = (e: KeyboardEvent): void => {
      if (/^\d$/.test(e.key)) setPin((p) => (p.length < 8 ? p + e.key : p));
      else if (e.key === 'Backspace') setPin((p) => p.slice(0, -1));
      else if (e.key === 'Enter') {
        if (pin.length >= 4) request.resolve(pin);
      } else return;
      e.preventDefault();
      e.stopPropagation();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [request, pin]);

  if (!request) return null;
  const press = (k: KeypadKey): void => {
    if (k === 'clear') setPin('');
    else if (k === 'back') setPin((p) => p.slice(0, -1));
    else if (/^\d$/.test(k)) setPin((p) => (p.length < 8 ? p + k : p));
  };
  return (
    <Dialog
      title={t('approval.title')}
      top
      onClose={() => request.resolve(null)}
      actions={
        <>
          <button type="button" className="btn btn--ghost btn--lg" onClick={() => request.resolve(null)}>
            {t('common.cancel')}
          </button>
          <button
            type="button"
            className="btn btn--primary btn--lg"
            disabled={pin.length < 4}
            onClick={() => request.resolve(pin)}
          >
            {t('approval.authorise')}
          </button>
        </>
      }
    >
      <p className="dialog-text">{request.reason}</p>
      <div className="pin-dots" aria-label={t('login.pinLength', { n: pin.length })}>
        {Array.from({ length: Math.max(4, pin.length) }, (_, i) => (
          <span key={i} className={`pin-dot${i < pin.length ? ' pin-dot--filled' : ''}`} />
        ))}
      </div>
      <p className="muted center">{t('approval.hint')}</p>
      <Keypad variant="pin" onKey={press} />
    </Dialog>
  );
}
