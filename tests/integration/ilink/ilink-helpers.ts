import {
  startIlinkSimulator,
  SIM_DEFAULTS,
  type IlinkSimulator,
  type IlinkSimulatorOptions,
} from '../../../electron/simulators/ilink';
import type { Core } from '../../../electron/core/core';
import { articleOf } from '../fiscal/fiscal-helpers';
import { CustomerInput } from '../../../shared/api/customers';

export const BUYER = {
  nif: '501964843',
  name: 'Cliente Empresa, Lda',
  address: 'Rua das Flores 12',
  postalCode: '1000-100',
  city: 'Lisboa',
} as const;

export async function simulator(o: IlinkSimulatorOptions = {}): Promise<IlinkSimulator> {
  return startIlinkSimulator(o);
}

/** iLink pointed at the simulator with the demo OAuth2 client, automatic sending, no PDF (faster). */
export function configureForSim(
  core: Core,
  sim: IlinkSimulator,
  o: { timeoutMs?: number; receive?: boolean } = {},
) {
  return core.ilink.configure({
    baseUrl: sim.baseUrl,
    auth: { mode: 'oauth2', clientId: SIM_DEFAULTS.clientId, clientSecret: SIM_DEFAULTS.clientSecret },
    send: 'auto',
    receive: o.receive ?? false,
    pdf: false,
    timeoutMs: o.timeoutMs ?? 2000,
  });
}

/**
 * The customer takes e-invoices via iLink (Gestão › Clientes, customer.einvoice): only such a customer's
 * documents are sent (integrations/ilink/recipients.ts). Creates the customer when it does not exist yet.
 */
export interface Buyer {
  nif: string;
  name: string;
  address?: string;
  postalCode?: string;
  city?: string;
}
export function takesEinvoices(core: Core, c: Buyer): number {
  const id = core.customers.idByNif(c.nif);
  const known = id ? core.customers.get(id).customer : null;
  return core.customers.save(
    { operatorId: null, via: 'backoffice' },
    id,
    CustomerInput.parse({
      country: 'PT',
      ...c,
      ...(known
        ? { name: known.name, address: known.address, postalCode: known.postalCode, city: known.city }
        : {}),
      code: known?.code ?? '',
      einvoice: true,
    }),
  ).id;
}

export function issueFt(core: Core, customer: typeof BUYER | null = BUYER) {
  if (customer) takesEinvoices(core, customer);
  return core.fiscal.issue(
    {
      type: 'FT',
      ...(customer ? { customer: { ...customer } } : {}),
      lines: [{ articleId: articleOf(core, 'NOR').id, quantity: '2' }],
    },
    1,
  );
}

export interface ControlDocs {
  issued: { id: string; number: string; state: string; edi: string | null; versions: number }[];
  received: {
    id: string;
    number: string;
    imported: { success: boolean; response: string } | null;
    decision: { accepted: boolean; reason: string | null } | null;
  }[];
  stats: {
    requests: number;
    rate: { refused: number; blocks: number; peak: number };
    injected: Record<string, number>;
  };
}

export async function control(sim: IlinkSimulator, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${sim.controlUrl}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': typeof body === 'string' ? 'application/xml' : 'application/json' },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  return res.json();
}

export const documents = (sim: IlinkSimulator): Promise<ControlDocs> =>
  control(sim, '/control/documents') as Promise<ControlDocs>;
