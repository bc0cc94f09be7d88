import { useEffect, useRef, type FormEvent, type ReactNode } from 'react';

/**
 * The one modal dialog of the app (issue 15 item 8). Every dialog is built on it so that all of them:
 * - close with Escape (only the topmost one, when dialogs stack: an approval over a line edit);
 * - keep the focus inside (Tab / Shift+Tab cycle through the dialog's controls) and give it back on close;
 * - fit any screen: the body scrolls, the title and the buttons never leave the viewport (768 px high or less).
 */
interface Props {
  /** Accessible name; also the heading unless `heading` or `hideTitle` say otherwise. */
  title: string;
  /** A richer heading than the plain title (a subtitle, a name). */
  heading?: ReactNode;
  /** The body shows its own title (the document card). */
  hideTitle?: boolean;
  /** Escape, the backdrop (when `closeOnBackdrop`) and the caller's own Cancel/Close button. */
  onClose: () => void;
  closeOnBackdrop?: boolean;
  /** The buttons, in a bar that always stays visible under the scrolling body. */
  actions: ReactNode;
  /** Columns of the button bar: 1, 2 (default) or 3. */
  columns?: 1 | 2 | 3;
  size?: 'narrow' | 'wide' | 'edit' | 'doc';
  role?: 'dialog' | 'alertdialog';
  /** Above other dialogs (the manager's PIN asked from inside another dialog). */
  top?: boolean;
  /** Renders the dialog as a form: Enter in a field submits it. */
  onSubmit?: () => void;
  testId?: string;
  children?: ReactNode;
}

/** Open dialogs, innermost last: only the last one answers Escape and traps Tab. */
const stack: symbol[] = [];

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

export function Dialog({
  title,
  heading,
  hideTitle,
  onClose,
  closeOnBackdrop,
  actions,
  columns = 2,
  size,
  role = 'dialog',
  top,
  onSubmit,
  testId,
  children,
}: Props) {
  const box = useRef<HTMLElement | null>(null);
  const close = useRef(onClose);
  useEffect(() => {
    close.current = onClose;
  }, [onClose]);

  useEffect(() => {
    const me = Symbol(title);
    stack.push(me);
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    // A field with autoFocus keeps the focus; otherwise the dialog itself takes it (keys typed go to it).
    if (box.current && !box.current.contains(document.activeElement)) box.current.focus();
    const onKey = (e: KeyboardEvent): void => {
      if (stack[stack.length - 1] !== me || !box.current) return;
      if (e.key === 'Escape') {
        e.preventDefault();
        e.stopPropagation();
        close.current();
      } else if (e.key === 'Tab') {
        const items = [...box.current.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
          (el) => el.offsetParent !== null,
        );
        if (items.length === 0) {
          e.preventDefault();
          return;
        }
        const first = items[0]!;
        const last = items[items.length - 1]!;
        const inside = box.current.contains(document.activeElement);
        if (
          e.shiftKey &&
          (!inside || document.activeElement === first || document.activeElement === box.current)
        ) {
          e.preventDefault();
          last.focus();
        } else if (!e.shiftKey && (!inside || document.activeElement === last)) {
          e.preventDefault();
          first.focus();
        }
      }
    };
    // Capture: the dialog answers before the screen underneath (which has its own Escape and Enter keys).
    window.addEventListener('keydown', onKey, true);
    return () => {
      window.removeEventListener('keydown', onKey, true);
      stack.splice(stack.indexOf(me), 1);
      if (before?.isConnected) before.focus();
    };
    // Mounted once per dialog: the title may change (a document loading) without re-stacking it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const className = `dialog${size ? ` dialog--${size}` : ''}`;
  const inner = (
    <>
      {!hideTitle && <h2 className="dialog-title">{heading ?? title}</h2>}
      <div className="dialog-body">{children}</div>
      <div className={`dialog-actions${columns === 2 ? '' : ` dialog-actions--${columns}`}`}>{actions}</div>
    </>
  );
  const common = {
    className,
    role,
    'aria-modal': true,
    'aria-label': title,
    tabIndex: -1,
    'data-testid': testId,
  } as const;
  return (
    <div
      className={`dialog-backdrop${top ? ' dialog-backdrop--top' : ''}`}
      data-no-wedge
      onClick={closeOnBackdrop ? (e) => e.target === e.currentTarget && onClose() : undefined}
    >
      {onSubmit ? (
        <form
          {...common}
          ref={(el) => {
            box.current = el;
          }}
          onSubmit={(e: FormEvent) => {
            e.preventDefault();
            onSubmit();
          }}
        >
          {inner}
        </form>
      ) : (
        <div
          {...common}
          ref={(el) => {
            box.current = el;
          }}
        >
          {inner}
        </div>
      )}
    </div>
  );
}
