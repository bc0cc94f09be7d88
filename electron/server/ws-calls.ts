import { z } from 'zod';
import { PosError, type Envelope } from '../../shared/errors';
import { t } from '../../shared/i18n';
import type { Logger } from '../core/log/logger';

/**
 * Calls over the page's WebSocket (`/api/events`), beside `POST /api/<channel>`. Why: on this kind of machine a
 * fetch round trip from Chromium to the loopback server costs 5–6 ms median and 11–13 ms at p95 (the browser's
 * network service, a request's headers and parsing), a message on the open socket 0.6 / 1.1 ms, and the till
 * makes one call per scan. Same dispatcher, same policies, same envelopes; the socket was authenticated when it
 * was opened (token, Origin, Host), and each frame carries its operator session like the HTTP header.
 *
 * Frames: `{ call: n, channel, session, input }` → `{ reply: n, envelope }`. Events keep their
 * `{ event, payload }` frames on the same socket, so a reply and the events its call caused arrive in order.
 */
export const CallFrame = z.object({
  call: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  channel: z.string().min(1).max(200),
  session: z.string().max(500).nullable().optional(),
  input: z.unknown().optional(),
});

/** Only the call number: to refuse a bad frame under the number the page waits on. */
const CallNumber = CallFrame.pick({ call: true });

export type Dispatch = (
  channel: string,
  input: unknown,
  session: string | null,
) => Promise<Envelope<unknown>>;

function refusal(code: 'VALIDATION' | 'INTERNAL', message: string, op?: string): Envelope<never> {
  return { ok: false, error: new PosError(code, message, undefined, op).toData() };
}

/**
 * Answers one frame from a page: a call's reply is sent with `send`. A frame that is not a call (not JSON, no
 * call number) is logged and dropped, as the page never sends one; a call with a bad shape gets a pt-PT refusal.
 * Never throws, so a bad frame cannot take the socket (or the server) down.
 */
export async function answerCallFrame(
  data: string,
  dispatch: Dispatch,
  send: (frame: string) => void,
  log: Logger,
): Promise<void> {
  let raw: unknown;
  try {
    raw = JSON.parse(data);
  } catch {
    log.warn('websocket frame refused', { reason: 'json' });
    return;
  }
  const frame = CallFrame.safeParse(raw);
  let call: number;
  let envelope: Envelope<unknown>;
  if (frame.success) {
    call = frame.data.call;
    try {
      envelope = await dispatch(frame.data.channel, frame.data.input ?? {}, frame.data.session ?? null);
    } catch (e) {
      // The dispatcher never throws; kept so that a fault there can never become an unhandled rejection.
      log.error('api failure', { error: e instanceof Error ? e.stack : String(e), via: 'websocket' });
      envelope = refusal('INTERNAL', t('error.internal'), frame.data.channel);
    }
  } else {
    const id = CallNumber.safeParse(raw);
    if (!id.success) {
      log.warn('websocket frame refused', { reason: 'no call number' });
      return;
    }
    call = id.data.call;
    log.warn('request refused', { code: 'VALIDATION', via: 'websocket' });
    envelope = refusal('VALIDATION', t('error.badCallFrame'));
  }
  send(JSON.stringify({ reply: call, envelope }));
}
