import { describe, expect, it } from 'vitest';
import catalogue from '../../../resources/demo-catalogue.json';
import { comparePt, ptKey, ptSearchTerms } from '../../../shared/text/pt-collation';

const pt = new Intl.Collator('pt-PT');

describe('pt-PT search key and order (issue 15 item 3)', () => {
  it('drops accents, case and punctuation', () => {
    expect(ptKey('Pão')).toBe('pao');
    expect(ptKey('ÁGUA')).toBe('agua');
    expect(ptKey('Maçã  Golden')).toBe('maca golden');
    expect(ptKey('Pão-de-ló')).toBe('pao de lo');
    expect(ptSearchTerms('  pão   FORMA ')).toEqual(['pao', 'forma']);
    expect(ptSearchTerms('%_')).toEqual([]);
  });

  it('sorts as the issue asks: Água before Saco, Açúcar before Azeite, Maçã before Massa', () => {
    const sorted = ['Saco', 'Massa', 'Azeite', 'Maçã', 'Água', 'Açúcar'].sort(comparePt);
    expect(sorted).toEqual(['Açúcar', 'Água', 'Azeite', 'Maçã', 'Massa', 'Saco']);
  });

  it('agrees with Intl.Collator("pt-PT") on the demo catalogue and on words that differ by accents only', () => {
    const names = [
      ...catalogue.articles.map((a) => a.name),
      'Éclair',
      'Ervilhas',
      'Óleo',
      'Ovos',
      'Ñandu',
      'Ninho',
      'Çedilha',
      'Cebola',
      'Pão de forma',
      'Pão-de-ló',
      '1 kg sal',
      'Água',
      'Agua',
    ];
    expect([...names].sort(comparePt)).toEqual([...names].sort(pt.compare));
  });
});
