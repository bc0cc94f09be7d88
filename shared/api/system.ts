import { z } from 'zod';
import { channel } from './define';
import { Empty } from './common';

export const TerminalMode = z.enum(['training', 'production']);
export type TerminalMode = z.infer<typeof TerminalMode>;

export const CompanyInfo = z.object({
  name: z.string(),
  nif: z.string(),
  address: z.string(),
  postalCode: z.string(),
  city: z.string(),
  country: z.string(),
  certificateNumber: z.string(),
});
export type CompanyInfo = z.infer<typeof CompanyInfo>;

export const SystemInfo = z.object({
  version: z.string(),
  mode: TerminalMode,
  terminalId: z.string(),
  company: CompanyInfo,
  startedAt: z.string(),
});
export type SystemInfo = z.infer<typeof SystemInfo>;

export const systemContract = {
  'system/info': channel({
    input: Empty,
    output: SystemInfo,
    access: 'public',
    summary: 'Versão, modo (formação/produção), terminal e empresa',
  }),
  'system/ping': channel({
    input: z.object({ echo: z.string().max(200).optional() }).strict(),
    output: z.object({ pong: z.literal(true), echo: z.string().optional(), at: z.string() }),
    access: 'public',
    summary: 'Teste de ligação ao núcleo',
  }),
};
