import type { printingContract } from '../../../shared/api/printing';

export type PrintingChannel = keyof typeof printingContract & string;
