import { describe, expect, it } from 'vitest';
import { machineStateLabel, referenceLabel } from '../../../shared/cash/labels';
import { infoLabel } from '../../../shared/fiscal/info-label';
import { articleCount } from '../../../electron/core/sales/article-count';
import { phaseMessage } from '../../../electron/core/devices/glory/state';
import { parsePrinterUri } from '../../../electron/core/printing/uri';

/** Issue 15 item 7: what the screens and the paper say, in readable pt-PT. */
describe('pt-PT wording', () => {
  it('"N art." counts the articles taken: whole units of counted goods, one per weighed line', () => {
    expect(
      articleCount([
        { quantity: '3', unit: 'UN', voided: false },
        { quantity: '1.255', unit: 'KG', voided: false },
        { quantity: '2', unit: 'UN', voided: true },
        { quantity: '0.5', unit: 'UN', voided: false },
      ]),
    ).toBe(5);
    expect(articleCount([])).toBe(0);
  });

  it('the cash machine screen names the machine state and the sale payment in words', () => {
    expect(machineStateLabel(1)).toBe('livre');
    expect(machineStateLabel(3)).toBe('à espera do dinheiro');
    expect(machineStateLabel(30)).toBe('à espera da resolução do erro');
    expect(machineStateLabel(77)).toBe('estado desconhecido (77)');
    expect(referenceLabel('venda 3 pagamento 4')).toBe('Venda n.º 3 — pagamento n.º 4');
    expect(referenceLabel('Devolução ao cliente da operação 9 (venda 3 pagamento 4)')).toBe(
      'Devolução ao cliente da operação 9 (venda n.º 3 — pagamento n.º 4)',
    );
    const busy = {
      link: 'online',
      heartbeatLost: false,
      occupiedByOther: false,
      machineCode: 4,
      activeTx: null,
    } as const;
    expect(phaseMessage(busy)).toBe('Máquina de numerário ocupada (a contar o dinheiro).');
  });

  it('an order number is labelled "N.º Encomenda"; other entries keep their name', () => {
    for (const n of ['Nº Encomenda', 'N.º Encomenda', 'Número de encomenda', 'encomenda'])
      expect(infoLabel(n)).toBe('N.º Encomenda');
    expect(infoLabel('Obra')).toBe('Obra');
  });

  it('a printer address error says "endereço", not "anfitrião"', () => {
    expect(() => parsePrinterUri('tcp://')).toThrow(/use tcp:\/\/endereço:porta/);
    expect(() => parsePrinterUri('tcp://')).not.toThrow(/anfitri/);
  });
});
