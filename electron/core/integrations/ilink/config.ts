import { z } from 'zod';
import { PosError } from '../../../../shared/errors';
import type { Db } from '../../db/open';
import type { SecretBox } from '../../fiscal/secret-box';
import { readSetting, writeSetting } from '../../system/settings';
import type { IlinkAuth } from './client';

/**
 * iLink settings, in the `setting` table as the rest of the terminal's settings. Secrets (client secret,
 * platform token) are stored sealed by the SecretBox (fiscal/secret-box.ts: AES-256-GCM with the data folder's
 * key file, or the OS keychain in Electron), never in clear in the database.
 */
export const ILINK_SETTING = 'ilink.config';

const Stored = z.object({
  /** null: a training terminal's in-process simulator. */
  baseUrl: z.string().url().nullable(),
  auth: z
    .discriminatedUnion('mode', [
      z.object({ mode: z.literal('oauth2'), clientId: z.string().min(1), clientSecret: z.string().min(1) }),
      z.object({
        mode: z.literal('legacy'),
        token: z.string().min(1),
        publicKey: z.string().min(1),
        nif: z.string().regex(/^\d{9}$/),
      }),
    ])
    .nullable(),
  send: z.enum(['auto', 'manual', 'off']),
  receive: z.boolean(),
  /** The legacy handshake was done for this public key. */
  handshakeKey: z.string().nullable().default(null),
  /** Embed the A4 PDF as INVOICE_REPRESENTATION. */
  pdf: z.boolean().default(true),
  timeoutMs: z.number().int().min(100).max(300_000).default(30_000),
});
type Stored = z.infer<typeof Stored>;

export interface IlinkConfig {
  readonly baseUrl: string | null;
  readonly auth: IlinkAuth | null;
  readonly send: 'auto' | 'manual' | 'off';
  readonly receive: boolean;
  readonly handshakeKey: string | null;
  readonly pdf: boolean;
  readonly timeoutMs: number;
}

export const DEFAULT_CONFIG: IlinkConfig = {
  baseUrl: null,
  auth: null,
  send: 'off',
  receive: false,
  handshakeKey: null,
  pdf: true,
  timeoutMs: 30_000,
};

export function readIlinkConfig(db: Db, box: SecretBox): IlinkConfig {
  const s = readSetting(db, ILINK_SETTING, Stored);
  if (!s) return DEFAULT_CONFIG;
  let auth: IlinkAuth | null = null;
  try {
    if (s.auth?.mode === 'oauth2')
      auth = { mode: 'oauth2', clientId: s.auth.clientId, clientSecret: box.open(s.auth.clientSecret) };
    else if (s.auth?.mode === 'legacy')
      auth = { mode: 'legacy', token: box.open(s.auth.token), publicKey: s.auth.publicKey, nif: s.auth.nif };
  } catch {
    throw new PosError(
      'CONFLICT',
      'Não foi possível abrir as credenciais iLink guardadas (chave de cifra da pasta de dados diferente). Configure-as de novo.',
    );
  }
  return { ...s, auth };
}

export function writeIlinkConfig(db: Db, box: SecretBox, c: IlinkConfig): void {
  const auth: Stored['auth'] =
    c.auth?.mode === 'oauth2'
      ? { mode: 'oauth2', clientId: c.auth.clientId, clientSecret: box.seal(c.auth.clientSecret) }
      : c.auth?.mode === 'legacy'
        ? { mode: 'legacy', token: box.seal(c.auth.token), publicKey: c.auth.publicKey, nif: c.auth.nif }
        : null;
  const stored: Stored = Stored.parse({ ...c, auth });
  writeSetting(db, ILINK_SETTING, stored);
}

/** What the settings screen and `ilink history` may show: never a secret. */
export function publicView(c: IlinkConfig) {
  return {
    baseUrl: c.baseUrl,
    mode: c.auth?.mode ?? null,
    clientId: c.auth?.mode === 'oauth2' ? c.auth.clientId : null,
    nif: c.auth?.mode === 'legacy' ? c.auth.nif : null,
    publicKey: c.auth?.mode === 'legacy' ? c.auth.publicKey : null,
    send: c.send,
    receive: c.receive,
  };
}
