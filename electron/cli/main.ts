import pkg from '../../package.json';
import { commands } from './commands';

function help(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    `balcao ${pkg.version} — terminal de ponto de venda`,
    '',
    'Uso: balcao <comando> [opções]   (balcao <comando> --help para detalhes)',
    '',
    'Comandos:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
  ].join('\n');
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
    // Expected failures are PosErrors with a pt-PT message; anything else is a bug worth a stack.
    if (e instanceof Error && e.name === 'PosError') {
      console.error(`Erro: ${e.message}`);
      return 1;
    }
    if (
      e instanceof Error &&
      'code' in e &&
      String((e as { code: unknown }).code).startsWith('ERR_PARSE_ARGS')
    ) {
      console.error(`Opções inválidas: ${e.message}\n\n${cmd.usage}`);
      return 2;
    }
    console.error(e);
    return 1;
  }
}
