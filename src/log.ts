/**
 * A small logger: one line per event on stderr, readable by a person and greppable
 * (`time level component: message key=value`). TOURNEE_LOG=silent turns it off (tests).
 */
export type Level = 'info' | 'warn' | 'error';

export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export function createLogger(component: string, silent = process.env.TOURNEE_LOG === 'silent'): Logger {
  const write = (level: Level, message: string, fields?: Record<string, unknown>) => {
    if (silent) return;
    const extra = fields
      ? Object.entries(fields)
          .filter(([, v]) => v !== undefined)
          .map(([k, v]) => ` ${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
          .join('')
      : '';
    process.stderr.write(`${new Date().toISOString()} ${level} ${component}: ${message}${extra}\n`);
  };
  return {
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
  };
}

export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
