import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { PNG } from 'pngjs';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../electron/core/core';
import { up as migrate0740 } from '../../../electron/core/db/migrations/0740-print-branding';
import { createCompanyAdmin } from '../../../electron/core/system/company';
import { createLogger } from '../../../electron/core/log/logger';
import { fiscalTestCore, type FiscalTestCore } from '../fiscal/fiscal-helpers';

/**
 * Migration 0740: the printer profile's `logoPng` (a file path per printer) gives way to the company logo.
 * A database from before it, with a printer that printed a PNG file, comes out with that PNG as the company
 * logo and no `logoPng` left in any profile; a company that already had a logo keeps its own.
 */
describe('migration 0740: printer logoPng → company logo', () => {
  let f: FiscalTestCore | null = null;
  let again: Core | null = null;
  afterEach(async () => {
    await again?.stop('test');
    if (f) fs.rmSync(f.dir, { recursive: true, force: true });
    f = null;
    again = null;
  });

  /** Back to a database before 0740, with printers naming `logoPng` files; then the core starts again. */
  async function upgrade(companyLogo: string | null): Promise<BetterSqlite3.Database> {
    f = await fiscalTestCore();
    await f.core.stop('test');
    const dir = f.dir;
    const png = new PNG({ width: 40, height: 10 });
    png.data.fill(0);
    const file = path.join(dir, 'logo-antigo.png');
    fs.writeFileSync(file, PNG.sync.write(png));
    const raw = new BetterSqlite3(path.join(dir, 'balcao.sqlite'));
    const now = '2025-01-01T00:00:00Z';
    const put = raw.prepare(
      `insert into printer (id, name, uri, profile, is_default, created_at, updated_at) values (?, ?, 'virtual:', ?, 0, ?, ?)
       on conflict (id) do update set profile = excluded.profile`,
    );
    put.run('balcao', 'Talões', JSON.stringify({ paper: '58mm-32', logoPng: file }), now, now);
    put.run(
      'outra',
      'Outra',
      JSON.stringify({ paper: '80mm-48', logoPng: path.join(dir, 'nao-existe.png') }),
      now,
      now,
    );
    raw
      .prepare('update company set logo_mime = ?, logo_base64 = ? where id = 1')
      .run(companyLogo ? 'image/png' : null, companyLogo);
    raw.exec(`drop trigger customer_code_locked`);
    // 0740 runs again on this pre-0740 state, directly: later migrations (0750…) have run on this database, and
    // Kysely rightly refuses to run an earlier one after them.
    const k = new Kysely<Record<string, never>>({ dialect: new SqliteDialect({ database: raw }) });
    await migrate0740(k);
    await k.destroy(); // closes `raw`
    again = await createCore({ dataDir: dir, clock: f.clock, log: createLogger('test', () => {}) });
    return new BetterSqlite3(path.join(dir, 'balcao.sqlite'), { readonly: true });
  }

  it('adopts the printer PNG as the company logo when there is none; no profile keeps logoPng', async () => {
    const db = await upgrade(null);
    const file = fs.readFileSync(path.join(f!.dir, 'logo-antigo.png'));
    expect(db.prepare('select logo_mime, logo_base64 from company where id = 1').get()).toEqual({
      logo_mime: 'image/png',
      logo_base64: file.toString('base64'),
    });
    const profiles = db.prepare('select id, profile from printer order by id').all() as Array<{
      id: string;
      profile: string;
    }>;
    for (const p of profiles) expect(JSON.parse(p.profile)).not.toHaveProperty('logoPng');
    expect(JSON.parse(profiles.find((p) => p.id === 'balcao')!.profile)).toMatchObject({ paper: '58mm-32' });
    db.close();
    // And the core prints it: the company view has it.
    expect(createCompanyAdmin(again!.ctx).get().logo).toMatchObject({
      mime: 'image/png',
      bytes: file.length,
    });
  });

  it('keeps the company logo that exists', async () => {
    const own = Buffer.from('próprio').toString('base64');
    const db = await upgrade(own);
    expect(db.prepare('select logo_base64 from company where id = 1').get()).toEqual({ logo_base64: own });
    db.close();
  });
});
