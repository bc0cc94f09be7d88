import fs from 'node:fs';
import { PNG } from 'pngjs';
import type { Bitmap } from '../layout/blocks';

/** A PNG logo → 1-bit raster no wider than `maxDots` (luminance threshold, transparent = white). */
export function loadLogo(file: string, maxDots: number): Bitmap {
  const png = PNG.sync.read(fs.readFileSync(file));
  const scale = Math.min(1, maxDots / png.width);
  const width = Math.max(8, Math.floor(png.width * scale));
  const height = Math.max(1, Math.floor(png.height * scale));
  const stride = Math.ceil(width / 8);
  const bits = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const sx = Math.min(png.width - 1, Math.floor(x / scale));
      const sy = Math.min(png.height - 1, Math.floor(y / scale));
      const o = (sy * png.width + sx) * 4;
      const a = png.data[o + 3] / 255;
      const lum =
        (0.299 * png.data[o] + 0.587 * png.data[o + 1] + 0.114 * png.data[o + 2]) * a + 255 * (1 - a);
      if (lum < 128) bits[y * stride + (x >> 3)] |= 0x80 >> (x & 7);
    }
  }
  return { width: stride * 8, height, bits };
}
