import type { Command } from '../command';
import { serveCommand } from './serve';
import { startCommand } from './start';
import { demoCommand } from './demo';
import { verifyCommand } from './verify';
import { saftCommand } from './saft';
import { keyCommand } from './key';
import { printCommand } from './print';
import { simCommand } from './sim';
import { ilinkCommand } from './ilink';
import { catalogCommand } from './catalog';
import { eodCommand } from './eod';
import { paypayCommand } from './paypay';
import { stockCommand } from './stock';
import { customersCommand } from './customers';

/** Every `balcao` sub-command. One line per command. */
export const commands: Command[] = [
  serveCommand,
  startCommand,
  demoCommand,
  verifyCommand,
  saftCommand,
  keyCommand,
  printCommand,
  simCommand,
  ilinkCommand,
  catalogCommand,
  eodCommand,
  paypayCommand,
  stockCommand,
  customersCommand,
];
