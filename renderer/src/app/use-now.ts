import { useEffect, useState } from 'react';

/** Current time, refreshed every `everyMs` (the status bar and login clock). */
export function useNow(everyMs = 10_000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const id = setInterval(() => setNow(new Date()), everyMs);
    return () => clearInterval(id);
  }, [everyMs]);
  return now;
}

const two = (n: number): string => String(n).padStart(2, '0');
export const formatTime = (d: Date): string => `${two(d.getHours())}:${two(d.getMinutes())}`;

const WEEKDAYS = [
  'domingo',
  'segunda-feira',
  'terça-feira',
  'quarta-feira',
  'quinta-feira',
  'sexta-feira',
  'sábado',
];
const MONTHS = [
  'janeiro',
  'fevereiro',
  'março',
  'abril',
  'maio',
  'junho',
  'julho',
  'agosto',
  'setembro',
  'outubro',
  'novembro',
  'dezembro',
];
/** "sexta-feira, 21 de novembro" — pt-PT writes weekdays and months in lower case. */
export const formatLongDate = (d: Date): string =>
  `${WEEKDAYS[d.getDay()]}, ${d.getDate()} de ${MONTHS[d.getMonth()]}`;
/** ISO timestamp → "21/11/2026 07:04". */
export function formatDateTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${two(d.getDate())}/${two(d.getMonth() + 1)}/${d.getFullYear()} ${formatTime(d)}`;
}
