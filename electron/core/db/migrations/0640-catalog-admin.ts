import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration declares what it needs and imports no app code.
/* eslint-disable @typescript-eslint/no-explicit-any */
/**
 * Issue 12 item 1 / issue 15 item 3 (Gestão › Artigos, accent-free search, Portuguese order).
 *
 * - `article.name_key`: the pt-PT primary collation key of the name (shared/text/pt-collation.ts), kept by the
 *   triggers below on *every* write, whoever writes (the back office, the CSV import, the demo seed, a purchase
 *   import, a raw INSERT in a benchmark): they call `pt_key()`, registered on each connection by db/open.ts.
 *   Search and sort use it through `article_key` (active, name_key).
 * - `article_barcode`: every barcode of an article, unique across the catalogue (the primary key refuses a
 *   duplicate, whichever article holds it). `article.barcode` stays the main one (SAF-T ProductNumberCode, the
 *   Article shape) and a trigger keeps it in the table.
 * - `article_family`: the families (id `<terminal>-<random>`, unique across terminals); `article.family` keeps the
 *   family's name, as before, and a trigger creates the family an article names.
 * - short name for the receipt, weighed article and its scale code (the item code the scale prints in
 *   `2P IIIII VVVVV C` labels), the article's place and colour on the till's favourites, `updated_at`.
 * - the product code of an article used on a document is locked, like its description (Despacho 3.3.5: the
 *   SAF-T ProductCode of past documents must keep naming it); an article used on a document is never deleted.
 *
 * Re-runnable (tests/integration/fiscal/seal-upgrade.test.ts undoes the migrations after 0500 and runs them again).
 */
export async function up(db: Kysely<any>): Promise<void> {
  const run = (q: string) => sql.raw(q).execute(db);
  const cols = (
    await sql<{ name: string }>`select name from pragma_table_info('article')`.execute(db)
  ).rows.map((r) => r.name);
  const add = async (name: string, def: string): Promise<void> => {
    if (!cols.includes(name)) await run(`alter table article add column ${name} ${def}`);
  };
  await add('name_key', `text not null default ''`);
  await add('short_name', 'text');
  await add('weighed', 'integer not null default 0 check (weighed in (0, 1))');
  await add('scale_code', 'text');
  await add('till_position', 'integer');
  await add('till_colour', 'text');
  await add('updated_at', 'text');

  await run('update article set name_key = pt_key(name)');
  await run('create index if not exists article_key on article (active, name_key)');
  // The back office lists inactive articles too: the same order without the active column first.
  await run('create index if not exists article_name_key on article (name_key)');
  await run('create index if not exists article_family_name on article (family)');
  await run(
    'create unique index if not exists article_scale_code on article (scale_code) where scale_code is not null',
  );
  await run(`create trigger if not exists article_key_insert after insert on article
    begin update article set name_key = pt_key(new.name) where id = new.id; end`);
  await run(`create trigger if not exists article_key_update after update of name on article
    begin update article set name_key = pt_key(new.name) where id = new.id; end`);

  await run(`create table if not exists article_barcode (
    barcode text primary key,
    article_id integer not null references article (id),
    position integer not null default 0
  )`);
  await run('create index if not exists article_barcode_article on article_barcode (article_id)');
  await run(`insert or ignore into article_barcode (barcode, article_id, position)
    select barcode, id, 0 from article where barcode is not null`);
  await run(`create trigger if not exists article_barcode_insert after insert on article when new.barcode is not null
    begin insert into article_barcode (barcode, article_id, position) values (new.barcode, new.id, 0); end`);
  await run(`create trigger if not exists article_barcode_update after update of barcode on article
    when new.barcode is not old.barcode
    begin
      delete from article_barcode where barcode = old.barcode and article_id = old.id;
      insert into article_barcode (barcode, article_id, position)
        select new.barcode, new.id, 0 where new.barcode is not null
          and not exists (select 1 from article_barcode where barcode = new.barcode and article_id = new.id);
    end`);

  await run(`create table if not exists article_family (
    id text primary key,
    name text not null unique,
    created_at text not null
  )`);
  // A family named on an article exists as a family, whoever wrote the article (seed, import, raw insert).
  // Ids `<terminal>-<random hex>`: unique across terminals without a central counter.
  const familyId = `coalesce((select json_extract(value, '$') from setting where key = 'terminal.id'), 'T1')
    || '-' || upper(hex(randomblob(8)))`;
  const now = `strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`;
  await run(`insert or ignore into article_family (id, name, created_at)
    select ${familyId}, family, ${now} from (select distinct family from article where family <> '')`);
  for (const [name, when] of [
    ['article_family_insert', 'after insert on article'],
    ['article_family_update', 'after update of family on article'],
  ]) {
    await run(`create trigger if not exists ${name} ${when} when new.family <> ''
      begin insert or ignore into article_family (id, name, created_at) values (${familyId}, new.family, ${now}); end`);
  }

  await run(`create trigger if not exists article_code_locked before update of code on article
    when new.code is not old.code and exists (select 1 from fiscal_line where article_id = old.id)
    begin select raise(abort, 'the code of an article used on documents is locked'); end`);
  await run(`create trigger if not exists article_no_delete_used before delete on article
    when exists (select 1 from fiscal_line where article_id = old.id)
    begin select raise(abort, 'an article used on documents is never deleted'); end`);
  await run(`create trigger if not exists article_delete_barcodes before delete on article
    begin delete from article_barcode where article_id = old.id; end`);
}
