import fs from 'node:fs';
import path from 'node:path';
import { decode } from '../escpos/decoder';
import type { PrinterStatus } from '../escpos/status';
import { writeOutputFile } from '../output-path';
import { renderPng } from '../render/png';
import type { PrinterTransport } from './transport';

/** Paper width of renders kept before the width was part of their name (80 mm paper, the training default). */
const DEFAULT_DOTS = 576;

/**
 * The virtual printer: decodes the exact bytes a real printer would get and renders them to PNG. It keeps
 * the last receipts' bytes in `<dataDir>/virtual-printer/` and renders one to PNG only when it is looked at
 * (the UI preview, `lastRender`): drawing every receipt as it printed cost ~25 ms of the core's thread per sale,
 * right when the till's next scan came in (issue 15). When configured with a file (`virtual:FILE.png`), it
 * writes that file at once.
 */
export class VirtualTransport implements PrinterTransport {
  readonly description: string;
  #seq = 0;
  constructor(
    private readonly opts: { dots: number; dir: string | null; file: string | null; keep?: number },
  ) {
    this.description = opts.file ? `virtual:${opts.file}` : 'virtual:';
  }

  async send(bytes: Uint8Array): Promise<void> {
    if (this.opts.file) writeOutputFile(this.opts.file, renderPng(decode(bytes), { dots: this.opts.dots }));
    if (this.opts.dir) {
      fs.mkdirSync(this.opts.dir, { recursive: true });
      // The paper width travels in the name: the render, made later, needs it.
      const name = `${Date.now().toString().padStart(14, '0')}-${String(this.#seq++).padStart(4, '0')}-${this.opts.dots}`;
      fs.writeFileSync(path.join(this.opts.dir, `${name}.bin`), bytes);
      this.#prune();
    }
  }

  #prune(): void {
    const dir = this.opts.dir!;
    const files = fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.bin'))
      .sort();
    for (const f of files.slice(0, Math.max(0, files.length - (this.opts.keep ?? 50)))) {
      fs.rmSync(path.join(dir, f), { force: true });
      fs.rmSync(path.join(dir, `${f.slice(0, -'.bin'.length)}.png`), { force: true });
    }
  }

  async status(): Promise<PrinterStatus | null> {
    return { online: true, coverOpen: false, paperOut: false, paperNearEnd: false, error: false };
  }

  async close(): Promise<void> {}
}

/**
 * Newest receipt in a virtual printer folder as PNG, or null: rendered from its bytes the first time it is asked
 * for, then kept beside them. `file` is the bytes' file (its time is when the receipt printed).
 */
export function lastRender(dir: string): { file: string; png: Buffer } | null {
  if (!fs.existsSync(dir)) return null;
  const last = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.bin'))
    .sort()
    .at(-1);
  if (!last) return null;
  const base = last.slice(0, -'.bin'.length);
  const file = path.join(dir, last);
  const pngFile = path.join(dir, `${base}.png`);
  if (fs.existsSync(pngFile)) return { file, png: fs.readFileSync(pngFile) };
  const width = /^\d+-\d+-(\d+)$/.exec(base)?.[1];
  const png = renderPng(decode(new Uint8Array(fs.readFileSync(file))), {
    dots: width ? Number(width) : DEFAULT_DOTS,
  });
  fs.writeFileSync(pngFile, png);
  return { file, png };
}
