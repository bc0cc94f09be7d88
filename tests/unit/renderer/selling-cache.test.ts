import { describe, expect, it } from 'vitest';
import type { Channel } from '../../../shared/api';
import type { Envelope } from '../../../shared/errors';
import type { PosClient } from '../../../renderer/src/api/client';
import { createSellingCache } from '../../../renderer/src/pos/selling-cache';

const favourite = (id: number) => ({ id, code: `A${id}`, name: `Artigo ${id}` });

/** A core that answers at once from `stock` (what is on hand, per article id); `asked` lists the channels. */
function fakeCore(stock: Map<number, string>) {
  const asked: string[] = [];
  let favourites = [favourite(1), favourite(2)];
  const answer = (channel: Channel, input: unknown): unknown => {
    if (channel === 'catalog/search') return favourites;
    if (channel === 'stock/warehouses') return { belowZero: 'refuse' };
    const { lines } = input as { lines: { articleId: number }[] };
    return lines.map((l) => ({
      articleId: l.articleId,
      tracked: true,
      available: stock.get(l.articleId) ?? '0',
    }));
  };
  const client = {
    transport: 'http',
    tryCall: async (channel: Channel, input: unknown): Promise<Envelope<unknown>> => {
      asked.push(channel);
      await Promise.resolve();
      return { ok: true, value: answer(channel, input) };
    },
  } as unknown as PosClient;
  return { client, asked, setFavourites: (ids: number[]) => (favourites = ids.map(favourite)) };
}

const settled = () => new Promise((resolve) => setTimeout(resolve, 5));

describe("the selling screen's cache (selling-cache.ts)", () => {
  it('reads the favourites, their stock and the rule', async () => {
    const core = fakeCore(new Map([[1, '3']]));
    const cache = createSellingCache(core.client);
    cache.refresh('all');
    await settled();
    expect(cache.get()?.favourites.map((a) => a.id)).toEqual([1, 2]);
    expect(cache.get()?.stock.get(1)?.available).toBe('3');
    expect(cache.get()?.policy).toBe('refuse');
  });

  it("after a sale reads only the favourites' stock (and the rule), not the favourites again", async () => {
    const stock = new Map([[1, '3']]);
    const core = fakeCore(stock);
    const cache = createSellingCache(core.client);
    cache.refresh('all');
    await settled();
    core.asked.length = 0;
    stock.set(1, '2');
    cache.refresh('stock');
    await settled();
    expect(core.asked.sort()).toEqual(['stock/availability', 'stock/warehouses']);
    expect(cache.get()?.stock.get(1)?.available).toBe('2');
  });

  it('a stock read before anything was read reads the favourites too', async () => {
    const core = fakeCore(new Map());
    const cache = createSellingCache(core.client);
    cache.refresh('stock');
    await settled();
    expect(cache.get()?.favourites).toHaveLength(2);
  });

  it('asked again while reading, reads once more afterwards: the last answer is the newest state', async () => {
    const stock = new Map([[1, '3']]);
    const core = fakeCore(stock);
    const cache = createSellingCache(core.client);
    cache.refresh('all');
    // The sale is done while the first read is on its way.
    stock.set(1, '2');
    core.setFavourites([1, 2, 3]);
    cache.refresh('stock');
    cache.refresh('all');
    await settled();
    expect(core.asked.filter((c) => c === 'catalog/search')).toHaveLength(2);
    expect(cache.get()?.favourites).toHaveLength(3);
    expect(cache.get()?.stock.get(1)?.available).toBe('2');
  });

  it('tells its subscribers when new data is in', async () => {
    const cache = createSellingCache(fakeCore(new Map()).client);
    let told = 0;
    const off = cache.subscribe(() => told++);
    cache.refresh('all');
    await settled();
    off();
    cache.refresh('stock');
    await settled();
    expect(told).toBe(1);
  });
});
