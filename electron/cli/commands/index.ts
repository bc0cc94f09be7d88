import type { Command } from '../command';
import { serveCommand } from './serve';
import { startCommand } from './start';

/** Every `balcao` sub-command. One line per command. */
export const commands: Command[] = [serveCommand, startCommand];
