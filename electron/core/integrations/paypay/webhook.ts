import http from 'node:http';
import type net from 'node:net';
import { z } from 'zod';
import type { Logger } from '../../log/logger';
import { verifyWebhook } from './codec';

/** The webhook body (FACT §1.3): one event, a batch of payments. Only what routing needs is checked here. */
export const WebhookBody = z.object({
  webhook: z.object({
    id: z.union([z.string(), z.number()]).transform(String),
    action: z.string().min(1).max(60),
    createdAt: z.string().optional(),
  }),
  payments: z
    .array(z.object({ id: z.union([z.string(), z.number()]).transform(String) }).passthrough())
    .max(1000),
});
export type WebhookBody = z.output<typeof WebhookBody>;

export interface WebhookListenerOptions {
  readonly host: string;
  readonly port: number;
  readonly privateKey: () => string | null;
  readonly nowSec: () => number;
  /** Durable hand-over to the job runner (synchronous insert); answered 200 only after it. */
  readonly accept: (body: WebhookBody) => void;
  readonly log: Logger;
}

const MAX_BODY = 1_000_000;

/**
 * `POST /webhooks/paypay` (off by default; a shop PC usually cannot be reached from outside, polling is the
 * default). Accepted only with a valid `PayPay-Signature` over the RAW body + ts (constant-time compare, ts older
 * than 1800 s refused); a bad one gets 401 and changes nothing. The work is a job: the answer is quick.
 */
export async function startWebhookListener(
  o: WebhookListenerOptions,
): Promise<{ url: string; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = http.createServer((req, res) => {
    const reply = (status: number, body: unknown): void => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.method !== 'POST' || new URL(req.url ?? '/', 'http://x').pathname !== '/webhooks/paypay') {
      reply(404, { error: 'not_found' });
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) req.destroy();
      else chunks.push(c);
    });
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const key = o.privateKey();
      const sig = req.headers['paypay-signature'];
      const v = key ? verifyWebhook(raw, Array.isArray(sig) ? sig[0] : sig, key, o.nowSec()) : 'bad';
      if (v !== 'ok') {
        o.log.warn('paypay webhook refused', { reason: v });
        reply(401, { error: v === 'stale' ? 'stale_signature' : 'invalid_signature' });
        return;
      }
      let body: WebhookBody;
      try {
        body = WebhookBody.parse(JSON.parse(raw.toString('utf8')));
      } catch {
        // Signed but unreadable: PayPay would retry forever; it cannot get better, so say so with 422.
        reply(422, { error: 'invalid_body' });
        return;
      }
      try {
        o.accept(body);
      } catch (e) {
        o.log.error('paypay webhook not recorded', { error: String(e) });
        reply(503, { error: 'retry' });
        return;
      }
      reply(200, { ok: true });
    });
  });
  server.on('connection', (s: net.Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.host, () => resolve());
  });
  const port = (server.address() as net.AddressInfo).port;
  const h = o.host.includes(':') ? `[${o.host}]` : o.host;
  return {
    url: `http://${h}:${port}/webhooks/paypay`,
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
