import crypto from 'node:crypto';
import { MessageChannel, Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import {
  createSignatureChecker,
  rsaSha1Check,
  SIGNATURE_CHUNKS_SOURCE,
  type SignatureLane,
} from '../../../electron/core/fiscal/verify-signatures';
import { prng } from '../../../shared/random';

const { publicKey, privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 1024 });
const other = crypto.generateKeyPairSync('rsa', { modulusLength: 1024 });
const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
const reference = (m: Buffer, sig: Buffer): boolean =>
  crypto.verify('sha1', m, { key: publicKey, padding: crypto.constants.RSA_PKCS1_PADDING }, sig);
/** A signature of any 128-byte block: the encoded message `em` raised to the private exponent. */
const raw = (em: Buffer): Buffer =>
  crypto.privateEncrypt({ key: privateKey, padding: crypto.constants.RSA_NO_PADDING }, em);
const encoded = (digestInfo: string, digest: Buffer, size = 128): Buffer => {
  const t = Buffer.concat([Buffer.from(digestInfo, 'hex'), digest]);
  return Buffer.concat([Buffer.from([0, 1]), Buffer.alloc(size - 3 - t.length, 0xff), Buffer.from([0]), t]);
};
const SHA1_INFO = '3021300906052b0e03021a05000414';

/** Signatures every way they can be wrong, with the message each is checked against. */
function cases(r: () => number): Array<[Buffer, Buffer]> {
  const m = Buffer.from(`2025-06-15;2025-06-15T08:00:05;FS T1F/${Math.floor(r() * 1e6)};9.17;x`);
  const sig = crypto.sign('sha1', m, privateKey);
  const flipped = Buffer.from(sig);
  flipped[Math.floor(r() * 128)] ^= 1 << Math.floor(r() * 8);
  const h = crypto.hash('sha1', m, 'buffer');
  const badPs = encoded(SHA1_INFO, h);
  badPs[2 + Math.floor(r() * 80)] = 0xfe;
  return [
    [m, sig],
    [Buffer.concat([m, Buffer.from('1')]), sig],
    [m, flipped],
    [m, sig.subarray(1)],
    [m, Buffer.concat([Buffer.from([0]), sig])],
    [m, Buffer.alloc(128, 0xff)], // above the modulus
    [m, Buffer.alloc(128)],
    [m, crypto.sign('sha1', m, other.privateKey)],
    [m, crypto.sign('sha256', m, privateKey)],
    [m, raw(encoded(SHA1_INFO, h))], // the standard encoding, made by hand: valid
    [m, raw(encoded('301f300706052b0e03021a0414', h))], // DigestInfo without the NULL parameters
    [m, raw(badPs)],
    [m, raw(encoded(SHA1_INFO, crypto.hash('sha1', Buffer.from('outra'), 'buffer')))],
  ];
}

describe('RSA-SHA1 signature check (verify)', () => {
  it('answers exactly as crypto.verify, for valid signatures and every way of being wrong', () => {
    const check = rsaSha1Check(publicKey);
    const r = prng(15);
    let valid = 0;
    for (let k = 0; k < 40; k++)
      for (const [m, sig] of cases(r)) {
        const want = reference(m, sig);
        expect(check(m, sig)).toBe(want);
        if (want) valid++;
      }
    expect(valid).toBe(80); // the signed one and the hand-made standard encoding, each round
  });

  it('the worker thread finds the same invalid ones as this thread', async () => {
    const all = cases(prng(7)).concat(cases(prng(8)));
    const expected = all.flatMap(([m, sig], ord) => (reference(m, sig) ? [] : [ord]));
    for (const parallel of [false, true]) {
      const c = createSignatureChecker({
        pems: new Map([[1, pem]]),
        expected: all.length,
        parallel,
        chunkSize: 3,
      });
      all.forEach(([m, sig], ord) => c.add(ord, 1, m.toString('utf8'), sig.toString('base64')));
      // finish() checks here every chunk the worker has not claimed: give the worker time to claim them all.
      if (parallel) await new Promise((r) => setTimeout(r, 1500));
      expect(c.finish()).toEqual(expected);
    }
  });

  /**
   * A lane (verify's seal worker takes chunks when it is ahead of the chains, seal-scan.ts): here the other
   * thread is a worker running the same SIGNATURE_CHUNKS_SOURCE, counting the chunks it checked.
   */
  function laneWithWorker(slots: number) {
    const state = new Int32Array(new SharedArrayBuffer(4 * slots));
    const served = new Int32Array(new SharedArrayBuffer(4));
    const jobs = new MessageChannel();
    const results = new MessageChannel();
    const worker = new Worker(
      `${SIGNATURE_CHUNKS_SOURCE}
const { workerData } = require('node:worker_threads');
const { state, jobs, results, served } = workerData;
const serve = signatureChunkServer(require('node:crypto'), new Int32Array(state), results);
const count = new Int32Array(served);
jobs.on('message', (m) => { if (serve(m)) Atomics.add(count, 0, 1); });`,
      {
        eval: true,
        workerData: { state: state.buffer, jobs: jobs.port2, results: results.port2, served: served.buffer },
        transferList: [jobs.port2, results.port2],
      },
    );
    const lane: SignatureLane = {
      state,
      jobs: jobs.port1,
      results: results.port1,
      wake: () => {},
      done: () => void worker.terminate(),
    };
    return { lane, served: () => Atomics.load(served, 0) };
  }

  /** A lane with nobody at its other end: `slots` chunk slots; done() closes its ports. */
  function idleLane(slots: number): SignatureLane {
    const jobs = new MessageChannel();
    const results = new MessageChannel();
    return {
      state: new Int32Array(new SharedArrayBuffer(4 * slots)),
      jobs: jobs.port1,
      results: results.port1,
      wake: () => {},
      done: () => {
        jobs.port1.close();
        results.port1.close();
      },
    };
  }

  it("a lane's thread checks the chunks it takes with the same answers as this thread", async () => {
    const all = cases(prng(11)).concat(cases(prng(12)));
    const expected = all.flatMap(([m, sig], ord) => (reference(m, sig) ? [] : [ord]));
    const { lane, served } = laneWithWorker(all.length + 2);
    const c = createSignatureChecker({ pems: new Map([[1, pem]]), expected: all.length, chunkSize: 3, lane });
    all.forEach(([m, sig], ord) => c.add(ord, 1, m.toString('utf8'), sig.toString('base64')));
    // Let the lane's thread take every full chunk (finish() checks here those it has not taken): up to 20 s on a
    // loaded machine, as soon as it has them all.
    const full = Math.floor(all.length / 3);
    for (let waited = 0; served() < full && waited < 20_000; waited += 50)
      await new Promise((r) => setTimeout(r, 50));
    expect(served()).toBe(full);
    expect(c.finish()).toEqual(expected);
  });

  it('helpOne checks here the chunks nobody has taken, newest first, with the same answers', () => {
    const all = cases(prng(13));
    const expected = all.flatMap(([m, sig], ord) => (reference(m, sig) ? [] : [ord]));
    // A lane whose other thread never takes anything.
    const lane = idleLane(all.length + 2);
    const c = createSignatureChecker({ pems: new Map([[1, pem]]), expected: all.length, chunkSize: 2, lane });
    all.forEach(([m, sig], ord) => c.add(ord, 1, m.toString('utf8'), sig.toString('base64')));
    let helped = 0;
    while (c.helpOne()) helped++;
    expect(helped).toBe(Math.floor(all.length / 2));
    // Every full chunk done: a lane slot each, none left free.
    expect([...lane.state.subarray(0, helped)].every((v) => v === 2 || v === 3)).toBe(true);
    expect(c.finish()).toEqual(expected);
  });

  it('without a lane, or with one too small for the chunks, checks inline as before', () => {
    const all = cases(prng(14));
    const expected = all.flatMap(([m, sig], ord) => (reference(m, sig) ? [] : [ord]));
    const small = idleLane(1);
    for (const lane of [undefined, small]) {
      const c = createSignatureChecker({
        pems: new Map([[1, pem]]),
        expected: all.length,
        chunkSize: 2,
        lane,
      });
      all.forEach(([m, sig], ord) => c.add(ord, 1, m.toString('utf8'), sig.toString('base64')));
      expect(c.helpOne()).toBe(false);
      expect(c.finish()).toEqual(expected);
    }
    small.done();
  });
});
