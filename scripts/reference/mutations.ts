import {
  deepValues,
  EVIDENCE_VALUES,
  GENERIC_VALUES,
  INTEGER_VALUES,
  KEY_VALUES,
  TIMESTAMP_VALUES,
  VERSION_VALUES,
} from './mutation-values.js';
import { RawJson, type Tree } from './raw-json.js';

/** One change to a contract's JSON tree at `path` (dot-joined keys and list indexes). */
export type Mutation = { id: string; path: string; apply: (tree: Tree) => Tree };

type Container = { [key: string]: Tree } | Tree[];
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T/;
const LINEAGE_KEYS = [
  'tenant_id',
  'trace_id',
  'request_id',
  'decision_id',
  'boundary_session_id',
  'attempt_ref',
  'route_id',
  'event_id',
  'idempotency_key',
];

/** Every single mutation of `base`: each field dropped, nulled, retyped, and so on. */
export function mutationsFor(base: Tree, tag: string): Mutation[] {
  const out: Mutation[] = [];
  const evidence = /Evidence|NoBypass|NoEgress/.test(tag);
  for (const [segments, value] of walk(base, [])) {
    const path = segments.join('.');
    const set = (label: string, v: Tree) => out.push(setAt(segments, label, v));
    if (segments.length > 0) out.push(dropAt(segments));
    for (const [label, v] of GENERIC_VALUES) set(label, v);
    if (typeof value === 'number' && Number.isInteger(value)) for (const [l, v] of INTEGER_VALUES) set(l, v);
    if (typeof value === 'string' && TIMESTAMP.test(value))
      for (const [i, t] of TIMESTAMP_VALUES.entries()) set(`ts${i}:${t}`, t);
    if (evidence) for (const [label, v] of EVIDENCE_VALUES) set(label, v);
    if (path === 'contract_version') for (const [label, v] of VERSION_VALUES) set(label, v);
    if (value !== null && typeof value === 'object' && !(value instanceof RawJson)) {
      if (segments.length <= 1) for (const [label, v] of deepValues()) set(label, v);
      set('unicode-keys', Object.fromEntries(KEY_VALUES.map((k) => [k, k])));
      set('unicode-list', [...KEY_VALUES]);
      if (!Array.isArray(value)) {
        for (const key of ['unknown_field', '😀', '__proto__']) out.push(addKey(segments, key));
        if (segments.at(-1) === 'lineage') out.push(...lineageDefects(segments));
      }
    }
  }
  if (!(base && typeof base === 'object' && 'contract_version' in base)) {
    for (const [label, v] of VERSION_VALUES) out.push(setAt(['contract_version'], label, v));
  }
  return out;
}

function lineageDefects(segments: string[]): Mutation[] {
  const path = segments.join('.');
  const bad: Array<[string, (l: { [key: string]: Tree }) => void]> = [
    ['two-unknown', (l) => Object.assign(l, { zeta: 'x', alpha: 'y' })],
    ['three-unknown', (l) => Object.assign(l, { m_key: 'x', b_key: 'y', y_key: 'z' })],
    ['two-null', (l) => Object.assign(l, { trace_id: null, attempt_ref: null })],
    ['three-bad', (l) => Object.assign(l, { tenant_id: 1, route_id: '', decision_id: true })],
    ['bad-and-unknown', (l) => Object.assign(l, { tenant_id: 1, aaa: 'x' })],
    [
      'all-missing',
      (l) => {
        for (const k of LINEAGE_KEYS) delete l[k];
      },
    ],
    [
      'only-request',
      (l) => {
        for (const k of LINEAGE_KEYS) if (k !== 'request_id') delete l[k];
      },
    ],
    ['bad-extensions', (l) => Object.assign(l, { extensions: 'x', tenant_id: null })],
  ];
  return bad.map(([label, change]) => ({
    id: `${path}:lineage-${label}`,
    path,
    apply: (tree) => {
      const lineage = get(tree, segments);
      if (lineage && typeof lineage === 'object' && !Array.isArray(lineage))
        change(lineage as { [key: string]: Tree });
      return tree;
    },
  }));
}

function* walk(value: Tree, segments: string[]): Generator<[string[], Tree]> {
  yield [segments, value];
  if (value === null || typeof value !== 'object' || value instanceof RawJson) return;
  if (Array.isArray(value)) {
    for (let i = 0; i < Math.min(value.length, 2); i++)
      yield* walk(value[i] as Tree, [...segments, String(i)]);
  } else for (const [k, v] of Object.entries(value)) yield* walk(v, [...segments, k]);
}

function get(tree: Tree, segments: string[]): Tree | undefined {
  let at: Tree | undefined = tree;
  for (const s of segments) at = at && typeof at === 'object' ? (at as Record<string, Tree>)[s] : undefined;
  return at;
}

function setAt(segments: string[], label: string, value: Tree): Mutation {
  const path = segments.join('.');
  return {
    id: `${path || '$'}:${label}`,
    path,
    apply: (tree) => {
      if (segments.length === 0) return value;
      const parent = get(tree, segments.slice(0, -1)) as Container;
      Object.defineProperty(parent, segments.at(-1) as string, {
        value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
      return tree;
    },
  };
}

function dropAt(segments: string[]): Mutation {
  const path = segments.join('.');
  return {
    id: `${path}:drop`,
    path,
    apply: (tree) => {
      const parent = get(tree, segments.slice(0, -1)) as Container;
      const key = segments.at(-1) as string;
      if (Array.isArray(parent)) parent.splice(Number(key), 1);
      else delete parent[key];
      return tree;
    },
  };
}

function addKey(segments: string[], key: string): Mutation {
  const inner = setAt([...segments, key], 'add', 'extra');
  return { ...inner, id: `${segments.join('.') || '$'}:add-key:${key}`, path: segments.join('.') };
}
