import { DEFAULT_DATA_DIR } from '../command';

/** Usage lines of `balcao ilink` actions, apart from their code so `--help` loads none of it. */
export const HISTORY_IMPORTED_USAGE = `balcao ilink history --imported [--json] [--data-dir PASTA]

  Histórico de importação: os documentos de compra recebidos (mais recentes primeiro), com o fornecedor,
  a data de receção e o estado (registado, aceite, recusado). Só lê a pasta de dados.

  --json            uma lista JSON (os campos de purchases/list) em vez da tabela
  --data-dir PASTA  pasta de dados (predefinição ${DEFAULT_DATA_DIR})`;
