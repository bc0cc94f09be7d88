import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { encodeWin1252 } from '../../../electron/core/fiscal/saft/encoding';
import { ChunkWriter } from '../../../electron/core/fiscal/saft/writer';
import { CHUNK, createWriteBehind } from '../../../electron/core/fiscal/saft/write-behind';
import { tempDir } from '../../helpers/tmp';

describe('SAF-T chunk writer', () => {
  const tmp = tempDir('balcao-saft-writer-');
  afterAll(() => tmp.cleanup());

  it('writes the Windows-1252 bytes of the whole text, whatever the pieces and chunk boundaries', () => {
    const pieces: string[] = [];
    for (let i = 0; i < 4000; i++) {
      pieces.push(`<Line><Description>Ação ${i}</Description>`);
      if (i % 7 === 0) pieces.push(`<Note>€ “x” 😀 ${i}</Note>\n`);
      if (i === 2000)
        pieces.push(`<Big>${'é'.repeat(300 * 1024)}</Big>`, `<Big>${'€'.repeat(300 * 1024)}</Big>`);
    }
    const file = path.join(tmp.dir, 'out.xml');
    const w = new ChunkWriter(file);
    for (const p of pieces) w.write(p);
    w.close();
    const expected = encodeWin1252(pieces.join(''));
    const written = fs.readFileSync(file);
    expect(written.equals(expected)).toBe(true);
    expect(w.bytes).toBe(expected.length);
    expect(fs.existsSync(`${file}.partial`)).toBe(false);
  });
});

describe('SAF-T write-behind (chunks written by a second thread)', () => {
  const tmp = tempDir('balcao-saft-behind-');
  afterAll(() => tmp.cleanup());

  /** ~12 MB of pieces of every size: many chunks, so the worker and this thread both write some. */
  const pieces = (): string[] => {
    const out: string[] = [];
    for (let i = 0; i < 120_000; i++) {
      out.push(`<Invoice><InvoiceNo>FS T1F/${i}</InvoiceNo><Description>Pão de água ${i}</Description>\n`);
      if (i % 9_000 === 0) out.push(`<Big>${String(i % 10).repeat(CHUNK + 17 * i)}</Big>\n`);
      if (i % 5 === 0) out.push(`<Note>€ ${i}</Note>`);
    }
    return out;
  };

  it('writes the same bytes on two threads as on one, chunk after chunk at its own position', () => {
    const text = pieces();
    const expected = encodeWin1252(text.join(''));
    for (const threaded of [true, false, true]) {
      const file = path.join(tmp.dir, `out-${String(threaded)}.xml`);
      const w = new ChunkWriter(file, threaded);
      let paused = !threaded;
      for (const p of text) {
        w.write(p);
        // Once a chunk has been handed over (the second flushed one starts the worker), give the worker time to
        // start and take it: the exporting thread never waits for it, and on a busy machine it could otherwise
        // write all 12 MB itself before the worker is up (correct, but then the threaded path is not tested).
        if (!paused && w.bytes >= 2 * CHUNK) {
          paused = true;
          const sleep = new Int32Array(new SharedArrayBuffer(4));
          for (let ms = 0; ms < 10_000 && w.chunksBehind === 0; ms += 5) Atomics.wait(sleep, 0, 0, 5);
        }
      }
      w.close();
      const written = fs.readFileSync(file);
      expect(written.length).toBe(expected.length);
      expect(written.equals(expected)).toBe(true);
      expect(w.bytes).toBe(expected.length);
      if (threaded) expect(w.chunksBehind).toBeGreaterThan(0);
      else expect(w.chunksBehind).toBe(0);
    }
  });

  it('surfaces a write error on the calling thread (the worker hands the chunk back)', () => {
    const fd = fs.openSync('/dev/full', 'w');
    try {
      const wb = createWriteBehind(fd, true);
      const fill = (): void => {
        for (let i = 0; i < 40; i++) {
          wb.buffer.fill(65, 0, CHUNK);
          wb.submit(CHUNK, i * CHUNK);
        }
        wb.drain();
      };
      expect(fill).toThrow(/ENOSPC|ESPIPE/);
    } finally {
      fs.closeSync(fd);
    }
  });

  it('an aborted export leaves no file and no partial file', () => {
    const file = path.join(tmp.dir, 'aborted.xml');
    const w = new ChunkWriter(file, true);
    for (const p of pieces().slice(0, 30_000)) w.write(p);
    w.abort();
    expect(fs.existsSync(file)).toBe(false);
    expect(fs.existsSync(`${file}.partial`)).toBe(false);
  });
});
