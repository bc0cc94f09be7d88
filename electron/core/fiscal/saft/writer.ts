import fs from 'node:fs';
import { encodeWin1252, isLatin1 } from './encoding';

const CHUNK = 256 * 1024;

/**
 * Synchronous buffered file writer: memory stays flat (one 256 KB buffer) whatever the number of documents.
 * Written to `<file>.partial` and renamed at the end, so a failed export never leaves a truncated SAF-T behind.
 * Each piece goes straight into the buffer as Latin-1 bytes — the same bytes as Windows-1252 below U+0100 —
 * rather than being joined into one string and encoded afterwards (two copies of 250 MB of text for 100 000
 * documents); the rare piece with a character above U+00FF goes through encodeWin1252. The export's pieces
 * are whole elements (from `<` to `>` or a newline), so no surrogate pair is ever split between two pieces.
 */
export class ChunkWriter {
  readonly #fd: number;
  readonly #file: string;
  readonly #buf = Buffer.allocUnsafe(CHUNK);
  #used = 0;
  bytes = 0;

  constructor(file: string) {
    this.#file = file;
    this.#fd = fs.openSync(`${file}.partial`, 'w');
  }

  write(s: string): void {
    if (!isLatin1(s)) return this.#writeBytes(encodeWin1252(s));
    // One byte per character: s.length is its size.
    if (this.#used + s.length > CHUNK) this.flush();
    if (s.length > CHUNK) return this.#writeBytes(Buffer.from(s, 'latin1'));
    this.#used += this.#buf.write(s, this.#used, 'latin1');
  }

  /** Bytes already encoded (a page rendered by the helper thread, parallel.ts), after what was written. */
  writeBytes(b: Uint8Array): void {
    this.#writeBytes(b);
  }

  #writeBytes(b: Uint8Array): void {
    if (this.#used + b.length > CHUNK) this.flush();
    if (b.length > CHUNK) {
      this.#put(b, b.length);
      return;
    }
    this.#buf.set(b, this.#used);
    this.#used += b.length;
  }

  flush(): void {
    if (!this.#used) return;
    this.#put(this.#buf, this.#used);
    this.#used = 0;
  }

  /** The first `length` bytes of `b` to the file (writeSync may write fewer than asked). */
  #put(b: Uint8Array, length: number): void {
    for (let at = 0; at < length;) at += fs.writeSync(this.#fd, b, at, length - at);
    this.bytes += length;
  }

  close(): void {
    this.flush();
    fs.fsyncSync(this.#fd);
    fs.closeSync(this.#fd);
    fs.renameSync(`${this.#file}.partial`, this.#file);
  }

  abort(): void {
    try {
      fs.closeSync(this.#fd);
    } finally {
      fs.rmSync(`${this.#file}.partial`, { force: true });
    }
  }
}

/**
 * The same bytes as ChunkWriter.write, into memory: one page of documents rendered on the helper thread
 * (parallel.ts), taken whole and handed over (transferred, not copied) to the thread that writes the file.
 */
export class PageBuffer {
  #buf: Buffer;
  #used = 0;
  readonly #initial: number;

  constructor(initial = 4 * 1024 * 1024) {
    this.#initial = initial;
    this.#buf = Buffer.allocUnsafeSlow(initial);
  }

  write(s: string): void {
    if (!isLatin1(s)) {
      const b = encodeWin1252(s);
      this.#reserve(b.length);
      this.#buf.set(b, this.#used);
      this.#used += b.length;
      return;
    }
    this.#reserve(s.length);
    this.#used += this.#buf.write(s, this.#used, 'latin1');
  }

  #reserve(n: number): void {
    if (this.#used + n <= this.#buf.length) return;
    const bigger = Buffer.allocUnsafeSlow(Math.max(this.#buf.length * 2, this.#used + n));
    this.#buf.copy(bigger, 0, 0, this.#used);
    this.#buf = bigger;
  }

  /**
   * What was written since the last take, in a buffer of its own (transferable); starts afresh in `reuse`
   * (a buffer taken earlier and given back once written: no new allocation per page) or a new one.
   */
  take(reuse?: ArrayBuffer): Uint8Array<ArrayBuffer> {
    // allocUnsafeSlow: an ArrayBuffer of its own, never a shared pool slab.
    const out = new Uint8Array(this.#buf.buffer as ArrayBuffer, this.#buf.byteOffset, this.#used);
    this.#buf =
      reuse && reuse.byteLength >= this.#initial ? Buffer.from(reuse) : Buffer.allocUnsafeSlow(this.#initial);
    this.#used = 0;
    return out;
  }
}
