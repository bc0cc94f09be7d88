/** Scoped structured logger. Injected everywhere; tests pass `silentLogger`. */
export interface Logger {
  debug(msg: string, data?: Record<string, unknown>): void;
  info(msg: string, data?: Record<string, unknown>): void;
  warn(msg: string, data?: Record<string, unknown>): void;
  error(msg: string, data?: Record<string, unknown>): void;
  child(scope: string): Logger;
}

type Level = 'debug' | 'info' | 'warn' | 'error';
const order: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface LogSink {
  (line: { at: string; level: Level; scope: string; msg: string; data?: Record<string, unknown> }): void;
}

export const stderrSink: LogSink = (line) => {
  const data = line.data ? ` ${JSON.stringify(line.data)}` : '';
  process.stderr.write(
    `${line.at} ${line.level.toUpperCase().padEnd(5)} [${line.scope}] ${line.msg}${data}\n`,
  );
};

export function createLogger(scope = 'balcao', sink: LogSink = stderrSink, minLevel?: Level): Logger {
  const min =
    order[minLevel ?? ((process.env.BALCAO_LOG_LEVEL as Level | undefined) || 'info')] ?? order.info;
  const emit = (level: Level, msg: string, data?: Record<string, unknown>): void => {
    if (order[level] < min) return;
    sink({ at: new Date().toISOString(), level, scope, msg, data });
  };
  return {
    debug: (m, d) => emit('debug', m, d),
    info: (m, d) => emit('info', m, d),
    warn: (m, d) => emit('warn', m, d),
    error: (m, d) => emit('error', m, d),
    child: (s) => createLogger(`${scope}/${s}`, sink, minLevel),
  };
}

/** Collects lines in memory; tests assert on what was logged. */
export function memoryLogger(): Logger & { lines: Parameters<LogSink>[0][] } {
  const lines: Parameters<LogSink>[0][] = [];
  const logger = createLogger('test', (l) => lines.push(l), 'debug');
  return Object.assign(logger, { lines });
}

export const silentLogger: Logger = createLogger('silent', () => undefined, 'error');
