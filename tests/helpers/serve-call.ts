import type { PosErrorData } from '../../shared/errors';

/** One answer of `balcao serve`'s HTTP transport, with its status, as the tests look at it. */
export interface ServeReply {
  status: number;
  ok: boolean;
  value: unknown;
  error: PosErrorData | null;
}

/** POST /api/<channel> to a running `balcao serve` with the page token (and an operator session, if any). */
export async function serveCall(
  baseUrl: string,
  token: string,
  channel: string,
  input: unknown,
  session: string | null = null,
): Promise<ServeReply> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json', 'X-Balcao-Token': token };
  if (session) headers['X-Balcao-Session'] = session;
  const r = await fetch(`${baseUrl}api/${channel}`, { method: 'POST', headers, body: JSON.stringify(input) });
  const body = (await r.json()) as { ok: boolean; value?: unknown; error?: PosErrorData };
  return { status: r.status, ok: body.ok, value: body.value ?? null, error: body.error ?? null };
}
