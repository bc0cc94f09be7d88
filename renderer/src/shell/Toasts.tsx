import { t } from '../../../shared/i18n';
import { useStore } from '../app/context';
import { dismissToast, toastStore } from '../app/toasts';

const ICON = { error: '!', warning: '!', info: 'i', success: '✓' } as const;

/** Messages from the core (PosError code + pt-PT text); never a stack trace. */
export function Toasts() {
  const toasts = useStore(toastStore);
  return (
    <div className="toasts" aria-live="assertive" data-testid="toasts">
      {toasts.map((toast) => (
        <div
          key={toast.id}
          className={`toast toast--${toast.kind}`}
          role={toast.kind === 'error' ? 'alert' : 'status'}
          data-code={toast.code}
        >
          <span className="toast-icon" aria-hidden="true">
            {ICON[toast.kind]}
          </span>
          <p className="toast-text">{toast.message}</p>
          <button
            type="button"
            className="toast-close"
            aria-label={t('toast.close')}
            onClick={() => dismissToast(toast.id)}
          >
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
