import type { ZodMiniType } from 'zod/mini';

// zod keeps a schema's definition in `_zod.def`; only the few fields read here are typed.
interface Def {
  readonly type: string;
  readonly shape?: Record<string, ZodMiniType>;
  readonly innerType?: ZodMiniType;
  readonly in?: ZodMiniType;
  readonly element?: ZodMiniType;
  readonly options?: readonly ZodMiniType[];
  readonly values?: readonly unknown[];
  readonly valueType?: ZodMiniType;
}

const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'readonly', 'nonoptional', 'catch']);

function defOf(schema: ZodMiniType): Def {
  let def = (schema as unknown as { _zod: { def: Def } })._zod.def;
  // Look through wrappers and pipes to the schema that decides the shape.
  for (let i = 0; i < 16; i++) {
    const inner = WRAPPERS.has(def.type) ? def.innerType : def.type === 'pipe' ? def.in : undefined;
    if (!inner) break;
    def = (inner as unknown as { _zod: { def: Def } })._zod.def;
  }
  return def;
}

/** The schema found at `path` inside `schema`, or `undefined` where the path leaves known shapes. */
export function schemaAt(schema: ZodMiniType, path: ReadonlyArray<PropertyKey>): ZodMiniType | undefined {
  let current: ZodMiniType | undefined = schema;
  for (const key of path) {
    if (!current) return undefined;
    const def = defOf(current);
    if (def.type === 'object') current = def.shape?.[String(key)];
    else if (def.type === 'array') current = def.element;
    else if (def.type === 'record') current = def.valueType;
    else return undefined;
  }
  return current;
}

/** The keys an object schema knows (through wrappers); empty for anything else. */
export function knownKeys(schema: ZodMiniType | undefined): string[] {
  if (!schema) return [];
  const def = defOf(schema);
  return def.type === 'object' && def.shape ? Object.keys(def.shape) : [];
}

/**
 * A short rendering of what a schema accepts, for "expected" in messages:
 * `string`, `"local"`, `{ kind: "ssh", … }`, `string[]`.
 */
export function describeShape(schema: ZodMiniType, depth = 0): string {
  const def = defOf(schema);
  switch (def.type) {
    case 'literal':
    case 'enum':
      return (def.values ?? Object.values((def as { entries?: object }).entries ?? {}))
        .map((v) => JSON.stringify(v))
        .join(' | ');
    case 'object': {
      const shape = def.shape ?? {};
      const literal = Object.entries(shape).find(([, s]) => defOf(s).type === 'literal');
      if (literal && depth < 2) return `{ ${literal[0]}: ${describeShape(literal[1], depth + 1)}, … }`;
      const keys = Object.keys(shape).slice(0, 3);
      return keys.length
        ? `{ ${keys.join(', ')}${Object.keys(shape).length > 3 ? ', …' : ''} }`
        : 'an object';
    }
    case 'array':
      return def.element && depth < 2 ? `${describeShape(def.element, depth + 1)}[]` : 'an array';
    case 'union':
      return (def.options ?? []).map((o) => describeShape(o, depth + 1)).join(' | ');
    case 'custom':
      return 'a value of the documented type';
    default:
      return def.type;
  }
}
