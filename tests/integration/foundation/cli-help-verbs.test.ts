import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Issue 15, item 7: the command line's help speaks with one verb form. Every command and action is described
 * in the infinitive ("Emitir…", "Verificar…", "Iniciar…"), as are the options that are actions ("--dry-run
 * verificar…"); it used to mix "Executar" with "Inicia/Emite/Verifica". Read from the real `--help` output of
 * `balcao` and of every command (the bundled CLI, as users run it).
 */
const ROOT = path.resolve(import.meta.dirname, '../../..');
const BIN = path.join(ROOT, 'electron/cli/balcao.mjs');
const help = (...args: string[]): string => {
  const r = spawnSync(process.execPath, [BIN, ...args, '--help'], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
  });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout;
};

/** A pt-PT infinitive: "Emitir", "Fazer", "Pôr", "rodá-la" is not first. */
const INFINITIVE = /^(?:[A-ZÁÉÍÓÚÂÊÔa-záéíóúâêôãõç]+(?:ar|er|ir)|[Pp]ôr)\b/;
/** Third-person forms the help used to start descriptions with. */
const THIRD_PERSON =
  /^(?:importa|exporta|escreve|verifica|simula|inclui|imprime|gera|guarda|lista|mostra|cria|emite|inicia|executa|constrói|envia|entrega|consulta|testa|reconcilia)\b/i;

/** "  name   description" lines of a command list (two-space indent, a bare word, two spaces or more). */
const listed = (text: string): Array<[string, string]> =>
  [...text.matchAll(/^ {2}([a-z][a-z-]*) {2,}(\S.*)$/gm)].map((m) => [m[1], m[2]]);
/** "  --option VALUE   description" lines. */
const options = (text: string): Array<[string, string]> =>
  [...text.matchAll(/^ {2}(--[a-z-]+(?:[ ,/]+[^ ]+)*?) {2,}(\S.*)$/gm)].map((m) => [m[1], m[2]]);

describe('balcao --help: one verb form (real processes)', () => {
  it('every command, action and action-like option is described in the infinitive', () => {
    const top = listed(help());
    expect(top.length).toBeGreaterThan(10);
    const bad: string[] = [];
    for (const [name, text] of top) if (!INFINITIVE.test(text)) bad.push(`balcao: ${name} — ${text}`);
    for (const [name] of top) {
      const sub = help(name);
      for (const [action, text] of listed(sub))
        if (!INFINITIVE.test(text)) bad.push(`balcao ${name}: ${action} — ${text}`);
      for (const [opt, text] of options(sub))
        if (THIRD_PERSON.test(text)) bad.push(`balcao ${name} ${opt} — ${text}`);
    }
    expect(bad).toEqual([]);
  });
});
