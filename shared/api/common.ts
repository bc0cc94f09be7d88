import { z } from 'zod';

export const Empty = z.object({}).strict();
export const Ok = z.object({ ok: z.literal(true) });
export const IsoDateTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/, 'Data/hora inválida');
export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Data inválida (AAAA-MM-DD)');
export const Id = z.number().int().positive();
export const Pin = z.string().regex(/^\d{4,8}$/, 'O PIN tem de ter entre 4 e 8 algarismos');
