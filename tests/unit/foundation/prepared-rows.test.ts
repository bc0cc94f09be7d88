import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/core/db/open';
import { param, preparedRows } from '../../../electron/core/db/prepared';

/** Raw-mode rows for the streaming readers (the SAF-T export): positions are checked against the compiled SQL. */
describe('preparedRows', () => {
  const db = openDatabase(':memory:');
  db.sqlite.exec(`create table setting (key text primary key, value text not null)`);
  db.sqlite.exec(`insert into setting (key, value) values ('a', '1'), ('b', '2'), ('c', '3')`);
  afterAll(() => db.close());
  const q = db.k
    .selectFrom('setting')
    .select(['key', 'value'])
    .where('key', '>=', param('from'))
    .orderBy('key');

  it('gives arrays in the order of the columns named, bound by name', () => {
    const rows = preparedRows(db, q, ['key', 'value']);
    expect([...rows.iterate({ from: 'b' })]).toEqual([
      ['b', '2'],
      ['c', '3'],
    ]);
    expect(rows.get({ from: 'c' })).toEqual(['c', '3']);
    expect(rows.all({ from: 'a' })).toHaveLength(3);
  });

  it('refuses a column list that does not match what the query selects', () => {
    expect(() => preparedRows(db, q, ['value', 'key'])).toThrow(/selects key, value, not value, key/);
    expect(() => preparedRows(db, q, ['key'])).toThrow(/not key$/);
  });
});
