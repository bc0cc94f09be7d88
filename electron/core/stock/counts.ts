import { PosError } from '../../../shared/errors';
import { t } from '../../../shared/i18n';
import { Dec } from '../../../shared/money';
import type { Db } from '../db/open';
import { plainQty, type Ledger, type PostedMovement } from './ledger';

export interface CountLineView {
  articleId: number;
  code: string;
  name: string;
  /** Frozen when the count started. */
  expected: string;
  counted: string | null;
  countedAt: string | null;
  /** Net movements (sales, returns…) between the start and the moment the line was counted (or now). */
  during: string;
  /** counted − (expected + during): what confirming posts as an adjustment; null until counted. */
  difference: string | null;
}

export interface CountView {
  id: string;
  warehouseId: number;
  family: string | null;
  status: 'open' | 'confirmed' | 'cancelled';
  startedAt: string;
  lines: CountLineView[];
}

/**
 * Inventory counts. The expected quantity of every tracked article of the warehouse (or family) is frozen at
 * the start, with the ledger position. A line counted later is compared with what the ledger says at the moment
 * it was counted: expected + the movements between the start and that moment (sales during the count are
 * already off the shelf when it is counted; those after it are not). Confirming posts the differences as
 * `adjustment` movements (`count:<id>`), so the balance ends at counted + movements after the counting.
 * ASSUMPTION: lines never counted are left as they are (not set to zero).
 */
export function createCounts(db: Db, ledger: Ledger, newId: () => string) {
  const { k } = db;
  const head = (id: string) => {
    const c = db.get(k.selectFrom('stock_count').selectAll().where('id', '=', id));
    if (!c) throw new PosError('NOT_FOUND', t('stock.countNotFound', { id }));
    return c;
  };
  const openHead = (id: string) => {
    const c = head(id);
    if (c.status !== 'open') throw new PosError('CONFLICT', t('stock.countClosed', { id }));
    return c;
  };
  const during = (articleId: number, warehouseId: number, fromSeq: number, toSeq: number): Dec =>
    db
      .all(
        k
          .selectFrom('stock_movement')
          .select('quantity')
          .where('article_id', '=', articleId)
          .where('warehouse_id', '=', warehouseId)
          .where('seq', '>', fromSeq)
          .where('seq', '<=', toSeq),
      )
      .reduce((a, r) => a.plus(r.quantity), new Dec(0));

  function view(id: string): CountView {
    const c = head(id);
    const now = ledger.lastSeq();
    const lines = db.all(
      k
        .selectFrom('stock_count_line as l')
        .innerJoin('article as a', 'a.id', 'l.article_id')
        .select([
          'l.article_id',
          'a.code',
          'a.name',
          'l.expected',
          'l.counted',
          'l.counted_seq',
          'l.counted_at',
        ])
        .where('l.count_id', '=', id)
        .orderBy('a.code'),
    );
    return {
      id: c.id,
      warehouseId: c.warehouse_id,
      family: c.family,
      status: c.status,
      startedAt: c.started_at,
      lines: lines.map((l) => {
        const d = during(l.article_id, c.warehouse_id, c.start_seq, l.counted_seq ?? now);
        return {
          articleId: l.article_id,
          code: l.code,
          name: l.name,
          expected: l.expected,
          counted: l.counted,
          countedAt: l.counted_at,
          during: plainQty(d),
          difference: l.counted === null ? null : plainQty(new Dec(l.counted).minus(d.plus(l.expected))),
        };
      }),
    };
  }

  return {
    view,
    /** Open counts first, then the latest closed ones (the Inventário screen finds an open count again). */
    list(limit = 20): Array<Omit<CountView, 'lines'>> {
      return db
        .all(
          k
            .selectFrom('stock_count')
            .select(['id', 'warehouse_id', 'family', 'status', 'started_at'])
            .orderBy((e) => e.case().when('status', '=', 'open').then(0).else(1).end())
            .orderBy('started_at', 'desc')
            .limit(limit),
        )
        .map((c) => ({
          id: c.id,
          warehouseId: c.warehouse_id,
          family: c.family,
          status: c.status,
          startedAt: c.started_at,
        }));
    },
    start(
      input: { warehouseId: number; family?: string | null; operatorId: number | null },
      at: Date,
    ): CountView {
      const id = db.tx(() => {
        const busy = db.get(
          k
            .selectFrom('stock_count')
            .select('id')
            .where('warehouse_id', '=', input.warehouseId)
            .where('status', '=', 'open'),
        );
        if (busy) {
          throw new PosError(
            'CONFLICT',
            t('stock.countAlreadyOpen', { warehouse: String(input.warehouseId), id: busy.id }),
          );
        }
        let arts = k
          .selectFrom('article as a')
          .leftJoin('stock_balance as b', (j) =>
            j.onRef('b.article_id', '=', 'a.id').on('b.warehouse_id', '=', input.warehouseId),
          )
          .select(['a.id', 'b.quantity'])
          .where('a.product_type', '=', 'P')
          .where('a.stock_tracked', '=', 1)
          .where('a.active', '=', 1);
        if (input.family) arts = arts.where('a.family', '=', input.family);
        const rows = db.all(arts);
        if (!rows.length) throw new PosError('VALIDATION', t('stock.countEmpty'));
        const cid = newId();
        db.run(
          k.insertInto('stock_count').values({
            id: cid,
            warehouse_id: input.warehouseId,
            family: input.family ?? null,
            status: 'open',
            start_seq: ledger.lastSeq(),
            started_at: at.toISOString(),
            started_by: input.operatorId,
            closed_at: null,
            closed_by: null,
          }),
        );
        for (const r of rows) {
          db.run(
            k.insertInto('stock_count_line').values({
              count_id: cid,
              article_id: r.id,
              expected: r.quantity ?? '0',
              counted: null,
              counted_seq: null,
              counted_at: null,
            }),
          );
        }
        return cid;
      });
      return view(id);
    },
    /** Records (or corrects) what was counted for one article, now. */
    record(id: string, articleId: number, counted: string, at: Date): CountLineView {
      db.tx(() => {
        openHead(id);
        const r = db.run(
          k
            .updateTable('stock_count_line')
            .set({ counted: plainQty(counted), counted_seq: ledger.lastSeq(), counted_at: at.toISOString() })
            .where('count_id', '=', id)
            .where('article_id', '=', articleId),
        );
        if (r.changes === 0)
          throw new PosError('NOT_FOUND', t('stock.countArticle', { article: String(articleId), id }));
      });
      return view(id).lines.find((l) => l.articleId === articleId)!;
    },
    confirm(id: string, operatorId: number | null, at: Date): PostedMovement[] {
      return db.tx(() => {
        const c = openHead(id);
        const diffs = view(id).lines.filter((l) => l.difference !== null && !new Dec(l.difference).isZero());
        const posted = ledger.post(
          diffs.map((l) => ({
            articleId: l.articleId,
            warehouseId: c.warehouse_id,
            quantity: l.difference!,
            cause: 'adjustment' as const,
            reference: `count:${id}`,
            operatorId,
            note: 'Inventário',
          })),
          { at },
        );
        db.run(
          k
            .updateTable('stock_count')
            .set({ status: 'confirmed', closed_at: at.toISOString(), closed_by: operatorId })
            .where('id', '=', id),
        );
        return posted;
      });
    },
    cancel(id: string, operatorId: number | null, at: Date): void {
      db.tx(() => {
        openHead(id);
        db.run(
          k
            .updateTable('stock_count')
            .set({ status: 'cancelled', closed_at: at.toISOString(), closed_by: operatorId })
            .where('id', '=', id),
        );
      });
    },
  };
}
export type Counts = ReturnType<typeof createCounts>;
