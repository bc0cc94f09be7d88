import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import type { Core } from '../../../electron/core/core';
import type { AttemptResult } from '../../../electron/core/jobs/types';
import { enqueueInTx } from '../../../electron/core/sync/outbox';

/**
 * A test-only partner (not a fake iLink): every issued document is posted as JSON to a loopback receiver, with
 * its outbox job's idempotency key in the `Idempotency-Key` header.
 */
export const TEST_KIND = 'test.deliver';

export function registerTestPartner(
  core: Core,
  url: string,
  opts: { afterResponse?: () => void } = {},
): void {
  const handle = core.jobs.register({
    kind: TEST_KIND,
    payload: z.object({ docNo: z.string(), gross: z.string() }),
    partner: () => 'test-receiver',
    syncStatus: true,
    async run(job): Promise<AttemptResult> {
      const request = `POST /documents ${job.payload.docNo}`;
      let res: Response;
      try {
        res = await fetch(`${url}/documents`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': job.idempotencyKey },
          body: JSON.stringify(job.payload),
          signal: AbortSignal.timeout(5000),
        });
      } catch (e) {
        return { outcome: 'unknown', request, network: true, message: String(e) };
      }
      const body = (await res.json()) as { id: string };
      opts.afterResponse?.();
      if (res.status === 200 || res.status === 201)
        return { outcome: 'succeeded', request, httpStatus: res.status, result: { remoteId: body.id } };
      return { outcome: 'retry', request, httpStatus: res.status };
    },
  });
  core.sync.hooks.onIssued((doc, tx) => {
    enqueueInTx(handle, tx, { docNo: doc.doc.doc_no, gross: doc.doc.gross_total }, `test:${doc.doc.doc_no}`);
  });
}

/** The loopback receiver: creates one remote document per idempotency key, answers 200 for a repeat. */
export async function startReceiver(): Promise<{
  url: string;
  requests: { key: string; docNo: string }[];
  documents: Map<string, { id: string; docNo: string }>;
  close(): Promise<void>;
}> {
  const requests: { key: string; docNo: string }[] = [];
  const documents = new Map<string, { id: string; docNo: string }>();
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      const key = String(req.headers['idempotency-key'] ?? '');
      const { docNo } = JSON.parse(body) as { docNo: string };
      requests.push({ key, docNo });
      const known = documents.get(key);
      const doc = known ?? { id: `R${documents.size + 1}`, docNo };
      if (!known) documents.set(key, doc);
      res.writeHead(known ? 200 : 201, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: doc.id }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    documents,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
