export { startGlorySimulator, type GlorySimulator, type GlorySimulatorOptions } from './server';
export { GloryMachine, DEFAULT_SETTINGS, type SimSettings, type FaultKind } from './machine';
export { DEFAULT_STOCK } from './stock';
