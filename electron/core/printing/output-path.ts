import fs from 'node:fs';
import path from 'node:path';
import { PosError } from '../../../shared/errors';
import { t } from '../../../shared/i18n';
import type { PrinterUri } from './uri';

/**
 * Where printer output files (`virtual:FILE.png`, `pdf:FILE.pdf`) may go.
 * - Configured through the API (printing/configure-printer, the print queue): inside the terminal's data
 *   folder only. A relative path is taken from the data folder (not from the process's working directory);
 *   `..`, control characters (NUL…), absolute paths elsewhere and symbolic links leading out are refused.
 *   A manager's session must not be a way to write files anywhere on the machine.
 * - The CLI (`balcao print --printer pdf:FILE`): whoever runs the command already writes where they like, so
 *   any path is accepted (relative to the working directory); a path that cannot be written is reported in pt-PT.
 */
const CONTROL = {
  test: (s: string): boolean => [...s].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f),
};

/** /dev/ttyUSB0, /dev/rfcomm0, /dev/serial/by-id/…, COM5, \\.\COM12. */
const SERIAL_DEVICE = /^(\/dev\/[\w.:+@/-]+|COM\d{1,3}|\\\\\.\\COM\d{1,3})$/i;

const invalid = (message: string, file: string): PosError => new PosError('VALIDATION', message, { file });

export function confineOutputFile(file: string, dataDir: string): string {
  if (CONTROL.test(file)) throw invalid(t('printing.pathNul'), file);
  const root = path.resolve(dataDir);
  const outside = () => invalid(t('printing.pathOutside', { dir: root }), file);
  if (file.split(/[\\/]+/).includes('..')) throw outside();
  const abs = path.resolve(root, file);
  if (abs === root) throw invalid(t('printing.pathIsDir', { file }), file);
  if (!within(root, abs)) throw outside();
  // A symbolic link inside the folder may point out of it: what exists of the path must really be inside.
  const realRoot = realOrSelf(root);
  const existing = nearestExisting(abs);
  if (existing && !within(realRoot, realOrSelf(existing)) && realOrSelf(existing) !== realRoot)
    throw outside();
  return abs;
}

/** The CLI's rule: any path the user names, made absolute; only control characters are refused. */
export function cliOutputFile(file: string, cwd: string = process.cwd()): string {
  if (CONTROL.test(file)) throw invalid(t('printing.pathNul'), file);
  return path.resolve(cwd, file);
}

/** The URI with its output file confined to the data folder (API rule); other kinds are returned as they are. */
export function confinePrinterUri(uri: PrinterUri, dataDir: string): PrinterUri {
  switch (uri.kind) {
    case 'virtual':
      return uri.file === null ? uri : { ...uri, file: confineOutputFile(uri.file, dataDir) };
    case 'pdf':
      return { ...uri, file: confineOutputFile(uri.file, dataDir) };
    case 'serial':
      // A serial printer is a device, never a regular file the bytes would land in.
      if (!SERIAL_DEVICE.test(uri.path) || uri.path.split('/').includes('..'))
        throw invalid(t('printing.serialPath', { path: uri.path }), uri.path);
      return uri;
    default:
      return uri;
  }
}

/** The URI with its output file made absolute under the CLI's rule. */
export function cliPrinterUri(uri: PrinterUri, cwd: string = process.cwd()): PrinterUri {
  if (uri.kind === 'pdf') return { ...uri, file: cliOutputFile(uri.file, cwd) };
  if (uri.kind === 'virtual' && uri.file !== null) return { ...uri, file: cliOutputFile(uri.file, cwd) };
  return uri;
}

/**
 * Writes one output file, creating its folder; a path that cannot be written becomes a pt-PT PosError
 * (a parent that is a regular file used to surface as a raw EEXIST stack).
 */
export function writeOutputFile(file: string, data: Uint8Array): void {
  const dir = path.dirname(path.resolve(file));
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw fileError(e, file, dir);
  }
  try {
    fs.writeFileSync(file, data);
  } catch (e) {
    throw fileError(e, file, dir);
  }
}

function fileError(e: unknown, file: string, dir: string): PosError {
  const code = (e as NodeJS.ErrnoException).code;
  switch (code) {
    case 'EEXIST':
    case 'ENOTDIR':
      return new PosError('VALIDATION', t('printing.pathParent', { dir: blockingFile(dir) ?? dir }), {
        file,
      });
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return new PosError('VALIDATION', t('printing.pathDenied', { file }), { file });
    case 'EISDIR':
      return new PosError('VALIDATION', t('printing.pathIsDir', { file }), { file });
    default:
      return new PosError('DEVICE_ERROR', t('printing.pathFailed', { file, why: code ?? String(e) }), {
        file,
      });
  }
}

/** The first component of `dir` that exists and is not a folder (what made mkdir fail). */
function blockingFile(dir: string): string | null {
  let p = path.resolve(dir);
  const chain: string[] = [];
  while (path.dirname(p) !== p) {
    chain.unshift(p);
    p = path.dirname(p);
  }
  for (const c of chain) {
    try {
      if (!fs.statSync(c).isDirectory()) return c;
    } catch {
      return null;
    }
  }
  return null;
}

const within = (root: string, p: string): boolean =>
  p.startsWith(root.endsWith(path.sep) ? root : root + path.sep);

function realOrSelf(p: string): string {
  try {
    return fs.realpathSync(p);
  } catch {
    return p;
  }
}

function nearestExisting(p: string): string | null {
  let cur = p;
  for (;;) {
    if (fs.existsSync(cur)) return cur;
    const up = path.dirname(cur);
    if (up === cur) return null;
    cur = up;
  }
}
