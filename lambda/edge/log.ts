/**
 * Structured logs (one JSON object per line). Callers pass only what is safe to print: never
 * the event as a whole (it holds the pre-signed ResponseURL), a token or credentials.
 */
export type Logger = (level: 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>) => void;

/** Logs to stdout, which Lambda sends to CloudWatch. */
export const jsonLogger: Logger = (level, message, fields = {}) => {
  console.log(JSON.stringify({ level, message, ...fields }));
};

/** A logger that drops everything (tests, CLI quiet mode). */
export const silentLogger: Logger = () => undefined;
