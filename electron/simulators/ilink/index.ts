export {
  startIlinkSimulator,
  type IlinkSimulator,
  type IlinkSimulatorOptions,
  type SimStats,
} from './server';
export { SIM_DEFAULTS, type IlinkHub } from './hub';
