import { describe, expect, it } from 'vitest';
import {
  parseStatus,
  statusBytes,
  statusProblem,
  type PrinterStatus,
} from '../../../electron/core/printing/escpos/status';

describe('DLE EOT status', () => {
  it('reads the Epson bits', () => {
    // Ready printer: 0x12 on all three; paper end: n=2 bit 5 and n=4 bits 5–6; cover open: n=2 bit 2; offline: n=1 bit 3.
    expect(parseStatus(0x12, 0x12, 0x12)).toEqual({
      online: true,
      coverOpen: false,
      paperOut: false,
      paperNearEnd: false,
      error: false,
    });
    expect(parseStatus(0x1a, 0x32, 0x72)).toMatchObject({ online: false, paperOut: true });
    expect(parseStatus(0x1a, 0x16, 0x12)).toMatchObject({ coverOpen: true });
    expect(parseStatus(0x12, 0x12, 0x1e)).toMatchObject({ paperNearEnd: true, paperOut: false });
    expect(() => parseStatus(0x00, 0x12, 0x12)).toThrow();
  });

  it('round-trips every flag and explains problems in pt-PT', () => {
    const flags: (keyof PrinterStatus)[] = ['coverOpen', 'paperOut', 'paperNearEnd', 'error'];
    for (const f of flags) {
      const s: PrinterStatus = {
        online: true,
        coverOpen: false,
        paperOut: false,
        paperNearEnd: false,
        error: false,
        [f]: true,
      };
      expect(parseStatus(...statusBytes(s))).toEqual(s);
    }
    expect(statusProblem(parseStatus(0x12, 0x32, 0x72))).toMatch(/sem papel/);
    expect(statusProblem(parseStatus(0x12, 0x12, 0x1e))).toBeNull();
  });
});
