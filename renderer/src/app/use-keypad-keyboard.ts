import { useEffect } from 'react';
import type { KeypadKey } from './Keypad';

/**
 * Lets the physical keyboard drive an on-screen keypad: digits, comma/point, Backspace, and Enter.
 * Typing into a text field is left alone. Only one keypad on screen should listen at a time.
 */
export function useKeypadKeyboard(
  enabled: boolean,
  onKey: (k: KeypadKey) => void,
  onEnter?: () => void,
): void {
  useEffect(() => {
    if (!enabled) return;
    const listener = (e: KeyboardEvent): void => {
      if (e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement) return;
      let k: KeypadKey | null = null;
      if (/^\d$/.test(e.key)) k = e.key as KeypadKey;
      else if (e.key === ',' || e.key === '.') k = ',';
      else if (e.key === 'Backspace') k = 'back';
      else if (e.key === 'Enter' && onEnter) {
        e.preventDefault();
        onEnter();
        return;
      }
      if (!k) return;
      e.preventDefault();
      onKey(k);
    };
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, [enabled, onKey, onEnter]);
}
