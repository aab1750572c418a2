import { currentTrace } from './trace';

type Level = 'debug' | 'info' | 'warn' | 'error';
const RANK: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
}

function threshold(): number {
  const level = (process.env.LOG_LEVEL ?? 'info').toLowerCase() as Level;
  return RANK[level] ?? RANK.info;
}

/** Errors become plain fields: JSON.stringify drops their message and stack otherwise. */
function serialise(fields: LogFields): LogFields {
  const out: LogFields = {};
  for (const [key, value] of Object.entries(fields)) {
    out[key] = value instanceof Error ? { name: value.name, message: value.message, stack: value.stack } : value;
  }
  return out;
}

/** One JSON object per line on stdout, carrying the trace id of the work in progress. */
export function createLogger(service: string): Logger {
  const min = threshold();
  const write = (level: Level, msg: string, fields: LogFields = {}): void => {
    if (RANK[level] < min) return;
    const trace = currentTrace();
    const line = {
      time: new Date().toISOString(),
      level,
      service,
      msg,
      ...(trace ? { traceId: trace.traceId, spanId: trace.spanId } : {}),
      ...serialise(fields),
    };
    process.stdout.write(`${JSON.stringify(line)}\n`);
  };
  return {
    debug: (msg, fields) => write('debug', msg, fields),
    info: (msg, fields) => write('info', msg, fields),
    warn: (msg, fields) => write('warn', msg, fields),
    error: (msg, fields) => write('error', msg, fields),
  };
}
