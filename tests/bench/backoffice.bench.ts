import { performance } from 'node:perf_hooks';
import type { ImportReport } from '../../shared/api/catalog-admin';
import { writeCsv } from '../../shared/csv';
import { eanCheckDigit } from '../../shared/ean';
import { createTestCore } from '../helpers/core';
import { median, percentile, type Benchmark } from './harness';

/**
 * Gestão › Artigos at 50 000 articles (issue 12 "Tests and benchmark"), on a real core and SQLite file, through
 * the real dispatcher as the back office calls it (a gerente's session):
 *
 * backoffice.catalog_import_50k_s — one `catalog/import-csv` of a 50 000-row CSV (BOM, ";", decimal comma,
 *   accented names, one barcode each) into the demo terminal: parse, validate every row, all-or-nothing write.
 * backoffice.article_search_p95_ms — `catalog/search` (limit 60, as the till asks) for 300 accent-free queries
 *   over those 50 000 articles (words typed without accents, two-word queries, digits, rare and common terms),
 *   wall time per call in-process (no transport). Goal ≤ 30 ms. Median reported too.
 *
 * Measured, never asserted.
 */
const ROWS = 50_000;
const WORDS = [
  'Pão',
  'Água',
  'Maçã',
  'Açúcar',
  'Café',
  'Limão',
  'Feijão',
  'Óleo',
  'Chá',
  'Pêssego',
  'Atum',
  'Sal',
];
const KINDS = ['fresco', 'biológico', 'em lata', 'congelado', 'de Portugal', 'extra', 'light', 'família'];
const QUERIES = [
  'pao',
  'agua',
  'maca',
  'acucar',
  'cafe bio',
  'limao extra',
  'feijao lata',
  'oleo 123',
  'cha',
  'pessego',
];

function csv(): string {
  const rows: string[][] = [['codigo', 'descricao', 'familia', 'preco', 'iva', 'codigos_barras']];
  for (let i = 1; i <= ROWS; i++) {
    const body = `5608${String(i).padStart(8, '0')}`;
    rows.push([
      `K${String(i).padStart(6, '0')}`,
      `${WORDS[i % WORDS.length]} ${KINDS[i % KINDS.length]} ${i}`,
      `Família ${i % 40}`,
      `${1 + (i % 50)},${String(i % 100).padStart(2, '0')}`,
      ['NOR', 'INT', 'RED'][i % 3]!,
      body + String(eanCheckDigit(body)),
    ]);
  }
  return writeCsv(rows);
}

export const benchmarks: Benchmark[] = [
  {
    name: 'backoffice',
    async run() {
      const tc = await createTestCore({ cash: { settings: { kind: 'none' } } });
      try {
        const gerente = await tc.login('gerente');
        const text = csv();
        const t0 = performance.now();
        const report = (await tc.call('catalog/import-csv', { csv: text }, gerente)) as ImportReport;
        const importS = (performance.now() - t0) / 1000;
        if (!report.applied || report.created !== ROWS) {
          throw new Error(`import failed: ${JSON.stringify(report.rejected.slice(0, 3))}`);
        }
        const times: number[] = [];
        for (let i = 0; i < 300; i++) {
          const query = i % 3 === 2 ? String(1000 + ((i * 7919) % 48000)) : QUERIES[i % QUERIES.length]!;
          const s = performance.now();
          await tc.call('catalog/search', { query, limit: 60 }, gerente);
          times.push(performance.now() - s);
        }
        const round = (v: number) => Math.round(v * 100) / 100;
        return {
          'backoffice.catalog_import_50k_s': round(importS),
          'backoffice.article_search_p95_ms': round(percentile(times, 95)),
          'backoffice.article_search_median_ms': round(median(times)),
        };
      } finally {
        await tc.close();
      }
    },
  },
];
