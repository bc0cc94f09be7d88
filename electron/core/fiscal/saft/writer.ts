import fs from 'node:fs';
import { encodeWin1252, isLatin1 } from './encoding';
import { CHUNK, createWriteBehind, type WriteBehind } from './write-behind';

/**
 * Synchronous buffered file writer: memory stays flat (a few 256 KB buffers) whatever the number of documents;
 * full buffers are written by a second thread while the export fills the next (write-behind.ts).
 * Written to `<file>.partial` and renamed at the end, so a failed export never leaves a truncated SAF-T behind.
 * Each piece goes straight into the buffer as Latin-1 bytes — the same bytes as Windows-1252 below U+0100 —
 * rather than being joined into one string and encoded afterwards (two copies of 250 MB of text for 100 000
 * documents); the rare piece with a character above U+00FF goes through encodeWin1252. The export's pieces
 * are whole elements (from `<` to `>` or a newline), so no surrogate pair is ever split between two pieces.
 */
export class ChunkWriter {
  readonly #fd: number;
  readonly #file: string;
  readonly #behind: WriteBehind;
  #buf: Buffer;
  #used = 0;
  bytes = 0;

  /** `threaded: false`: every chunk written on this thread (see createWriteBehind). */
  constructor(file: string, threaded?: boolean) {
    this.#file = file;
    this.#fd = fs.openSync(`${file}.partial`, 'w');
    this.#behind = createWriteBehind(this.#fd, threaded);
    this.#buf = this.#behind.buffer;
  }

  write(s: string): void {
    if (!isLatin1(s)) return this.#writeBytes(encodeWin1252(s));
    // One byte per character: s.length is its size.
    if (this.#used + s.length > CHUNK) this.flush();
    if (s.length > CHUNK) return this.#writeBytes(Buffer.from(s, 'latin1'));
    this.#used += this.#buf.write(s, this.#used, 'latin1');
  }

  #writeBytes(b: Uint8Array): void {
    // A piece larger than what is left of the chunk is split across chunks: every byte goes through the
    // write-behind, in order.
    for (let at = 0; at < b.length;) {
      if (this.#used === CHUNK) this.flush();
      const n = Math.min(b.length - at, CHUNK - this.#used);
      this.#buf.set(b.subarray(at, at + n), this.#used);
      this.#used += n;
      at += n;
    }
  }

  flush(): void {
    if (!this.#used) return;
    this.#behind.submit(this.#used, this.bytes);
    this.bytes += this.#used;
    this.#buf = this.#behind.buffer;
    this.#used = 0;
  }

  /** Chunks written by the second thread (for tests: the threaded path really ran). */
  get chunksBehind(): number {
    return this.#behind.byWorker;
  }

  close(): void {
    this.flush();
    this.#behind.drain();
    fs.fsyncSync(this.#fd);
    fs.closeSync(this.#fd);
    fs.renameSync(`${this.#file}.partial`, this.#file);
  }

  abort(): void {
    try {
      this.#behind.discard();
      fs.closeSync(this.#fd);
    } finally {
      fs.rmSync(`${this.#file}.partial`, { force: true });
    }
  }
}
