import { useEffect, useRef } from 'react';
import { WedgeDetector, type WedgeOptions } from './barcode-wedge';

/**
 * Listens for scanner input anywhere on the page (capture phase, so it works whatever has the focus).
 * A recognised scan's Enter is swallowed so it doesn't also press a focused button or submit a field.
 * Areas that take digits themselves (PIN, NIF, quantity dialogs) opt out with `data-no-wedge`.
 */
export function useBarcodeWedge(
  onScan: (code: string) => void,
  enabled = true,
  options?: Partial<WedgeOptions>,
): void {
  const onScanRef = useRef(onScan);
  useEffect(() => {
    onScanRef.current = onScan;
  }, [onScan]);
  const maxGapMs = options?.maxGapMs;
  const minLength = options?.minLength;
  const maxLength = options?.maxLength;

  useEffect(() => {
    if (!enabled) return;
    const detector = new WedgeDetector({
      ...(maxGapMs !== undefined ? { maxGapMs } : {}),
      ...(minLength !== undefined ? { minLength } : {}),
      ...(maxLength !== undefined ? { maxLength } : {}),
    });
    const onKey = (e: KeyboardEvent): void => {
      const target = e.target instanceof Element ? e.target : null;
      if (target?.closest('[data-no-wedge]') || e.ctrlKey || e.altKey || e.metaKey) {
        detector.reset();
        return;
      }
      const r = detector.feed(e.key, e.timeStamp);
      if (r.kind === 'scan') {
        e.preventDefault();
        e.stopPropagation();
        onScanRef.current(r.code);
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [enabled, maxGapMs, minLength, maxLength]);
}
