// Every lane module reaches this one, so in dist/ the chunk holding it (or a chunk it imports
// first) runs the Node.js version guard before any chunk's own third-party imports (execa, ws …):
// the barrels' guard import alone lands in a leaf chunk an entry may import last.
import '../internal/runtime-guard.js';
import type { ErrorCode } from './error-codes.js';
import type { FailureClass } from './failure-class.js';

const BRAND = Symbol.for('execution-plane.error');

/** Constructor fields of {@link ExecutionError}. */
export interface ExecutionErrorInit {
  /** Failure class when the error describes an execution failure. */
  readonly failureClass?: FailureClass | undefined;
  /** Structured, JSON-safe facts; never secret values. */
  readonly details?: Readonly<Record<string, unknown>> | undefined;
  /** The underlying error, kept for debugging. */
  readonly cause?: unknown;
}

/**
 * The one root error of execution-plane. Local failures (bad options, timeouts, closed channels,
 * failed executions) are ExecutionErrors with a string `code`; a peer's protocol error (a JSON-RPC
 * error response) is a separate class.
 *
 * `instanceof` works across bundled copies of this package through a `Symbol.for` brand.
 *
 * @example
 * try { await execution.output(); } catch (error) {
 *   if (isExecutionError(error) && error.code === 'TIMEOUT') retryLater();
 * }
 */
export class ExecutionError extends Error {
  /** Stable machine-readable code. */
  readonly code: ErrorCode;
  /** Failure class, when the error stands for a failed execution. */
  readonly failureClass: FailureClass | undefined;
  /** Structured facts (option name, limit, status …). */
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: ErrorCode, message: string, init: ExecutionErrorInit = {}) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'ExecutionError';
    this.code = code;
    this.failureClass = init.failureClass;
    this.details = init.details ?? {};
  }

  /** Brand check so copies of this class from different bundles recognise each other. */
  static override [Symbol.hasInstance](value: unknown): boolean {
    // Subclasses keep ordinary prototype checks; only the root is widened to the brand.
    // biome-ignore lint/complexity/noThisInStatic: `this` is the subclass being tested against.
    if (this !== ExecutionError) return Function.prototype[Symbol.hasInstance].call(this, value);
    return isExecutionError(value);
  }

  get [BRAND](): true {
    return true;
  }
}

/** True for any {@link ExecutionError}, including one created by another bundled copy. */
export function isExecutionError(value: unknown): value is ExecutionError {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
}

/**
 * Shorthand for the `INVALID_OPTIONS` error raised before any I/O; `suggestion` is the nearest
 * known key when `option` is an unknown one.
 */
export function invalidOptions(
  option: string,
  expected: string,
  received: string,
  entry?: string,
  suggestion?: string,
): ExecutionError {
  const where = entry ? ` for ${entry}` : '';
  const hint = suggestion ? ` (did you mean \`${suggestion}\`?)` : '';
  return new ExecutionError(
    'INVALID_OPTIONS',
    `Invalid option \`${option}\`${where}: expected ${expected}, got ${received}${hint}`,
    { details: { option, expected, received, ...(suggestion ? { suggestion } : {}) } },
  );
}
