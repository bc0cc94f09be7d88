import type { z } from 'zod';
import type { Db } from '../db/open';

export const SETTING = {
  mode: 'terminal.mode',
  terminalId: 'terminal.id',
  createdAt: 'terminal.created-at',
} as const;

/** Settings are JSON values in the `setting` table; every read is validated (the file is a trust boundary). */
export function readSetting<S extends z.ZodType>(db: Db, key: string, schema: S): z.output<S> | undefined {
  const row = db.get(db.k.selectFrom('setting').select('value').where('key', '=', key));
  if (!row) return undefined;
  return schema.parse(JSON.parse(row.value));
}

export function writeSetting(db: Db, key: string, value: unknown): void {
  const json = JSON.stringify(value);
  db.run(
    db.k
      .insertInto('setting')
      .values({ key, value: json })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: json })),
  );
}
