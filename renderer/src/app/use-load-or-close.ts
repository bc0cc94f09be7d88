import { useEffect, useRef, useState } from 'react';

/**
 * A dialog's record, loaded once per `key`: the value, and the dialog closes itself when the load fails (the
 * client has already shown the pt-PT error). `set` replaces it after an action (a reprint, a decision).
 */
export function useLoadOrClose<T>(load: () => Promise<T>, key: unknown, onClose: () => void) {
  const [value, set] = useState<T | null>(null);
  const close = useRef(onClose);
  const loader = useRef(load);
  useEffect(() => {
    close.current = onClose;
    loader.current = load;
  });
  useEffect(() => {
    let alive = true;
    void loader.current().then(
      (v) => alive && set(v),
      () => alive && close.current(),
    );
    return () => {
      alive = false;
    };
  }, [key]);
  return [value, set] as const;
}
