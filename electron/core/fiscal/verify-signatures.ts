import crypto from 'node:crypto';
import os from 'node:os';
import { receiveMessageOnPort, MessageChannel, Worker } from 'node:worker_threads';

/**
 * RSA-SHA1 signature checks for `balcao verify`, optionally on a second core. The chain itself is sequential,
 * but each check is independent once the previous *stored* hash is known, so checks are batched in chunks and
 * a worker thread verifies them while the caller goes on reading rows and recomputing totals.
 *
 * The API stays synchronous: chunks are claimed with an atomic compare-and-swap in shared memory, so at
 * `finish()` the caller verifies every chunk the worker has not claimed yet (if the worker never started,
 * that is all of them) and waits (Atomics.wait) only for chunks the worker is busy with. Results of failing
 * chunks come back through a MessagePort read with receiveMessageOnPort (no event loop needed).
 */
export interface SignatureChecker {
  /** Queues one check; `ord` identifies the document to the caller. */
  add(ord: number, keyId: number, message: string, hash: string): void;
  /** Completes every check; returns the ordinals whose signature is invalid, ascending. */
  finish(): number[];
}

const CHUNK = 1000;
const FREE = 0;
const CLAIMED = 1;
const DONE_OK = 2;
const DONE_BAD = 3;
/** The worker threw (e.g. a malformed stored hash): the chunk is redone here, where the error surfaces. */
const DONE_ERROR = 4;

interface Chunk {
  index: number;
  ords: number[];
  keys: number[];
  messages: string[];
  hashes: string[];
}

/**
 * One key's RSASSA-PKCS1-v1_5 SHA-1 check (RFC 8017 §8.2.2) done as the standard defines it: the signature, as
 * long as the modulus, raised to the public exponent (publicDecrypt without padding) must be byte for byte the
 * encoding 00 01 FF…FF 00 DigestInfo(SHA-1) H of the message's digest H. The same answer as crypto.verify with
 * ~20 % less CPU: on this VM a crypto.verify cost 10–11 µs where `openssl speed rsa1024` gives 5 µs (the rest is
 * Node's and OpenSSL 3's per-call set-up), publicDecrypt 8 µs and the SHA-1 0.4 µs. Not RSA (no such fiscal key
 * is ever made): crypto.verify.
 */
export function rsaSha1Check(key: crypto.KeyObject): (message: Buffer, signature: Buffer) => boolean {
  const bits = key.asymmetricKeyType === 'rsa' ? key.asymmetricKeyDetails?.modulusLength : undefined;
  const size = bits ? Math.ceil(bits / 8) : 0;
  if (size < 46)
    return (message, signature) =>
      crypto.verify('sha1', message, { key, padding: crypto.constants.RSA_PKCS1_PADDING }, signature);
  const prefix = Buffer.concat([
    Buffer.from([0, 1]),
    Buffer.alloc(size - 38, 0xff),
    Buffer.from([0]),
    SHA1_DIGEST_INFO,
  ]);
  return (message, signature) => {
    if (signature.length !== size) return false;
    let em: Buffer;
    try {
      em = crypto.publicDecrypt({ key, padding: crypto.constants.RSA_NO_PADDING }, signature);
    } catch {
      return false; // not below the modulus
    }
    return (
      em.length === size &&
      em.compare(prefix, 0, prefix.length, 0, prefix.length) === 0 &&
      em.compare(crypto.hash('sha1', message, 'buffer'), 0, 20, size - 20, size) === 0
    );
  };
}

/** DER DigestInfo of SHA-1 (RFC 8017 §9.2, note 1): what precedes the 20-byte digest. */
const SHA1_DIGEST_INFO = Buffer.from('3021300906052b0e03021a05000414', 'hex');

type Check = ReturnType<typeof rsaSha1Check>;

function checkChunk(c: Chunk, keys: ReadonlyMap<number, Check>): number[] {
  const bad: number[] = [];
  for (let i = 0; i < c.ords.length; i++) {
    const ok = keys.get(c.keys[i])!(Buffer.from(c.messages[i], 'utf8'), Buffer.from(c.hashes[i], 'base64'));
    if (!ok) bad.push(c.ords[i]);
  }
  return bad;
}

// Plain CommonJS so the worker needs no TypeScript loader (tsx in development, bundled code in the app).
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const crypto = require('node:crypto');
const { jobs, results, state, pems } = workerData;
const st = new Int32Array(state);
// rsaSha1Check, the same steps (tests compare the worker's answers with this thread's).
const DIGEST_INFO = Buffer.from('3021300906052b0e03021a05000414', 'hex');
const check = (key) => {
  const bits = key.asymmetricKeyType === 'rsa' ? key.asymmetricKeyDetails?.modulusLength : undefined;
  const size = bits ? Math.ceil(bits / 8) : 0;
  if (size < 46)
    return (m, sig) => crypto.verify('sha1', m, { key, padding: crypto.constants.RSA_PKCS1_PADDING }, sig);
  const prefix = Buffer.concat([Buffer.from([0, 1]), Buffer.alloc(size - 38, 0xff), Buffer.from([0]), DIGEST_INFO]);
  return (m, sig) => {
    if (sig.length !== size) return false;
    let em;
    try {
      em = crypto.publicDecrypt({ key, padding: crypto.constants.RSA_NO_PADDING }, sig);
    } catch {
      return false;
    }
    return em.length === size && em.compare(prefix, 0, prefix.length, 0, prefix.length) === 0 &&
      em.compare(crypto.hash('sha1', m, 'buffer'), 0, 20, size - 20, size) === 0;
  };
};
const keys = new Map(pems.map(([id, pem]) => [id, check(crypto.createPublicKey(pem))]));
jobs.on('message', (c) => {
  if (Atomics.compareExchange(st, c.index, ${FREE}, ${CLAIMED}) !== ${FREE}) return;
  const bad = [];
  try {
    for (let i = 0; i < c.ords.length; i++) {
      const ok = keys.get(c.keys[i])(Buffer.from(c.messages[i], 'utf8'), Buffer.from(c.hashes[i], 'base64'));
      if (!ok) bad.push(c.ords[i]);
    }
  } catch {
    Atomics.store(st, c.index, ${DONE_ERROR});
    Atomics.notify(st, c.index);
    return;
  }
  if (bad.length) results.postMessage({ index: c.index, bad });
  Atomics.store(st, c.index, bad.length ? ${DONE_BAD} : ${DONE_OK});
  Atomics.notify(st, c.index);
});
`;

export interface SignatureCheckerOptions {
  /** Public keys by fiscal_key.id (SPKI PEM). */
  pems: ReadonlyMap<number, string>;
  /** Upper bound of the number of checks (sizes the shared state). */
  expected: number;
  /**
   * Use a worker thread; default: only with a core free for it and enough checks to pay for its start (~4000).
   */
  parallel?: boolean;
  /**
   * Threads of the same job already working beside the caller (verify's seal worker): the default keeps a core
   * for each. On two cores with the seal worker, a signature worker only took CPU from it (issue 15: that worker
   * sets the pace; 4 interleaved pairs, 30–160 ms less wall in 3 with the checks on the calling thread).
   */
  busyThreads?: number;
  /** Checks per chunk handed to the worker (default 1000). */
  chunkSize?: number;
}

export function createSignatureChecker(o: SignatureCheckerOptions): SignatureChecker {
  const keys = new Map([...o.pems].map(([id, pem]) => [id, rsaSha1Check(crypto.createPublicKey(pem))]));
  const parallel = o.parallel ?? (os.availableParallelism() > 1 + (o.busyThreads ?? 0) && o.expected >= 4000);
  const size = o.chunkSize ?? CHUNK;
  const bad: number[] = [];
  let current: Chunk = { index: 0, ords: [], keys: [], messages: [], hashes: [] };

  if (!parallel) {
    return {
      add(ord, keyId, message, hash) {
        current.ords.push(ord);
        current.keys.push(keyId);
        current.messages.push(message);
        current.hashes.push(hash);
        if (current.ords.length >= size) {
          bad.push(...checkChunk(current, keys));
          current = { index: 0, ords: [], keys: [], messages: [], hashes: [] };
        }
      },
      finish() {
        bad.push(...checkChunk(current, keys));
        return bad.sort((a, b) => a - b);
      },
    };
  }

  const chunkCount = Math.ceil(o.expected / size) + 1;
  const state = new Int32Array(new SharedArrayBuffer(4 * chunkCount));
  const jobs = new MessageChannel();
  const results = new MessageChannel();
  let worker: Worker | null = null;
  try {
    worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { jobs: jobs.port2, results: results.port2, state: state.buffer, pems: [...o.pems] },
      transferList: [jobs.port2, results.port2],
    });
    worker.unref();
  } catch {
    worker = null; // no worker: finish() verifies everything here
  }
  const pending: Chunk[] = [];
  let swept = 0;
  const send = (): void => {
    // Chunks the worker has passed are dropped from memory (the failing ones are kept, see finish()).
    while (swept < pending.length && Atomics.load(state, pending[swept].index) === DONE_OK) {
      const c = pending[swept++];
      c.messages = [];
      c.hashes = [];
    }
    if (!current.ords.length) return;
    if (current.index >= chunkCount) throw new Error('more signature checks than announced');
    pending.push(current);
    if (worker) jobs.port1.postMessage(current);
    current = { index: current.index + 1, ords: [], keys: [], messages: [], hashes: [] };
  };

  return {
    add(ord, keyId, message, hash) {
      current.ords.push(ord);
      current.keys.push(keyId);
      current.messages.push(message);
      current.hashes.push(hash);
      if (current.ords.length >= size) send();
    },
    finish() {
      send();
      // Take back, from the end, every chunk the worker has not started.
      for (let i = pending.length - 1; i >= 0; i--) {
        const c = pending[i];
        if (Atomics.compareExchange(state, c.index, FREE, CLAIMED) === FREE) {
          bad.push(...checkChunk(c, keys));
          Atomics.store(state, c.index, DONE_OK);
        }
      }
      for (const c of pending) {
        // A chunk the worker claimed: wait for it (a stuck worker is given 60 s, then the chunk is redone here).
        let waited = 0;
        while (Atomics.load(state, c.index) === CLAIMED && waited < 60_000) {
          Atomics.wait(state, c.index, CLAIMED, 100);
          waited += 100;
        }
        const st = Atomics.load(state, c.index);
        if (st === CLAIMED || st === DONE_ERROR) bad.push(...checkChunk(c, keys));
      }
      const failed = new Set(
        pending.filter((c) => Atomics.load(state, c.index) === DONE_BAD).map((c) => c.index),
      );
      for (let m = receiveMessageOnPort(results.port1); m; m = receiveMessageOnPort(results.port1)) {
        const r = m.message as { index: number; bad: number[] };
        bad.push(...r.bad);
        failed.delete(r.index);
      }
      // A failing chunk whose message could not be read is checked again here rather than trusted.
      for (const c of pending) if (failed.has(c.index)) bad.push(...checkChunk(c, keys));
      void worker?.terminate();
      jobs.port1.close();
      results.port1.close();
      return [...new Set(bad)].sort((a, b) => a - b);
    },
  };
}
