/** The training simulator's credentials: a module of its own, so `balcao --help` can show them without loading the simulator. */
export const SIM_DEFAULTS = {
  clientId: 'balcao-demo',
  clientSecret: 'segredo-de-formacao',
  nif: '599999993',
  legacyToken: 'token-plataforma-formacao',
  publicKey: 'chave-publica-599999993',
} as const;
