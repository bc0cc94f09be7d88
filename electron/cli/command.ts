/** A `balcao` sub-command. `run` returns the process exit code. */
export interface Command {
  name: string;
  /** One pt-PT line for `balcao --help`. */
  summary: string;
  /** Usage text shown by `balcao <name> --help`. */
  usage: string;
  run(argv: string[]): Promise<number>;
}

export const DEFAULT_DATA_DIR = './balcao-data';
