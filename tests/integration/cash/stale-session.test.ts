import { afterEach, describe, expect, it } from 'vitest';
import {
  buildRequest,
  el,
  parseSoapResponse,
  soapAction,
  type GloryOp,
} from '../../../electron/core/devices/glory/codec';
import { GloryDevice } from '../../../electron/core/devices/glory/device';
import type { SessionStore } from '../../../electron/core/devices/glory/device-types';
import { startGlorySimulator, type GlorySimulator } from '../../../electron/simulators/glory';

/**
 * Issue 9 A.2 over the real SOAP wire: a POS that died holding the CI-5 (its session and Occupy lock live on in
 * the FCC for SessionMinute) — a new session is refused with 3 like on the real machine, and the restarted POS
 * that kept its SessionID gets the machine back at once.
 */
let sim: GlorySimulator;
const devices: GloryDevice[] = [];
afterEach(async () => {
  for (const d of devices.splice(0)) await d.stop();
  await sim?.close();
});

/** One SOAP request as a POS process would send it (this "process" then dies: no Release, no Close). */
async function soap(op: GloryOp, sessionId?: string, body = [] as ReturnType<typeof el>[]) {
  const res = await fetch(sim.soapUrl, {
    method: 'POST',
    headers: { 'content-type': 'text/xml; charset=utf-8', SOAPAction: soapAction(op) },
    body: buildRequest(op, { id: 'Balcao', seqNo: String(Date.now()), sessionId }, body),
  });
  return parseSoapResponse(await res.text());
}

/** A POS that opened a session and occupied the machine, then was SIGKILLed. Returns its SessionID. */
async function deadPos(): Promise<string> {
  const open = await soap('Open', undefined, [el('User', ''), el('UserPwd', ''), el('DeviceName', 'Balcao')]);
  expect(open.result).toBe(0);
  expect((await soap('Occupy', open.sessionId)).result).toBe(0);
  return open.sessionId!;
}

function device(store?: SessionStore): GloryDevice {
  const d = new GloryDevice({
    soapUrl: sim.soapUrl,
    eventHost: '127.0.0.1',
    eventBindHost: '127.0.0.1',
    eventPort: 0,
    heartbeatTimeoutMs: 5000,
    occupyRetryMs: 100,
    sessionStore: store,
  });
  devices.push(d);
  return d;
}

function memoryStore(initial?: string): SessionStore & { id: string | undefined } {
  return {
    id: initial,
    load() {
      return this.id;
    },
    save(id) {
      this.id = id;
    },
  };
}

describe('CI-5 session left by a dead POS (issue 9 A.2)', () => {
  it('the simulator keeps the dead session locked like the FCC: 3 for a new session, 17 for the old one', async () => {
    sim = await startGlorySimulator({ settings: { heartbeatMs: 200 } });
    const old = await deadPos();
    const fresh = await soap('Open', undefined, [
      el('User', ''),
      el('UserPwd', ''),
      el('DeviceName', 'Outro'),
    ]);
    expect((await soap('Occupy', fresh.sessionId)).result).toBe(3);
    // Only the holder can release; the old SessionID works from any new connection.
    expect((await soap('Release', fresh.sessionId)).result).toBe(5);
    expect((await soap('Occupy', old)).result).toBe(17);
    expect((await soap('Release', old)).result).toBe(0);
    expect((await soap('Occupy', fresh.sessionId)).result).toBe(0);
  });

  it('without its stored session a restarted POS is locked out; with it, it can pay within seconds', async () => {
    sim = await startGlorySimulator({ settings: { heartbeatMs: 200, autoTakeMs: 10 } });
    const old = await deadPos();

    const lost = device();
    await lost.start();
    expect(lost.phase).toBe('occupied');
    await lost.stop();

    const store = memoryStore(old);
    const restarted = device(store);
    await restarted.start();
    expect(restarted.phase).toBe('ready');
    expect(store.id).toBe(old);
    const sale = restarted.change(189, { seqNo: restarted.nextSeqNo(), cancelOnShortChange: true });
    await restarted.waitFor(['busy'], 5000);
    for (let i = 0; i < 200 && sim.machine.code !== 3; i++) await new Promise((r) => setTimeout(r, 10));
    sim.machine.insert([{ fv: 200, piece: 1 }]);
    expect((await sale).result).toBe(0);

    // A clean stop closes the session and forgets it.
    await restarted.stop();
    expect(store.id).toBeUndefined();
  });

  it('a session that expired is replaced, and the lock of a session we never had is retried until it frees', async () => {
    sim = await startGlorySimulator({ settings: { heartbeatMs: 200, sessionTimeoutMs: 60 * 60_000 } });
    await deadPos();
    const store = memoryStore('S-unknown-to-the-machine');
    const d = device(store);
    await d.start();
    expect(d.phase).toBe('occupied');
    expect(store.id).not.toBe('S-unknown-to-the-machine');
    // The dead session's SessionMinute runs out (ours stays alive: it retries every 100 ms): the machine is ours.
    sim.machine.settings.sessionTimeoutMs = 400;
    expect(await d.waitFor(['ready'], 5000)).toBe(true);
  });
});
