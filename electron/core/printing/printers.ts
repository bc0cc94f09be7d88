import type { Db } from '../db/open';
import { PrinterProfile, type PrinterProfileInput } from './profile';
import { PosError } from '../../../shared/errors';
import { confinePrinterUri } from './output-path';
import { parsePrinterUri, type PrinterUri } from './uri';

export interface PrinterConfig {
  id: string;
  name: string;
  uri: string;
  parsed: PrinterUri;
  profile: PrinterProfile;
  isDefault: boolean;
  /**
   * Set when the row names an output file outside the data folder (configured before that was refused, or
   * edited in the file): nothing is written for it, and each job fails with this pt-PT message.
   */
  outputError: string | null;
}

/** A row's URI with its output file resolved inside the data folder (or why it cannot be). */
function resolveRow(uri: string, dataDir: string): { parsed: PrinterUri; outputError: string | null } {
  const parsed = parsePrinterUri(uri);
  try {
    return { parsed: confinePrinterUri(parsed, dataDir), outputError: null };
  } catch (e) {
    if (!(e instanceof PosError)) throw e;
    const safe: PrinterUri = parsed.kind === 'virtual' ? { kind: 'virtual', file: null } : parsed;
    return { parsed: safe, outputError: e.message };
  }
}

/**
 * Printer configuration rows (table printer). A bad row is reported, never crashes the till. Output files
 * (`virtual:FILE`, `pdf:FILE`) are resolved inside `dataDir` (electron/core/printing/output-path.ts).
 */
export function createPrinterStore(db: Db, now: () => string, dataDir: string) {
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
    ...resolveRow(r.uri, dataDir),
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
      // Refused here, with the reason, rather than stored and failing at every job.
      confinePrinterUri(parsePrinterUri(p.uri), dataDir);
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
