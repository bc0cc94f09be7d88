/**
 * iLink's error codes → what the operator reads (pt-PT) and what the sender does. Pure.
 * e217: the XML failed iLink's validator — the message carries the rule (`[BR-CO-25] …`), shown as is;
 * e048: a recipient's business rule (e.g. "The commitment number is mandatory.");
 * e200: the document already exists (ours: delivered, see sending.ts);
 * e199: the acting credential is not the supplier's NIF; e069: authentication invalid/expired.
 */
export type IlinkErrorClass = 'validation' | 'recipient' | 'exists' | 'issuer' | 'auth' | 'other';

export interface IlinkError {
  readonly code: string;
  readonly class: IlinkErrorClass;
  /** pt-PT, with iLink's own text (and rule id) kept. */
  readonly message: string;
}

export function describeIlinkError(code: string, msg: string): IlinkError {
  const m = msg.trim();
  switch (code) {
    case 'e217':
      return {
        code,
        class: 'validation',
        message: `O iLink recusou o XML (validação CIUS-PT): ${m || 'sem detalhe'}`,
      };
    case 'e048':
      return { code, class: 'recipient', message: `Regra do destinatário no iLink: ${m || 'sem detalhe'}` };
    case 'e200':
      return { code, class: 'exists', message: 'O documento já existe no iLink.' };
    case 'e199':
      return {
        code,
        class: 'issuer',
        message:
          'O NIF do emitente do documento não corresponde à credencial iLink configurada (e199). Verifique a chave pública / o NIF em Integrações › iLink.',
      };
    case 'e069':
      return {
        code,
        class: 'auth',
        message:
          'Autenticação iLink inválida ou expirada (e069). Verifique as credenciais em Integrações › iLink.',
      };
    default:
      return { code, class: 'other', message: `Erro iLink ${code}${m ? `: ${m}` : ''}` };
  }
}

export const MSG = {
  timeout:
    'O iLink não respondeu a tempo: o envio será repetido com a mesma chave (sem duplicar o documento).',
  reset:
    'A ligação ao iLink foi interrompida: o envio será repetido com a mesma chave (sem duplicar o documento).',
  unreachable: 'Sem ligação ao iLink.',
  rateLimited: 'Limite de pedidos do iLink atingido (429): envio em pausa.',
  localRate: 'Limite de 200 pedidos/minuto do iLink: envio em pausa até a janela libertar.',
  server: (status: number) => `O iLink respondeu com erro ${status}: será repetido.`,
  badReply: (status: number) => `Resposta do iLink não reconhecida (HTTP ${status}).`,
  authFailed: 'O iLink recusou a autenticação. Verifique as credenciais em Integrações › iLink.',
  trainingRemote: (host: string) =>
    `Terminal em modo formação: só envia para simuladores neste computador (127.0.0.1). O endereço ${host} foi recusado, para que nenhum documento de formação saia da máquina.`,
} as const;
