import fs from 'node:fs';
import { parseCli, UsageError } from '../args';
import { DEFAULT_DATA_DIR, type Command } from '../command';

export const keyCommand: Command = {
  name: 'key',
  summary: 'Mostrar a chave pública de assinatura (PEM), importar a chave (produção) ou rodá-la (formação)',
  usage: `Utilização: balcao key public [--data-dir PASTA]
              balcao key import FICHEIRO.pem [--data-dir PASTA]
              balcao key rotate [--data-dir PASTA]

  public   escrever a chave pública em uso (SubjectPublicKeyInfo PEM, como "openssl rsa -pubout"),
           a enviar à AT com a declaração Modelo 24
  import   importar a chave privada RSA-1024 certificada (produção); fica cifrada; sobe a versão
  rotate   gerar um novo par de chaves de formação; sobe a versão (HashControl)

  --data-dir PASTA  pasta de dados (predefinição ${DEFAULT_DATA_DIR})`,
  async run(argv) {
    const { values, positionals } = parseCli({
      args: argv,
      allowPositionals: true,
      options: { 'data-dir': { type: 'string', default: DEFAULT_DATA_DIR } },
    });
    const [sub, file, ...extra] = positionals;
    if (!['public', 'import', 'rotate'].includes(sub ?? '')) {
      throw new UsageError(
        sub
          ? `Ação desconhecida: ${sub}. Indique public, import ou rotate.`
          : 'Indique public, import ou rotate.',
      );
    }
    if (sub === 'import' && !file) throw new UsageError('Indique o ficheiro PEM da chave privada.');
    const surplus = sub === 'import' ? extra : [file, ...extra].filter((a) => a !== undefined);
    if (surplus.length) throw new UsageError(`Argumento a mais: ${surplus[0]}.`);
    const [{ PosError }, { createCore }, { createLogger }] = await Promise.all([
      import('../../../shared/errors'),
      import('../../core/core'),
      import('../../core/log/logger'),
    ]);
    const core = await createCore({
      dataDir: values['data-dir'],
      log: createLogger('key', () => undefined),
    });
    try {
      const keys = core.fiscal.keys;
      if (sub === 'public') {
        const pem = keys.publicPem();
        if (!pem)
          throw new PosError(
            'NOT_FOUND',
            'Ainda não há chave de assinatura neste terminal (use balcao key import).',
          );
        process.stdout.write(pem);
        return 0;
      }
      if (sub === 'import') {
        const r = keys.importKey(fs.readFileSync(file, 'utf8'));
        core.ctx.audit('fiscal.key-import', null, { version: r.version });
        console.error(`Chave importada (versão ${r.version}). Chave pública a comunicar à AT:`);
        process.stdout.write(r.publicPem);
        return 0;
      }
      const r = keys.rotateTrainingKey();
      core.ctx.audit('fiscal.key-rotate', null, { version: r.version });
      console.error(`Nova chave de formação (versão ${r.version}).`);
      process.stdout.write(r.publicPem);
      return 0;
    } finally {
      await core.stop('key');
    }
  },
};
