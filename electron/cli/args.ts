import { parseArgs, type ParseArgsConfig } from 'node:util';

type ParseArgsOptionsConfig = NonNullable<ParseArgsConfig['options']>;

/**
 * How a command was called is wrong (unknown option, missing or bad value). `main` prints the message with the
 * command's usage line and exits 2. `usage` overrides the command's own (sub-actions such as `ilink ubl`).
 * Deliberately free of imports (no zod, no core): `balcao --help` loads this module.
 */
export class UsageError extends Error {
  usage?: string;
  /** 2 as for any usage mistake; a few existing cases keep the 1 they always had (scripts may test it). */
  readonly exitCode: 1 | 2;
  constructor(message: string, opts: { usage?: string; exitCode?: 1 | 2 } = {}) {
    super(message);
    this.name = 'UsageError';
    this.usage = opts.usage;
    this.exitCode = opts.exitCode ?? 2;
  }
}

type Parsed<T extends ParseArgsConfig> = ReturnType<typeof parseArgs<T>>;

/**
 * `--sales -5` means the value -5, not an option "-5": Node's parser calls it ambiguous. Join such a negative
 * number to its string option (`--sales=-5`) so the value reaches the numeric check, which explains the range.
 */
function joinNegativeNumbers(args: readonly string[], options: ParseArgsOptionsConfig): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const next = args[i + 1];
    const name = a.startsWith('--') && !a.includes('=') ? a.slice(2) : null;
    if (name && options[name]?.type === 'string' && next !== undefined && /^-\d/.test(next)) {
      out.push(`${a}=${next}`);
      i++;
    } else out.push(a);
  }
  return out;
}

/** Node's parseArgs errors (English, ERR_PARSE_ARGS_*) as pt-PT usage errors. */
function translate(e: unknown, options: ParseArgsOptionsConfig): unknown {
  const code = e instanceof Error && 'code' in e ? String(e.code) : '';
  if (!code.startsWith('ERR_PARSE_ARGS')) return e;
  // Node quotes the offending token first: '--sales <value>', '--nope', 'extra'.
  const token = /'([^']+)'/.exec((e as Error).message)?.[1]?.replace(/ <value>$/, '');
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return new UsageError(token ? `Opção desconhecida: ${token}.` : 'Opção desconhecida.');
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return new UsageError(token ? `Argumento a mais: ${token}.` : 'Argumento a mais.');
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE': {
      const opt = token ? options[token.replace(/^--?/, '')] : undefined;
      if (token && opt?.type === 'boolean') return new UsageError(`A opção ${token} não leva valor.`);
      return new UsageError(token ? `Falta o valor de ${token}.` : 'Falta o valor de uma opção.');
    }
    default:
      return new UsageError('Opções inválidas.');
  }
}

/** parseArgs (always strict), with every error in pt-PT as a UsageError. */
export function parseCli<T extends ParseArgsConfig & { args: string[] }>(config: T): Parsed<T> {
  const options = config.options ?? {};
  try {
    return parseArgs({
      ...config,
      args: joinNegativeNumbers(config.args, options),
      strict: true,
    }) as Parsed<T>;
  } catch (e) {
    throw translate(e, options);
  }
}

/**
 * An integer option within [min, max]. `value` undefined → `fallback` (or a UsageError if there is none).
 * Accepts plain decimal digits only: "1e3", "0x10", " 5" and "5.0" are refused, not guessed.
 */
export function intOption(
  name: string,
  value: string | undefined,
  range: { min: number; max: number; fallback?: number },
): number {
  if (value === undefined) {
    if (range.fallback !== undefined) return range.fallback;
    throw new UsageError(`Indique --${name} (um número inteiro de ${range.min} a ${range.max}).`);
  }
  const n = /^-?\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < range.min || n > range.max) {
    throw new UsageError(
      `--${name} tem de ser um número inteiro de ${range.min} a ${range.max} (recebido: ${value}).`,
    );
  }
  return n;
}

/** The synopsis of a usage text: its first paragraph ("Utilização: …" and its continuation lines). */
export function synopsis(usage: string): string {
  return usage.split(/\n\s*\n/)[0];
}
