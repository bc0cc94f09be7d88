import fs from 'node:fs';
import path from 'node:path';
import { decode } from '../escpos/decoder';
import type { PrinterStatus } from '../escpos/status';
import { writeOutputFile } from '../output-path';
import { renderPng } from '../render/png';
import type { PrinterTransport } from './transport';

/**
 * The virtual printer: decodes the exact bytes a real printer would get and renders them to PNG. It keeps
 * the last renders in `<dataDir>/virtual-printer/` (the UI preview reads the newest) and, when configured
 * with a file (`virtual:FILE.png`), also writes that file.
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
    this.render(bytes);
  }

  /** Renders and stores; returns the PNG. */
  render(bytes: Uint8Array): Buffer {
    const png = renderPng(decode(bytes), { dots: this.opts.dots });
    if (this.opts.file) writeOutputFile(this.opts.file, png);
    if (this.opts.dir) {
      fs.mkdirSync(this.opts.dir, { recursive: true });
      const name = `${Date.now().toString().padStart(14, '0')}-${String(this.#seq++).padStart(4, '0')}.png`;
      fs.writeFileSync(path.join(this.opts.dir, name), png);
      fs.writeFileSync(path.join(this.opts.dir, `${name}.bin`), bytes);
      this.#prune();
    }
    return png;
  }

  #prune(): void {
    const dir = this.opts.dir!;
    const files = fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.png'))
      .sort();
    for (const f of files.slice(0, Math.max(0, files.length - (this.opts.keep ?? 50)))) {
      fs.rmSync(path.join(dir, f), { force: true });
      fs.rmSync(path.join(dir, `${f}.bin`), { force: true });
    }
  }

  async status(): Promise<PrinterStatus | null> {
    return { online: true, coverOpen: false, paperOut: false, paperNearEnd: false, error: false };
  }

  async close(): Promise<void> {}
}

/** Newest rendered receipt in a virtual printer folder, or null. */
export function lastRender(dir: string): { file: string; png: Buffer } | null {
  if (!fs.existsSync(dir)) return null;
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.png'))
    .sort();
  const last = files[files.length - 1];
  return last ? { file: path.join(dir, last), png: fs.readFileSync(path.join(dir, last)) } : null;
}
