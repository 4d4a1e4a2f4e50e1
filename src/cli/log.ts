/** One log record: a JSON line on stderr (`ts`, `level`, `msg`, then the fields). Never a secret. */
export type Log = (level: 'info' | 'warn' | 'error', msg: string, fields?: Record<string, unknown>) => void;

/** The service's logger: JSON lines on stderr. */
export const logJson: Log = (level, msg, fields = {}) => {
  process.stderr.write(`${JSON.stringify({ ts: new Date().toISOString(), level, msg, ...fields })}\n`);
};
