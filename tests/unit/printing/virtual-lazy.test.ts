import fs from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
import { afterEach, describe, expect, it } from 'vitest';
import { VirtualTransport, lastRender } from '../../../electron/core/printing/transports/virtual';
import { tempDir } from '../../helpers/tmp';
import { fs as fsDoc } from './fixtures';
import { printReceipt } from './helpers';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

/** The virtual printer keeps what it was sent and draws it only when someone looks (issue 15). */
describe('virtual printer folder', () => {
  it('keeps the bytes of each receipt; the newest becomes a PNG at its own paper width when asked, once', async () => {
    const tmp = tempDir();
    cleanups.push(tmp.cleanup);
    const dir = path.join(tmp.dir, 'virtual-printer');
    const narrow = new VirtualTransport({ dots: 384, dir, file: null });
    const { bytes } = printReceipt(fsDoc(), { paper: '58mm-32' });
    await narrow.send(bytes);
    await narrow.send(bytes);
    const files = () => fs.readdirSync(dir).sort();
    expect(files().filter((f) => f.endsWith('.png'))).toEqual([]);
    expect(files().filter((f) => f.endsWith('.bin'))).toHaveLength(2);

    const first = lastRender(dir)!;
    expect(first.file).toBe(path.join(dir, files().filter((f) => f.endsWith('.bin'))[1]!));
    expect(Buffer.compare(fs.readFileSync(first.file), Buffer.from(bytes))).toBe(0);
    expect(PNG.sync.read(first.png).width).toBe(384 + 32);
    expect(files().filter((f) => f.endsWith('.png'))).toHaveLength(1);
    // Asked again: the same image, not drawn again.
    const pngFile = path.join(
      dir,
      files().find((f) => f.endsWith('.png'))!,
    );
    const at = fs.statSync(pngFile).mtimeMs;
    expect(Buffer.compare(lastRender(dir)!.png, first.png)).toBe(0);
    expect(fs.statSync(pngFile).mtimeMs).toBe(at);
  });

  it('keeps only the newest receipts (their bytes and any image made of them)', async () => {
    const tmp = tempDir();
    cleanups.push(tmp.cleanup);
    const dir = path.join(tmp.dir, 'virtual-printer');
    const printer = new VirtualTransport({ dots: 576, dir, file: null, keep: 3 });
    const { bytes } = printReceipt(fsDoc());
    for (let i = 0; i < 3; i++) await printer.send(bytes);
    lastRender(dir);
    for (let i = 0; i < 3; i++) await printer.send(bytes);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.bin'))).toHaveLength(3);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.png'))).toEqual([]);
  });

  it('a render kept by an earlier version (name without a width) is read as 80 mm paper', () => {
    const tmp = tempDir();
    cleanups.push(tmp.cleanup);
    const { bytes } = printReceipt(fsDoc());
    fs.writeFileSync(path.join(tmp.dir, '00001700000000-0000.bin'), bytes);
    expect(PNG.sync.read(lastRender(tmp.dir)!.png).width).toBe(576 + 32);
  });
});
