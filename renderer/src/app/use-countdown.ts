import { useEffect, useState } from 'react';

/**
 * Whole seconds left until `deadline` (epoch ms), ticking while there are any; 0 once it has passed or with no
 * deadline. A lockout message built from it counts down on screen instead of freezing at the number the core
 * sent (issue 15 item 5).
 */
export function useCountdown(deadline: number | null): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (deadline === null) return;
    const tick = (): void => {
      const n = Date.now();
      setNow(n);
      if (n >= deadline) clearInterval(id);
    };
    const first = setTimeout(tick, 0);
    const id = setInterval(tick, 250);
    return () => {
      clearTimeout(first);
      clearInterval(id);
    };
  }, [deadline]);
  return deadline === null ? 0 : Math.max(0, Math.ceil((deadline - now) / 1000));
}
