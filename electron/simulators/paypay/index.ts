export { startPaypaySimulator, SIM_DEFAULTS } from './server';
export type { PaypaySimulator, PaypaySimulatorOptions } from './server';
