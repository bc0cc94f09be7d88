import pkg from '../../package.json';
import { synopsis, UsageError } from './args';
import type { Command } from './command';
import { commands } from './commands';

function help(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    `balcao ${pkg.version} — terminal de ponto de venda`,
    '',
    'Utilização: balcao <comando> [opções]   (balcao <comando> --help para detalhes)',
    '',
    'Comandos:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
  ].join('\n');
}

/** A usage mistake: the pt-PT reason, then how to call the command (exit 2, like Node's own parser errors). */
function usageError(cmd: Command, e: UsageError): number {
  console.error(
    `Erro: ${e.message}\n\n${synopsis(e.usage ?? cmd.usage)}\n\n(balcao ${cmd.name} --help para ver todas as opções)`,
  );
  return e.exitCode;
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(help());
    return 0;
  }
  if (name === '--version' || name === '-v') {
    console.log(pkg.version);
    return 0;
  }
  const cmd = commands.find((c) => c.name === name);
  if (!cmd) {
    console.error(`Comando desconhecido: ${name}\n\n${help()}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(cmd.usage);
    return 0;
  }
  try {
    return await cmd.run(rest);
  } catch (e) {
    if (e instanceof UsageError) return usageError(cmd, e);
    // Expected failures are PosErrors with a pt-PT message; anything else is a bug worth a stack.
    if (e instanceof Error && e.name === 'PosError') {
      console.error(`Erro: ${e.message}`);
      return 1;
    }
    console.error(
      `Erro inesperado no Balcão (por favor comunique-o): ${e instanceof Error ? e.message : String(e)}`,
    );
    console.error(e);
    return 1;
  }
}
