import type { Db } from '../db/open';
import { PrinterProfile, type PrinterProfileInput } from './profile';
import { parsePrinterUri, type PrinterUri } from './uri';

export interface PrinterConfig {
  id: string;
  name: string;
  uri: string;
  parsed: PrinterUri;
  profile: PrinterProfile;
  isDefault: boolean;
}

/** Printer configuration rows (table printer). A bad row is reported, never crashes the till. */
export function createPrinterStore(db: Db, now: () => string) {
  const toConfig = (r: {
    id: string;
    name: string;
    uri: string;
    profile: string;
    is_default: 0 | 1;
  }): PrinterConfig => ({
    id: r.id,
    name: r.name,
    uri: r.uri,
    parsed: parsePrinterUri(r.uri),
    profile: PrinterProfile.parse(JSON.parse(r.profile)),
    isDefault: r.is_default === 1,
  });
  return {
    list(): PrinterConfig[] {
      return db.all(db.k.selectFrom('printer').selectAll().orderBy('id')).map(toConfig);
    },
    get(id: string): PrinterConfig | undefined {
      const r = db.get(db.k.selectFrom('printer').selectAll().where('id', '=', id));
      return r ? toConfig(r) : undefined;
    },
    upsert(p: {
      id: string;
      name: string;
      uri: string;
      profile: PrinterProfileInput;
      isDefault: boolean;
    }): PrinterConfig {
      parsePrinterUri(p.uri);
      const profile = JSON.stringify(PrinterProfile.parse(p.profile));
      const t = now();
      db.tx(() => {
        if (p.isDefault) db.run(db.k.updateTable('printer').set({ is_default: 0 }));
        db.run(
          db.k
            .insertInto('printer')
            .values({
              id: p.id,
              name: p.name,
              uri: p.uri,
              profile,
              is_default: p.isDefault ? 1 : 0,
              created_at: t,
              updated_at: t,
            })
            .onConflict((oc) =>
              oc.column('id').doUpdateSet({
                name: p.name,
                uri: p.uri,
                profile,
                is_default: p.isDefault ? 1 : 0,
                updated_at: t,
              }),
            ),
        );
      });
      return this.get(p.id) as PrinterConfig;
    },
    defaultPrinter(): PrinterConfig | undefined {
      const all = this.list();
      return all.find((p) => p.isDefault) ?? all[0];
    },
  };
}
export type PrinterStore = ReturnType<typeof createPrinterStore>;
