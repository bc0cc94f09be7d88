/// <reference lib="webworker" />
import QRCode from 'qrcode';
import type { QrRequest, QrAnswer } from './qr-svg';

/** Draws the AT QR codes of the after-sale screen off the page's thread (see qr-svg.ts). */
declare const self: DedicatedWorkerGlobalScope;
self.onmessage = (e: MessageEvent<QrRequest>) => {
  const { id, text } = e.data;
  QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 }).then(
    (svg) => self.postMessage({ id, svg } satisfies QrAnswer),
    () => self.postMessage({ id, svg: null } satisfies QrAnswer),
  );
};
