/**
 * Splits the FCC→POS event stream into frames. Each frame is UTF-8 XML terminated by one NUL byte; a TCP read
 * may hold several frames or part of one (glory-ci5.md §1.3, S3/S4). Splitting on bytes (not on decoded text)
 * is safe because 0x00 never occurs inside a multi-byte UTF-8 sequence. Pure: no sockets, no timers.
 */
export class FrameSplitter {
  #buf: Uint8Array = new Uint8Array(0);
  #decoder = new TextDecoder('utf-8', { fatal: false });

  /** `maxFrameBytes` bounds memory if a peer never sends the terminator. */
  constructor(private readonly maxFrameBytes = 1024 * 1024) {}

  /** Returns the complete frames found so far (without the NUL); keeps the incomplete tail. */
  push(chunk: Uint8Array): string[] {
    const data = this.#buf.length ? concat(this.#buf, chunk) : chunk;
    const frames: string[] = [];
    let start = 0;
    for (let i = 0; i < data.length; i++) {
      if (data[i] !== 0) continue;
      if (i > start) {
        const f = this.#decoder.decode(data.subarray(start, i)).trim();
        if (f) frames.push(f);
      }
      start = i + 1;
    }
    const rest = data.subarray(start);
    if (rest.length > this.maxFrameBytes) {
      this.#buf = new Uint8Array(0);
      throw new Error(`Trama de eventos sem terminador acima de ${this.maxFrameBytes} bytes; descartada.`);
    }
    // Copy so a reused socket buffer cannot change what we keep.
    this.#buf = rest.length ? rest.slice() : new Uint8Array(0);
    return frames;
  }

  get pendingBytes(): number {
    return this.#buf.length;
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

/** Encodes one frame for the wire (used by the simulator and tests). */
export const encodeFrame = (xml: string): Uint8Array => {
  const body = new TextEncoder().encode(xml);
  const out = new Uint8Array(body.length + 1);
  out.set(body, 0);
  return out;
};
