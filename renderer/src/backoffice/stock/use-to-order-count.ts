import { useEffect, useState } from 'react';
import { useClient } from '../../app/context';

const REFRESH_MS = 60_000;

/**
 * How many article/warehouse balances are below their minimum (the back office's low-stock badge): read when
 * the back office opens, on every change of section (a minimum set, a count confirmed) and once a minute (the
 * till sells meanwhile).
 */
export function useToOrderCount(section: string | undefined): number {
  const client = useClient();
  const [count, setCount] = useState(0);
  useEffect(() => {
    let alive = true;
    const load = (): void => {
      void client.tryCall('stock/to-order', {}).then((env) => {
        if (alive && env.ok) setCount(env.value.length);
      });
    };
    load();
    const timer = setInterval(load, REFRESH_MS);
    return () => {
      alive = false;
      clearInterval(timer);
    };
  }, [client, section]);
  return count;
}
