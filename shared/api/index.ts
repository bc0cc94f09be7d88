import type { z } from 'zod';
import { mergeDefs, type ChannelDef } from './define';
import { systemContract } from './system';
import { authContract } from './auth';
import { catalogContract } from './catalog';
import { catalogAdminContract } from './catalog-admin';
import { fiscalContract } from './fiscal';
import { devicesContract, devicesEvents } from './devices';
import { sessionEvents } from './session-events';
import { salesContract, salesEvents } from './sales';
import { printingContract, printingEvents } from './printing';
import { cashContract, cashEvents } from './cash';
import { syncContract, syncEvents } from './sync';
import { purchasesContract } from './purchases';
import { purchasesStockContract } from './purchases-stock';
import { ilinkContract } from './ilink';
import { eodContract } from './eod';
import { salesReportsContract } from './sales-reports';
import { paypayContract } from './paypay';
import { stockContract } from './stock';
import { invoicingContract, invoicingEvents } from './invoicing';
import { guidesContract } from './guides';
import { customersContract } from './customers';
import { suppliersContract } from './suppliers';
import { operatorsContract } from './operators';
import { companyContract } from './company';

/**
 * The whole API: every call the renderer can make. Adding a feature = one entry in a domain file here,
 * one handler in electron/core/<domain>/handlers.ts, and UI. No transport code changes.
 */
const parts = [
  systemContract,
  authContract,
  catalogContract,
  catalogAdminContract,
  devicesContract,
  fiscalContract,
  salesContract,
  printingContract,
  cashContract,
  syncContract,
  purchasesContract,
  purchasesStockContract,
  ilinkContract,
  eodContract,
  salesReportsContract,
  paypayContract,
  stockContract,
  invoicingContract,
  guidesContract,
  customersContract,
  suppliersContract,
  operatorsContract,
  companyContract,
] as const;
type Parts = typeof parts;
type MergeAll<T extends readonly unknown[]> = T extends readonly [infer H, ...infer R]
  ? H & MergeAll<R>
  : unknown;

export type Contract = MergeAll<Parts>;
export const contract: Contract = mergeDefs<Contract>(...parts);

export type Channel = keyof Contract & string;
export const channels = Object.keys(contract) as Channel[];

type Def<C extends Channel> =
  Contract[C] extends ChannelDef<infer I, infer O> ? { input: I; output: O } : never;
/** What a caller may send (defaults still optional). */
export type Input<C extends Channel> = z.input<Def<C>['input']>;
/** What a handler receives after validation. */
export type ParsedInput<C extends Channel> = z.output<Def<C>['input']>;
export type Output<C extends Channel> = z.output<Def<C>['output']>;

export const isChannel = (name: string): name is Channel =>
  Object.prototype.hasOwnProperty.call(contract, name);

/** Events the core pushes to every UI. */
const eventParts = [
  devicesEvents,
  sessionEvents,
  salesEvents,
  printingEvents,
  cashEvents,
  syncEvents,
  invoicingEvents,
] as const;
export type EventsDef = MergeAll<typeof eventParts>;
export const events: EventsDef = mergeDefs<EventsDef>(...eventParts);
export type EventName = keyof EventsDef & string;
export type EventPayload<E extends EventName> = EventsDef[E] extends z.ZodType
  ? z.output<EventsDef[E]>
  : never;
export const isEventName = (name: string): name is EventName =>
  Object.prototype.hasOwnProperty.call(events, name);
