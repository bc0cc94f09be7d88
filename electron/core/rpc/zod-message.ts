import type { z } from 'zod';

/** One pt-PT sentence from a zod error: the first issues, with the field path. */
export function zodMessage(error: z.ZodError): string {
  const parts = error.issues.slice(0, 3).map((i) => {
    const where = i.path.length ? `«${i.path.join('.')}»: ` : '';
    return `${where}${i.message}`;
  });
  return `Dados inválidos — ${parts.join('; ')}`;
}
