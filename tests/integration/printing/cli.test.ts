import { execFile } from 'node:child_process';
import fsn from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import BetterSqlite3 from 'better-sqlite3';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decode, paperText } from '../../../electron/core/printing/escpos/decoder';
import { tempDir } from '../../helpers/tmp';

const run = promisify(execFile);
const BIN = path.resolve(import.meta.dirname, '../../../electron/cli/balcao.mjs');
const balcao = (...args: string[]): Promise<{ stdout: string }> =>
  run(process.execPath, [BIN, ...args], { timeout: 60_000 });

describe('balcao print (real process, demo data)', () => {
  const tmp = tempDir();
  let docs: { id: number; doc_no: string }[] = [];
  beforeAll(async () => {
    await balcao('demo', '--sales', '6', '--data-dir', tmp.dir);
    const db = new BetterSqlite3(path.join(tmp.dir, 'balcao.sqlite'), { readonly: true });
    docs = db.prepare('select id, doc_no from fiscal_document order by id').all() as typeof docs;
    db.close();
  }, 120_000);
  afterAll(() => tmp.cleanup());

  it('virtual:FILE.png writes a readable receipt image; the second print is a "2.ª via"', async () => {
    const fsDoc = docs.find((d) => d.doc_no.startsWith('FS '))!;
    const out = path.join(tmp.dir, 'talao.png');
    const r1 = await balcao(
      'print',
      '--doc',
      fsDoc.doc_no,
      '--printer',
      `virtual:${out}`,
      '--data-dir',
      tmp.dir,
    );
    expect(r1.stdout).toContain(`${fsDoc.doc_no} impresso`);
    const png = PNG.sync.read(fsn.readFileSync(out));
    expect(png.width).toBe(576 + 32);
    expect(png.height).toBeGreaterThan(800);
    const r2 = await balcao(
      'print',
      '--doc',
      fsDoc.doc_no,
      '--printer',
      `virtual:${out}`,
      '--data-dir',
      tmp.dir,
    );
    expect(r2.stdout).toContain('(2.ª via)');
  });

  it('tcp://127.0.0.1:PORT delivers ESC/POS with a native QR to a listening socket', async () => {
    const chunks: Buffer[] = [];
    const server = net.createServer((s) => s.on('data', (d: Buffer) => chunks.push(d)));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    try {
      const port = (server.address() as net.AddressInfo).port;
      const fr = docs.find((d) => d.doc_no.startsWith('FR '))!;
      await balcao(
        'print',
        '--doc',
        fr.doc_no,
        '--printer',
        `tcp://127.0.0.1:${port}`,
        '--data-dir',
        tmp.dir,
      );
      await new Promise((r) => setTimeout(r, 200));
      const bytes = new Uint8Array(Buffer.concat(chunks));
      const d = decode(bytes);
      expect(d.unknown).toEqual([]);
      const qr = d.items.find((i) => i.kind === 'qr');
      expect(qr).toMatchObject({ kind: 'qr', model: 2, ecc: 'M' });
      if (qr?.kind === 'qr') expect(qr.data).toMatch(/^A:\d{9}\*B:.*\*D:FR\*.*\*Q:.{4}\*R:\d{4}/);
      const text = paperText(d);
      expect(text).toContain(fr.doc_no);
      expect(text).toMatch(/ATCUD:\S+-\d+\n\[QR/);
      expect(text).toContain('Documento emitido para fins de');
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });

  it('pdf:FILE writes the A4 PDF; an unknown document is refused in pt-PT', async () => {
    const nc = docs.find((d) => d.doc_no.startsWith('NC '))!;
    const out = path.join(tmp.dir, 'nc.pdf');
    await balcao('print', '--doc', nc.doc_no, '--printer', `pdf:${out}`, '--data-dir', tmp.dir);
    expect(fsn.readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');
    await expect(
      balcao('print', '--doc', 'FS X/999', '--printer', 'virtual:', '--data-dir', tmp.dir),
    ).rejects.toMatchObject({
      stderr: expect.stringMatching(/não encontrado/),
    });
  });
});
