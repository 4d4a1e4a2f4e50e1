import { nest, RawJson, type Tree } from './raw-json.js';

/** Replacement values tried at every field: drop is separate; these replace the value. */
export const GENERIC_VALUES: ReadonlyArray<readonly [string, Tree]> = [
  ['null', null],
  ['true', true],
  ['false', false],
  ['zero', 0],
  ['negative', -1],
  ['float', 1.5],
  ['string', 'x'],
  ['empty-string', ''],
  ['blank-string', ' '],
  ['unicode-string', 'é😀！ａ'],
  ['nul-string', '\u0000'],
  ['long-string', 'y'.repeat(600)],
  ['opaque-ref', 'urn:x'],
  ['uri-ref', 'ref://z'],
  ['empty-list', []],
  ['string-list', ['a', 'b']],
  ['mixed-list', ['a', 1, null]],
  ['list-with-empty', ['']],
  ['empty-map', {}],
  ['map', { k: 'v' }],
  ['lone-high-surrogate', '\ud800'],
  ['lone-low-surrogate', 'a\udc00'],
  ['big-int', new RawJson('18446744073709551616')],
];

/** Tried where the base value is an integer. */
export const INTEGER_VALUES: ReadonlyArray<readonly [string, Tree]> = [
  ['int-1.0', new RawJson('1.0')],
  ['int-1e2', new RawJson('1e2')],
  ['int-1E2', new RawJson('1E2')],
  ['int-0.0', new RawJson('0.0')],
  ['int-minus-0', new RawJson('-0')],
  ['int-2^53', new RawJson('9007199254740992')],
  ['int-2^53+1', new RawJson('9007199254740993')],
  ['int-2^64', new RawJson('18446744073709551616')],
  ['int-huge', new RawJson('123456789012345678901234567890')],
  ['int-neg-big', new RawJson('-9007199254740993')],
  ['int-max-safe', Number.MAX_SAFE_INTEGER],
  ['int-one', 1],
  ['int-string', '5'],
  ['int-1e400', new RawJson('1e400')],
];

/** Tried where the base value is a timestamp. */
export const TIMESTAMP_VALUES: readonly string[] = [
  '2026-04-10T12:00:00Z',
  '2026-04-10T12:00:00+0100',
  '2026-04-10T12:00:00+01',
  '2026-04-10T12:00:00,5Z',
  '2026-04-10T12:00:00.5Z',
  '2026-04-10T12:00:00.123456789Z',
  '+2026-04-10T12:00:00Z',
  '-2026-04-10T12:00:00Z',
  '2026-04-10T12:00:00-00:00',
  '2026-04-10T12:00:00+00:00',
  '2026-04-10T12:00:00-0000',
  '2026-04-10T12:00:00+00',
  '2026-04-10T12:00:00-00',
  '2026-04-10 12:00:00Z',
  '2026-04-10t12:00:00z',
  '2026-04-10T12:00Z',
  '2026-04-10T12:00:00',
  '2026-04-10',
  '2026-04-10T24:00:00Z',
  '2026-04-10T12:00:60Z',
  '2026-02-29T00:00:00Z',
  '2024-02-29T00:00:00Z',
  '2026-13-01T00:00:00Z',
  '2026-04-31T00:00:00Z',
  '2026-04-10T12:00:00+24:00',
  '2026-04-10T12:00:00+23:59',
  '2026-04-10T12:00:00+01:60',
  '2026-04-10T12:00:00.Z',
  '2026-04-10T12:00:00,Z',
  '20260410T120000Z',
  '0000-01-01T00:00:00Z',
  '9999-12-31T23:59:59Z',
  '+12026-04-10T12:00:00Z',
  ' 2026-04-10T12:00:00Z',
  '2026-04-10T12:00:00Z ',
  '2026-04-10T12:00:00+01:00:00',
  '2026-4-10T12:00:00Z',
  '２０２６-04-10T12:00:00Z',
  '2026-04-10T12:00:00.1234567890123Z',
  '-0001-01-01T00:00:00Z',
  '2026-04-10T12:00:00+05:30',
  '2026-04-10T12:00:00-1200',
];

/** Keys that sort differently by UTF-16 units and by UTF-8 bytes, plus plain ones. */
export const KEY_VALUES: readonly string[] = ['😀', '！', 'ａ', 'é', 'z', 'A', '_', '\u007f', 'ﬀ', '𝒜'];

/** Values that nest 250–260 levels deep (the depth limit is 256). */
export function deepValues(): Array<readonly [string, Tree]> {
  const out: Array<readonly [string, Tree]> = [];
  for (const levels of [250, 252, 253, 254, 255, 256, 257, 260]) {
    out.push([`deep-map-${levels}`, nest(levels, 'map')]);
    out.push([`deep-list-${levels}`, nest(levels, 'list')]);
  }
  return out;
}

/** Values that only the raw-evidence scans care about. */
export const EVIDENCE_VALUES: ReadonlyArray<readonly [string, Tree]> = [
  ['raw-prompt', 'a raw prompt here'],
  ['sk-live', 'sk-live-abc'],
  ['map-prompt', { prompt: 'p' }],
  ['map-two-findings', { z_secret: 1, body: 'b', api_key: 'k' }],
  ['map-upper', { Authorization: 'x' }],
];

/** Values tried for `contract_version`. */
export const VERSION_VALUES: ReadonlyArray<readonly [string, Tree]> = [
  ['v-int-1', 1],
  ['v-1.0', new RawJson('1.0')],
  ['v-upper', 'EXECUTION_ROUTE.V1'],
  ['v-v2', 'execution_route.v2'],
  ['v-other', 'authority_decision.v1'],
  ['v-space', ' '],
];
