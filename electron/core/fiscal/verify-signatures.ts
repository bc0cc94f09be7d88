import crypto from 'node:crypto';
import os from 'node:os';
import { receiveMessageOnPort, MessageChannel, Worker, type MessagePort } from 'node:worker_threads';

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
  /**
   * Checks one queued chunk that no other thread has taken, if there is one: for a caller that would otherwise
   * wait (verify waiting for the seal worker's next page). True when it checked one.
   */
  helpOne(): boolean;
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

/**
 * A chunk as it is checked, here or on another thread: one SharedArrayBuffer (posting it shares it, nothing is
 * copied) holding the Int32 header [n, then per check: ord, key id, message start, end, signature start, end]
 * and the bytes (each message in UTF-8, each stored hash decoded from base64). Posting the chunk's 2000 strings
 * instead cost ~1.5 ms per 1000 checks to clone and read back, on both threads (issue 15).
 */
const FIELDS = 6;
/** Where pack() writes a chunk's bytes; made on the first pack (not when the module is loaded), kept. */
let scratch = Buffer.alloc(0);

function pack(c: Chunk): SharedArrayBuffer {
  const n = c.ords.length;
  const head = new Int32Array(1 + FIELDS * n);
  const base = 4 * head.length;
  head[0] = n;
  let o = 0;
  for (let i = 0; i < n; i++) {
    const m = c.messages[i];
    const h = c.hashes[i];
    // UTF-8 takes at most 3 bytes per UTF-16 unit; base64 decodes to fewer bytes than its characters.
    if (o + 3 * m.length + h.length > scratch.length) {
      const bigger = Buffer.allocUnsafe(Math.max(1 << 19, 2 * (scratch.length + 3 * m.length + h.length)));
      scratch.copy(bigger, 0, 0, o);
      scratch = bigger;
    }
    const at = 1 + FIELDS * i;
    head[at] = c.ords[i];
    head[at + 1] = c.keys[i];
    head[at + 2] = base + o;
    o += scratch.write(m, o, 'utf8');
    head[at + 3] = base + o;
    head[at + 4] = base + o;
    o += scratch.write(h, o, 'base64');
    head[at + 5] = base + o;
  }
  const data = new SharedArrayBuffer(base + o);
  new Int32Array(data, 0, head.length).set(head);
  new Uint8Array(data, base, o).set(scratch.subarray(0, o));
  return data;
}

/** The ordinals of a packed chunk whose signature is invalid (other threads: SIGNATURE_CHUNKS_SOURCE's steps). */
function checkPacked(data: SharedArrayBuffer, keys: ReadonlyMap<number, Check>): number[] {
  const n = new Int32Array(data, 0, 1)[0];
  const head = new Int32Array(data, 0, 1 + FIELDS * n);
  const bytes = Buffer.from(data);
  const bad: number[] = [];
  for (let i = 0; i < n; i++) {
    const at = 1 + FIELDS * i;
    const check = keys.get(head[at + 1])!;
    if (!check(bytes.subarray(head[at + 2], head[at + 3]), bytes.subarray(head[at + 4], head[at + 5])))
      bad.push(head[at]);
  }
  return bad;
}

/**
 * Plain CommonJS (no TypeScript loader in a worker: tsx in development, bundled code in the app) defining
 * `signatureChunkServer(crypto, state, results)`: it returns the function that takes one message of the jobs
 * port — first the public keys (`{ pems }`), then chunks — and checks a chunk it can claim (compare-and-swap on
 * its slot of `state`), posting the ordinals of a failing chunk on `results`. The checks are rsaSha1Check's
 * steps (tests compare a worker's answers with this thread's). Used by the signature worker below and by the
 * seal's worker (seal-scan.ts), which takes chunks when it is ahead of the chains.
 */
export const SIGNATURE_CHUNKS_SOURCE = `
function signatureChunkServer(crypto, state, results) {
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
  let keys = new Map();
  return (c) => {
    if (Array.isArray(c.pems)) {
      keys = new Map(c.pems.map(([id, pem]) => [id, check(crypto.createPublicKey(pem))]));
      return false;
    }
    if (Atomics.compareExchange(state, c.index, ${FREE}, ${CLAIMED}) !== ${FREE}) return false;
    const bad = [];
    try {
      // checkPacked's steps.
      const n = new Int32Array(c.data, 0, 1)[0];
      const head = new Int32Array(c.data, 0, 1 + ${FIELDS} * n);
      const bytes = Buffer.from(c.data);
      for (let i = 0; i < n; i++) {
        const at = 1 + ${FIELDS} * i;
        if (!keys.get(head[at + 1])(bytes.subarray(head[at + 2], head[at + 3]), bytes.subarray(head[at + 4], head[at + 5])))
          bad.push(head[at]);
      }
    } catch {
      Atomics.store(state, c.index, ${DONE_ERROR});
      Atomics.notify(state, c.index);
      return true;
    }
    if (bad.length) results.postMessage({ index: c.index, bad });
    Atomics.store(state, c.index, bad.length ? ${DONE_BAD} : ${DONE_OK});
    Atomics.notify(state, c.index);
    return true;
  };
}
`;

const WORKER_SOURCE = `${SIGNATURE_CHUNKS_SOURCE}
const { workerData } = require('node:worker_threads');
const { jobs, results, state } = workerData;
const serve = signatureChunkServer(require('node:crypto'), new Int32Array(state), results);
jobs.on('message', serve);
`;

/**
 * Another thread that takes chunks of checks beside the caller: a signature worker of the checker's own, or
 * (passed in as `lane`) a thread of the same job that takes them when it has nothing else to do — verify's seal
 * worker, seal-scan.ts: on two cores, a third thread for the signatures only took CPU from it. Its end of the
 * ports runs SIGNATURE_CHUNKS_SOURCE.
 */
export interface SignatureLane {
  /** One slot per chunk (FREE, CLAIMED, DONE_…), shared with the other thread. */
  readonly state: Int32Array;
  /** Where the public keys, then the chunks, are posted. */
  readonly jobs: MessagePort;
  /** Where the other thread posts the ordinals of a failing chunk. */
  readonly results: MessagePort;
  /** Tells the other thread a chunk was posted. */
  wake(): void;
  /** Tells the other thread no chunk will come any more. */
  done(): void;
}

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
  /**
   * A thread already at work that takes chunks when it can (verify's seal worker), used when no signature
   * worker of its own is started: the chunks are then checked by whichever of the two threads is free.
   */
  lane?: SignatureLane;
}

export function createSignatureChecker(o: SignatureCheckerOptions): SignatureChecker {
  const keys = new Map([...o.pems].map(([id, pem]) => [id, rsaSha1Check(crypto.createPublicKey(pem))]));
  const ownWorker =
    o.parallel ?? (os.availableParallelism() > 1 + (o.busyThreads ?? 0) && o.expected >= 4000);
  const size = o.chunkSize ?? CHUNK;
  const chunkCount = Math.ceil(o.expected / size) + 1;
  const lane =
    !ownWorker && o.parallel !== false && o.lane && o.lane.state.length >= chunkCount ? o.lane : null;
  const bad: number[] = [];
  let current: Chunk = { index: 0, ords: [], keys: [], messages: [], hashes: [] };
  /** Queues one check in the current chunk; true when the chunk is full. */
  const queue = (ord: number, keyId: number, message: string, hash: string): boolean => {
    current.ords.push(ord);
    current.keys.push(keyId);
    current.messages.push(message);
    current.hashes.push(hash);
    return current.ords.length >= size;
  };

  // The other thread, if any: the lane's, or a signature worker of our own (SIGNATURE_CHUNKS_SOURCE both).
  let other: SignatureLane | null = lane;
  if (ownWorker) {
    const state = new Int32Array(new SharedArrayBuffer(4 * chunkCount));
    const jobs = new MessageChannel();
    const results = new MessageChannel();
    let thread: Worker | null;
    try {
      thread = new Worker(WORKER_SOURCE, {
        eval: true,
        workerData: { jobs: jobs.port2, results: results.port2, state: state.buffer },
        transferList: [jobs.port2, results.port2],
      });
      thread.unref();
    } catch {
      thread = null; // no worker: finish() verifies everything here
    }
    other = {
      state,
      jobs: jobs.port1,
      results: results.port1,
      wake: () => {},
      done: () => {
        void thread?.terminate();
        jobs.port1.close();
        results.port1.close();
      },
    };
  }
  if (!other) {
    // Alone: each chunk checked here when it is full.
    const flush = (): void => {
      if (current.ords.length) bad.push(...checkPacked(pack(current), keys));
      current = { index: 0, ords: [], keys: [], messages: [], hashes: [] };
    };
    return {
      add(ord, keyId, message, hash) {
        if (queue(ord, keyId, message, hash)) flush();
      },
      helpOne: () => false,
      finish() {
        flush();
        return bad.sort((a, b) => a - b);
      },
    };
  }
  const { state, jobs, results } = other;
  const peer = other;
  jobs.postMessage({ pems: [...o.pems] });
  /** The chunks handed over, packed (null once the other thread has passed them: memory back). */
  const pending: Array<{ index: number; data: SharedArrayBuffer | null }> = [];
  let swept = 0;
  const send = (): void => {
    while (swept < pending.length && Atomics.load(state, pending[swept].index) === DONE_OK)
      pending[swept++].data = null;
    if (!current.ords.length) return;
    if (current.index >= chunkCount) throw new Error('more signature checks than announced');
    const c = { index: current.index, data: pack(current) };
    pending.push(c);
    jobs.postMessage(c);
    peer.wake();
    current = { index: current.index + 1, ords: [], keys: [], messages: [], hashes: [] };
  };
  const checkHere = (c: { data: SharedArrayBuffer | null }): void => {
    if (c.data) bad.push(...checkPacked(c.data, keys));
  };
  /** Checks chunk c here if no thread has claimed it yet. */
  const claimHere = (c: { index: number; data: SharedArrayBuffer | null }): boolean => {
    if (Atomics.compareExchange(state, c.index, FREE, CLAIMED) !== FREE) return false;
    checkHere(c);
    Atomics.store(state, c.index, DONE_OK);
    return true;
  };

  return {
    add(ord, keyId, message, hash) {
      if (queue(ord, keyId, message, hash)) send();
    },
    helpOne() {
      // The newest first: the other thread takes them oldest first.
      for (let i = pending.length - 1; i >= swept; i--) if (claimHere(pending[i])) return true;
      return false;
    },
    finish() {
      send();
      // Take back, from the end, every chunk the other thread has not started.
      for (let i = pending.length - 1; i >= 0; i--) claimHere(pending[i]);
      for (const c of pending) {
        // A chunk the other thread claimed: wait for it (a stuck thread is given 60 s, then the chunk is redone here).
        let waited = 0;
        while (Atomics.load(state, c.index) === CLAIMED && waited < 60_000) {
          Atomics.wait(state, c.index, CLAIMED, 100);
          waited += 100;
        }
        const st = Atomics.load(state, c.index);
        if (st === CLAIMED || st === DONE_ERROR) checkHere(c);
      }
      const failed = new Set(
        pending.filter((c) => Atomics.load(state, c.index) === DONE_BAD).map((c) => c.index),
      );
      for (let m = receiveMessageOnPort(results); m; m = receiveMessageOnPort(results)) {
        const r = m.message as { index: number; bad: number[] };
        bad.push(...r.bad);
        failed.delete(r.index);
      }
      // A failing chunk whose message could not be read is checked again here rather than trusted.
      for (const c of pending) if (failed.has(c.index)) checkHere(c);
      peer.done();
      return [...new Set(bad)].sort((a, b) => a - b);
    },
  };
}
