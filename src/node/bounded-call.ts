/** How a bounded call to a host-supplied function ended. */
export type BoundedResult<T> =
  | { readonly kind: 'value'; readonly value: T }
  | { readonly kind: 'error'; readonly error: unknown }
  | { readonly kind: 'timeout' };

/**
 * Calls `fn` and waits at most `timeoutMs` for its answer. A synchronous answer costs no promise
 * and no timer; a throw or rejection becomes `error`. Verifiers are host code: whatever they do,
 * the node gets an answer in bounded time.
 */
export function boundedCall<T>(
  fn: () => T | PromiseLike<T>,
  timeoutMs: number,
): BoundedResult<T> | Promise<BoundedResult<T>> {
  let answer: T | PromiseLike<T>;
  try {
    answer = fn();
  } catch (error) {
    return { kind: 'error', error };
  }
  return settle(answer, timeoutMs);
}

/**
 * {@link boundedCall} of `host[method](arg)`, without a closure per call (admission asks the
 * authority verifier once per request).
 */
export function boundedMethod<M extends string, A, T>(
  host: { readonly [K in M]: (arg: A) => T | PromiseLike<T> },
  method: M,
  arg: A,
  timeoutMs: number,
): BoundedResult<T> | Promise<BoundedResult<T>> {
  let answer: T | PromiseLike<T>;
  try {
    answer = host[method](arg);
  } catch (error) {
    return { kind: 'error', error };
  }
  return settle(answer, timeoutMs);
}

function settle<T>(
  answer: T | PromiseLike<T>,
  timeoutMs: number,
): BoundedResult<T> | Promise<BoundedResult<T>> {
  if (!isThenable(answer)) return { kind: 'value', value: answer };
  const pending = answer;
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve({ kind: 'timeout' }), timeoutMs);
    try {
      pending.then(
        (value) => {
          clearTimeout(timer);
          resolve({ kind: 'value', value });
        },
        (error: unknown) => {
          clearTimeout(timer);
          resolve({ kind: 'error', error });
        },
      );
    } catch (error) {
      clearTimeout(timer);
      resolve({ kind: 'error', error });
    }
  });
}

/** True for anything with a callable `then`. */
export function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    typeof value === 'object' && value !== null && typeof (value as PromiseLike<unknown>).then === 'function'
  );
}
