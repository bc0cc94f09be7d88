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

  #writeBytes(b: Buffer): void {
    if (this.#used + b.length > CHUNK) this.flush();
    if (b.length > CHUNK) {
      this.#put(b, b.length);
      return;
    }
    this.#used += b.copy(this.#buf, this.#used);
  }

  flush(): void {
    if (!this.#used) return;
    this.#put(this.#buf, this.#used);
    this.#used = 0;
  }

  /** The first `length` bytes of `b` to the file (writeSync may write fewer than asked). */
  #put(b: Buffer, length: number): void {
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
