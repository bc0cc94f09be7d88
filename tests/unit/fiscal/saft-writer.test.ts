import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { encodeWin1252 } from '../../../electron/core/fiscal/saft/encoding';
import { ChunkWriter } from '../../../electron/core/fiscal/saft/writer';
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
