import { describe, expect, it } from 'vitest';
import { buildQrString, parseQrString, qrPaymentInfo, type QrInput } from '../../../shared/fiscal/qr';

// The official examples (spec v1.0 §4.4 as reconstructed in fiscal-pt.md) and the worked FS example (§4.5).
const OFFICIAL = [
  'A:123456789*B:999999990*C:PT*D:FT*E:N*F:20191231*G:FT AB2019/0035*H:CSDF7T5H-0035*I1:PT*I2:12000.00*I3:15000.00*I4:900.00*I5:50000.00*I6:6500.00*I7:80000.00*I8:18400.00*J1:PT-AC*J2:10000.00*J3:25000.56*J4:1000.02*J5:75000.00*J6:6750.00*J7:100000.00*J8:18000.00*K1:PT-MA*K2:5000.00*K3:12500.00*K4:625.00*K5:25000.00*K6:3000.00*K7:40000.00*K8:8800.00*L:100.00*M:25.00*N:64000.02*O:513600.58*P:100.00*Q:kLp0*R:9999*S:TB;PT00000000000000000000000;513500.58',
  'A:123456789*B:999999990*C:PT*D:FS*E:N*F:20190812*G:FS CDVF/12345*H:CDF7T5HD-12345*I1:PT*I7:0.65*I8:0.15*N:0.15*O:0.80*Q:YhGV*R:9999*S:NU;0.80',
  'A:500000000*B:123456789*C:PT*D:PF*E:N*F:20190123*G:PF G2019CB/145789*H:HB6FT7RV-145789*I1:PT*I2:12345.34*I3:12532.65*I4:751.96*I5:52789.00*I6:6862.57*I7:32425.69*I8:7457.91*N:15072.44*O:125165.12*Q:r/fY*R:9999',
  'A:500000000*B:123456789*C:PT*D:GT*E:N*F:20190720*G:GT G234CB/50987*H:GTVX4Y8B-50987*I1:0*N:0.00*O:0.00*Q:5uIg*R:9999',
];

/** Turns a QR string into builder input (the inverse mapping), so the builder must re-create it exactly. */
function inputOf(s: string): QrInput {
  const f = new Map(parseQrString(s));
  const groups: QrInput['taxGroups'][number][] = [];
  for (const [letter, region] of [
    ['I', 'PT'],
    ['J', 'PT-AC'],
    ['K', 'PT-MA'],
  ] as const) {
    if (f.get(`${letter}1`) !== region) continue;
    const add = (code: string, b: number, t?: number) => {
      const base = f.get(`${letter}${b}`);
      if (base !== undefined)
        groups.push({ region, code, base, tax: t ? (f.get(`${letter}${t}`) ?? '0') : '0' });
    };
    add('ISE', 2);
    add('RED', 3, 4);
    add('INT', 5, 6);
    add('NOR', 7, 8);
  }
  const date = f.get('F')!;
  return {
    issuerNif: f.get('A')!,
    buyerNif: f.get('B')!,
    buyerCountry: f.get('C')!,
    docType: f.get('D')!,
    status: f.get('E')!,
    date: `${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6)}`,
    docNo: f.get('G')!,
    atcud: f.get('H')!,
    taxGroups: groups,
    notSubject: f.get('L'),
    stampDuty: f.get('M'),
    taxPayable: f.get('N')!,
    grossTotal: f.get('O')!,
    withholding: f.get('P'),
    hash4: f.get('Q')!,
    certificate: f.get('R')!,
    other: f.get('S'),
  };
}

describe('AT QR code string', () => {
  it.each(OFFICIAL)('re-creates the official example field for field: %#', (s) => {
    expect(buildQrString(inputOf(s))).toBe(s);
  });

  it('official examples have the lengths the spec gives (452/141/209/116)', () => {
    expect(OFFICIAL.map((s) => s.length)).toEqual([452, 141, 209, 116]);
  });

  it('builds the worked FS example exactly (125 characters, 136 with S)', () => {
    const q: QrInput = {
      issuerNif: '599999993',
      buyerNif: '999999990',
      buyerCountry: 'PT',
      docType: 'FS',
      status: 'N',
      date: '2025-03-14',
      docNo: 'FS POS1/1',
      atcud: 'AAJFJ4VH-1',
      taxGroups: [{ region: 'PT', code: 'NOR', base: '10', tax: '2.3' }],
      taxPayable: '2.3',
      grossTotal: '12.30',
      hash4: 'hWFf',
      certificate: '9999',
    };
    const s = buildQrString(q);
    expect(s).toBe(
      'A:599999993*B:999999990*C:PT*D:FS*E:N*F:20250314*G:FS POS1/1*H:AAJFJ4VH-1*I1:PT*I7:10.00*I8:2.30*N:2.30*O:12.30*Q:hWFf*R:9999',
    );
    expect(s).toHaveLength(125);
    const withS = buildQrString({ ...q, other: qrPaymentInfo([{ mechanism: 'NU', amount: '12.3' }]) });
    expect(withS).toBe(`${s}*S:NU;12.30`);
    expect(withS).toHaveLength(136);
  });

  it('never lets "*" into field S', () => {
    expect(buildQrString({ ...inputOf(OFFICIAL[1]), other: 'a*b' })).toMatch(/\*S:ab$/);
  });
});
