import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../helpers/tmp';

/**
 * Issue 15, item 11: every mistake on the command line is answered in pt-PT with the command's usage line
 * (Node's parser used to print its English text: "Option '--sales' argument is ambiguous…"). Real processes.
 */
const ROOT = path.resolve(import.meta.dirname, '../../..');
const BIN = path.join(ROOT, 'electron/cli/balcao.mjs');
const balcao = (...args: string[]) =>
  spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });

/** Words of Node's own parser messages, none of which may reach the user. */
const ENGLISH = /Option|argument|Unknown|Unexpected|ambiguous|missing|Did you/;

function expectUsageError(r: ReturnType<typeof balcao>, reason: RegExp, usage: RegExp): void {
  expect(r.status, r.stderr).toBe(2);
  expect(r.stderr).toMatch(/^Erro: /);
  expect(r.stderr).toMatch(reason);
  expect(r.stderr).toMatch(usage);
  expect(r.stderr).not.toMatch(ENGLISH);
  expect(r.stderr).not.toMatch(/at .*:\d+:\d+/); // no stack trace
}

describe('balcao: usage errors in pt-PT with the usage line (real processes)', () => {
  it('demo --sales -5: the value is checked against its range, not called an ambiguous option', () => {
    expectUsageError(
      balcao('demo', '--sales', '-5'),
      /--sales tem de ser um número inteiro de 1 a 1000000 \(recebido: -5\)/,
      /Utilização: balcao demo --sales N/,
    );
  });

  it('demo: a missing, non-numeric or fractional --sales', () => {
    const tmp = tempDir();
    try {
      expectUsageError(balcao('demo', '--data-dir', tmp.dir), /Indique --sales/, /Utilização: balcao demo/);
      expectUsageError(balcao('demo', '--sales', 'dez'), /recebido: dez/, /Utilização: balcao demo/);
      expectUsageError(balcao('demo', '--sales', '2.5'), /recebido: 2\.5/, /Utilização: balcao demo/);
      expectUsageError(balcao('demo', '--sales', '1e3'), /recebido: 1e3/, /Utilização: balcao demo/);
    } finally {
      tmp.cleanup();
    }
  });

  it('an unknown option, a value left out, a value given to a switch, an extra argument', () => {
    expectUsageError(balcao('verify', '--nope'), /Opção desconhecida: --nope\./, /Utilização: balcao verify/);
    expectUsageError(balcao('saft', '--from'), /Falta o valor de --from\./, /Utilização: balcao saft/);
    expectUsageError(
      balcao('print', '--doc', '1', '--printer', 'virtual:x.png', '--copy=sim'),
      /A opção --copy não leva valor\./,
      /Utilização: balcao print/,
    );
    expectUsageError(balcao('verify', 'extra'), /Argumento a mais: extra\./, /Utilização: balcao verify/);
    expectUsageError(
      balcao('saft', '--from', '2026-01-01'),
      /Indique --from, --to e --out/,
      /Utilização: balcao saft/,
    );
  });

  it('ports are checked in one place: serve, start and the simulator', () => {
    expectUsageError(
      balcao('serve', '--port', '70000'),
      /--port tem de ser um número inteiro de 0 a 65535 \(recebido: 70000\)/,
      /Utilização: balcao serve/,
    );
    expectUsageError(balcao('start', '--port', 'abc'), /recebido: abc/, /Utilização: balcao start/);
    expectUsageError(
      balcao('sim', 'glory', '--soap-port', 'x'),
      /--soap-port tem de ser um número inteiro/,
      /Utilização: balcao sim glory/,
    );
    expectUsageError(balcao('sim', 'robot'), /Simulador desconhecido: robot/, /Utilização: balcao sim/);
  });

  it('a sub-action shows its own usage line (ilink ubl, key)', () => {
    expectUsageError(
      balcao('ilink', 'ubl', '--bogus'),
      /Opção desconhecida: --bogus/,
      /Utilização: balcao ilink ubl/,
    );
    expectUsageError(balcao('key'), /Indique public, import ou rotate/, /Utilização: balcao key public/);
    expectUsageError(balcao('key', 'import'), /ficheiro PEM/, /Utilização: balcao key/);
  });
});
