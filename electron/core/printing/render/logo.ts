import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import type { CompanyLogo } from '../branding';
import type { Bitmap } from '../layout/blocks';

/** At most 30 mm of paper (203 dpi) for the logo, so a square logo does not eat a hand's length of roll. */
export const LOGO_MAX_HEIGHT_DOTS = 240;

interface Rgba {
  width: number;
  height: number;
  data: Uint8Array;
}

function decode(logo: CompanyLogo): Rgba {
  if (logo.mime === 'image/png') return PNG.sync.read(logo.bytes);
  const j = jpeg.decode(logo.bytes, { useTArray: true, formatAsRGBA: true, maxResolutionInMP: 4 });
  return { width: j.width, height: j.height, data: j.data };
}

/**
 * An RGBA image → 1-bit raster fitting `maxDots` across (and LOGO_MAX_HEIGHT_DOTS down), never enlarged:
 * each dot is the average luminance of the source pixels it covers (transparent = paper white), then
 * Floyd–Steinberg error diffusion against a 50 % threshold — solid areas stay solid, grey and photos come out
 * as dot patterns instead of blotches. Rows are padded to whole bytes (GS v 0 counts width in bytes).
 */
export function rasterize(img: Rgba, maxDots: number): Bitmap {
  const scale = Math.min(1, maxDots / img.width, LOGO_MAX_HEIGHT_DOTS / img.height);
  const w = Math.max(1, Math.round(img.width * scale));
  const h = Math.max(1, Math.round(img.height * scale));
  const lum = new Float32Array(w * h);
  for (let y = 0; y < h; y++) {
    const sy0 = Math.floor((y * img.height) / h);
    const sy1 = Math.max(sy0 + 1, Math.floor(((y + 1) * img.height) / h));
    for (let x = 0; x < w; x++) {
      const sx0 = Math.floor((x * img.width) / w);
      const sx1 = Math.max(sx0 + 1, Math.floor(((x + 1) * img.width) / w));
      let sum = 0;
      for (let sy = sy0; sy < sy1; sy++)
        for (let sx = sx0; sx < sx1; sx++) {
          const o = (sy * img.width + sx) * 4;
          const a = img.data[o + 3] / 255;
          const l = 0.299 * img.data[o] + 0.587 * img.data[o + 1] + 0.114 * img.data[o + 2];
          sum += l * a + 255 * (1 - a);
        }
      lum[y * w + x] = sum / ((sy1 - sy0) * (sx1 - sx0));
    }
  }
  const stride = Math.ceil(w / 8);
  const bits = new Uint8Array(stride * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      const old = lum[i];
      const black = old < 128;
      if (black) bits[y * stride + (x >> 3)] |= 0x80 >> (x & 7);
      const err = old - (black ? 0 : 255);
      if (x + 1 < w) lum[i + 1] += (err * 7) / 16;
      if (y + 1 < h) {
        if (x > 0) lum[i + w - 1] += (err * 3) / 16;
        lum[i + w] += (err * 5) / 16;
        if (x + 1 < w) lum[i + w + 1] += err / 16;
      }
    }
  }
  return { width: stride * 8, height: h, bits };
}

// Per logo hash and paper width: the raster is computed once, not for every receipt.
const cache = new Map<string, Bitmap>();
const CACHE_MAX = 8;

/** The company logo as the thermal printer prints it (`GS v 0`), cached per logo hash and dot width. */
export function logoBitmap(logo: CompanyLogo, maxDots: number): Bitmap {
  const key = `${logo.hash}:${maxDots}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const bm = rasterize(decode(logo), maxDots);
  if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value as string);
  cache.set(key, bm);
  return bm;
}

/** For tests: how many rasters are cached (the cache is what makes a second receipt skip the decode). */
export const logoCacheSize = (): number => cache.size;
