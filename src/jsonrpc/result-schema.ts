import { ExecutionError } from '../core/errors.js';

/**
 * The Standard Schema contract (standardschema.dev), which zod 4 (classic and `zod/mini`),
 * valibot and arktype schemas implement: typing a result schema by it ties the engine to no one
 * schema library or build.
 */
export interface ResultSchema<Output = unknown> {
  readonly '~standard': {
    readonly version: 1;
    readonly vendor: string;
    readonly validate: (value: unknown) => SchemaResult<Output> | Promise<SchemaResult<Output>>;
    readonly types?: { readonly input: unknown; readonly output: Output } | undefined;
  };
}

type SchemaResult<Output> =
  | { readonly value: Output; readonly issues?: undefined }
  | { readonly issues: ReadonlyArray<SchemaIssue> };

interface SchemaIssue {
  readonly message: string;
  readonly path?: ReadonlyArray<PropertyKey | { readonly key: PropertyKey }> | undefined;
}

/**
 * Validates `method`'s result against `schema`: resolves with the schema's output, or rejects
 * with `INVALID_RESULT` naming the method and the first issue's path.
 */
export async function validateResult<T>(
  schema: ResultSchema<T>,
  result: unknown,
  method: string,
): Promise<T> {
  const checked = await schema['~standard'].validate(result);
  if (!checked.issues) return checked.value;
  const issue = checked.issues[0];
  const path = (issue?.path ?? [])
    .map((part) => String(typeof part === 'object' ? part.key : part))
    .join('.');
  const where = path === '' ? '(root)' : path;
  throw new ExecutionError(
    'INVALID_RESULT',
    `result of ${method} does not match its schema at \`${where}\`: ${issue?.message ?? 'invalid'}`,
    {
      failureClass: 'semantic_runtime_failed',
      details: { method, path: where, issues: checked.issues.length },
    },
  );
}
