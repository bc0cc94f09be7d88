import { describe, expect, it } from 'vitest';
import { layoutReceipt } from '../../../electron/core/printing/layout/receipt';
import { registrationLines } from '../../../electron/core/printing/legal-text';
import { fr, fs } from './fixtures';
import { flat, printReceipt } from './helpers';

/**
 * Issue 12: the commercial registration of Gestão › Empresa (capital social, Conservatória do Registo
 * Comercial and the matrícula number, which is the NIPC) printed under the company block (CSC art. 171.º),
 * only when filled. Checked on the decoded ESC/POS bytes, as the printer receives them.
 */
const LEGAL_ISSUER = {
  name: 'Mercearia Exemplo, Unipessoal Lda.',
  nif: '599999993',
  address: ['Avenida da República, 1000 R/C Esq.', '1050-190 Lisboa'],
  shareCapital: '5000.00',
  registryOffice: 'Conservatória do Registo Comercial de Lisboa',
};

describe('capital social and Conservatória on the receipt', () => {
  it('prints "Capital social 5 000,00 € · C.R.C. Lisboa, matrícula n.º <NIPC>" under the NIF, before the document', () => {
    const { text } = printReceipt(fs({ issuer: LEGAL_ISSUER }), { paper: '80mm-48' });
    const lines = text.split('\n').map((l) => l.trim().replace(/\u00a0/g, ' '));
    const nif = lines.indexOf('NIF: 599999993');
    expect(nif, text).toBeGreaterThan(0);
    expect(lines[nif + 1]).toBe('Capital social 5 000,00 €');
    expect(lines[nif + 2]).toBe('C.R.C. Lisboa, matrícula n.º 599999993');
    expect(lines.indexOf('FS POS1/1')).toBeGreaterThan(nif + 2);
  });

  it('on one line when it fits the roll, on its own lines otherwise; never wider than the paper', () => {
    const short = fs({ issuer: { ...LEGAL_ISSUER, shareCapital: '50.00', registryOffice: 'Porto' } });
    expect(registrationLines(short.issuer, 80)).toEqual([
      'Capital social 50,00\u00a0€ · C.R.C. Porto, matrícula n.º 599999993',
    ]);
    expect(registrationLines(short.issuer, 48)).toEqual([
      'Capital social 50,00\u00a0€',
      'C.R.C. Porto, matrícula n.º 599999993',
    ]);
    for (const cols of [32, 42, 48])
      for (const b of layoutReceipt(fr({ issuer: LEGAL_ISSUER }), { columns: cols }))
        if (b.kind === 'text') expect(b.text.length, b.text).toBeLessThanOrEqual(cols);
    expect(flat(printReceipt(fr({ issuer: LEGAL_ISSUER }), { paper: '58mm-32' }).text)).toContain(
      'C.R.C. Lisboa, matrícula n.º 599999993',
    );
  });

  it('prints only what is filled: nothing at all for a sole trader without registration', () => {
    const plain = printReceipt(fs()).text;
    expect(plain).not.toContain('Capital social');
    expect(plain).not.toContain('C.R.C.');
    const capitalOnly = flat(printReceipt(fs({ issuer: { ...LEGAL_ISSUER, registryOffice: null } })).text);
    expect(capitalOnly).toContain('Capital social 5 000,00 €');
    expect(capitalOnly).not.toContain('C.R.C.');
    const officeOnly = flat(printReceipt(fs({ issuer: { ...LEGAL_ISSUER, shareCapital: null } })).text);
    expect(officeOnly).not.toContain('Capital social');
    expect(officeOnly).toContain('C.R.C. Lisboa, matrícula n.º 599999993');
  });

  it('the Conservatória as typed: its name abbreviated to C.R.C., the place kept', () => {
    const office = (registryOffice: string): string[] =>
      registrationLines({ nif: '599999993', shareCapital: null, registryOffice }, 200);
    expect(office('Lisboa')).toEqual(['C.R.C. Lisboa, matrícula n.º 599999993']);
    expect(office('Conservatória do Registo Comercial do Porto')).toEqual([
      'C.R.C. Porto, matrícula n.º 599999993',
    ]);
    expect(office('C.R.C. de Braga')).toEqual(['C.R.C. Braga, matrícula n.º 599999993']);
    expect(office('Conservatória do Registo Comercial')).toEqual([
      'Conservatória do Registo Comercial, matrícula n.º 599999993',
    ]);
  });
});
