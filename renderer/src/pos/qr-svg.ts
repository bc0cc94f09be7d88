import QRCode from 'qrcode';

export interface QrRequest {
  id: number;
  text: string;
}
export interface QrAnswer {
  id: number;
  svg: string | null;
}

const OPTIONS = { type: 'svg', errorCorrectionLevel: 'M', margin: 1 } as const;

/**
 * The AT QR code of a document as an SVG image (data URL), drawn on a worker thread: on the page's thread the
 * symbol (mask search, then canvas and PNG) took ~20–40 ms right when the after-sale screen appeared, before its
 * scanner wedge listened (pos.sale_to_ready) or just as the next barcode came in. Without a worker (none allowed
 * there, or it fails), the same SVG is drawn here.
 */
let worker: Worker | null | undefined;
let nextId = 0;
const waiting = new Map<number, (svg: string | null) => void>();

function qrWorker(): Worker | null {
  if (worker !== undefined) return worker;
  try {
    worker = new Worker(new URL('./qr-svg.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (e: MessageEvent<QrAnswer>) => {
      waiting.get(e.data.id)?.(e.data.svg);
      waiting.delete(e.data.id);
    };
    worker.onerror = () => {
      // Never started (or died): what it was asked is drawn here, and so is what comes next.
      worker = null;
      const pending = [...waiting.values()];
      waiting.clear();
      for (const answer of pending) answer(null);
    };
  } catch {
    worker = null;
  }
  return worker;
}

const onPage = (text: string): Promise<string> => QRCode.toString(text, OPTIONS);

const dataUrl = (svg: string): string => `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;

export async function qrSvgDataUrl(text: string): Promise<string> {
  const w = qrWorker();
  if (!w) return dataUrl(await onPage(text));
  const id = ++nextId;
  const svg = await new Promise<string | null>((resolve) => {
    waiting.set(id, resolve);
    w.postMessage({ id, text } satisfies QrRequest);
  });
  return dataUrl(svg ?? (await onPage(text)));
}
