import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { SaftExportView } from '../../../../shared/api/invoicing';
import { PosError, isPosError } from '../../../../shared/errors';
import type { CoreContext } from '../../context';
import { exportInWorker, exportReadOnly } from './exports-run';
import { saftPeriod } from './period';

/**
 * SAF-T (PT) from the screen (issue 12 item 8): one export at a time, on a worker thread, its progress pushed as
 * `saft/progress`; the file stays in <data>/exportacoes/ for the download. Exports are kept in memory only
 * (ASSUMPTION: a restart forgets them — the file is still in the folder, and exporting again is cheap).
 */
export function createSaftExports(ctx: CoreContext, opts: { worker?: boolean } = {}) {
  const runs = new Map<string, SaftExportView & { file: string }>();
  const dir = path.join(ctx.dataDir, 'exportacoes');
  const view = ({ file: _file, ...v }: SaftExportView & { file: string }): SaftExportView => v;

  function start(from: string, to: string, operatorId: number | null): SaftExportView {
    const period = saftPeriod(from, to); // the CLI's checks and warnings, before any work
    if ([...runs.values()].some((r) => r.state === 'running')) {
      throw new PosError('CONFLICT', 'Já está a decorrer uma exportação SAF-T: aguarde que termine.');
    }
    fs.mkdirSync(dir, { recursive: true });
    const id = `${from}_${to}_${crypto.randomBytes(4).toString('hex')}`;
    const fileName = `SAFT-PT_${from}_${to}.xml`;
    const run = {
      id,
      from,
      to,
      state: 'running' as const,
      done: 0,
      total: 0,
      warnings: period.warnings,
      fileName,
      bytes: null,
      error: null,
      file: path.join(dir, `${id}.xml`),
    };
    runs.set(id, run);
    const emit = (): void => ctx.events.emit('saft/progress', view(runs.get(id)!));
    const input = { dataDir: ctx.dataDir, from, to, out: run.file, productVersion: ctx.version };
    const onProgress = (done: number, total: number): void => {
      runs.set(id, { ...runs.get(id)!, done, total });
      emit();
    };
    const work =
      opts.worker === false
        ? Promise.resolve().then(() => exportReadOnly(input, onProgress))
        : exportInWorker(input, onProgress, (m) => ctx.log.warn(m));
    work.then(
      (r) => {
        runs.set(id, { ...runs.get(id)!, state: 'done', bytes: r.bytes });
        ctx.audit('saft.export', operatorId, { from, to, bytes: r.bytes, invoices: r.invoices });
        emit();
      },
      (e: unknown) => {
        const message = isPosError(e) ? e.message : 'A exportação SAF-T falhou; veja o registo.';
        ctx.log.error('saft export failed', { error: e instanceof Error ? e.message : String(e) });
        runs.set(id, { ...runs.get(id)!, state: 'failed', error: message });
        emit();
      },
    );
    return view(run);
  }

  function get(id: string): SaftExportView & { file: string } {
    const r = runs.get(id);
    if (!r) throw new PosError('NOT_FOUND', 'Exportação SAF-T desconhecida (o programa foi reiniciado?).');
    return r;
  }

  return {
    start,
    status: (id: string): SaftExportView => view(get(id)),
    download(id: string): { fileName: string; base64: string } {
      const r = get(id);
      if (r.state !== 'done') throw new PosError('CONFLICT', 'A exportação SAF-T ainda não terminou.');
      return { fileName: r.fileName, base64: fs.readFileSync(r.file).toString('base64') };
    },
  };
}
export type SaftExports = ReturnType<typeof createSaftExports>;
