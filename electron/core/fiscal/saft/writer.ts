import fs from 'node:fs';
import { encodeWin1252 } from './encoding';

/**
 * Synchronous buffered file writer: memory stays flat (one ~256 KB chunk) whatever the number of documents.
 * Written to `<file>.partial` and renamed at the end, so a failed export never leaves a truncated SAF-T behind.
 */
export class ChunkWriter {
  readonly #fd: number;
  readonly #file: string;
  #parts: string[] = [];
  #size = 0;
  bytes = 0;

  constructor(file: string) {
    this.#file = file;
    this.#fd = fs.openSync(`${file}.partial`, 'w');
  }

  write(s: string): void {
    this.#parts.push(s);
    this.#size += s.length;
    if (this.#size >= 256 * 1024) this.flush();
  }

  flush(): void {
    if (!this.#parts.length) return;
    const buf = encodeWin1252(this.#parts.join(''));
    fs.writeSync(this.#fd, buf);
    this.bytes += buf.length;
    this.#parts = [];
    this.#size = 0;
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
