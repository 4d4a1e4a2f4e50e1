import {
  type AdmissionRequest,
  AdmissionRequestSchema,
} from '../core/contracts/boundary/admission-request.js';
import { decodeBoundary } from '../core/contracts/boundary/boundary-codec.js';
import {
  copyJsonMap,
  copyJsonValue,
  isPlainMap,
  type JsonMap,
} from '../core/contracts/primitives/json-value.js';
import { stableId } from '../internal/ids.js';

/**
 * Decodes an admission request exactly as `decodeBoundary(AdmissionRequestSchema, input)` does,
 * without the schema for the common form: a plain object whose fields are plain strings, maps and
 * lists. Anything else — JSON text, a float version, a wrong type, a getter that throws, a
 * placement — goes through the schema, so every refusal and its message come from the schema
 * alone. `test/node/decode-request.test.ts` holds both paths to the same answers.
 */
export function decodeAdmissionRequest(input: unknown): AdmissionRequest {
  let fast: AdmissionRequest | undefined;
  try {
    fast = fastRequest(input);
  } catch {
    fast = undefined;
  }
  return fast ?? decodeBoundary(AdmissionRequestSchema, input);
}

// `undefined` says "ask the schema"; the shapes built here follow the schema's field order.
const NO = undefined;
type Maybe<T> = T | undefined;

/** The schema-free path alone (`undefined`: the schema decides); exported for its test. */
export function fastRequest(input: unknown): Maybe<AdmissionRequest> {
  if (!isPlainMap(input)) return NO;
  const v = input;
  const version = versionOf(v.contract_version);
  const requestId = v.request_id ?? null;
  const laneId = v.lane_id;
  const operation = v.operation ?? null;
  if (version === NO || !(requestId === null || isId(requestId)) || !isId(laneId)) return NO;
  if (!(operation === null || isText(operation))) return NO;
  const payload = mapOf(v.payload, 'payload');
  const authority =
    v.authority_ref === undefined || v.authority_ref === null ? null : authorityOf(v.authority_ref);
  const sandbox =
    v.sandbox_profile === undefined || v.sandbox_profile === null ? null : sandboxOf(v.sandbox_profile);
  const attestation = attestationOf(v.acceptable_attestation);
  const constraints = v.constraints ?? [];
  const provenance = provenanceOf(v.provenance);
  const metadata = mapOf(v.metadata, 'metadata');
  if (payload === NO || authority === NO || sandbox === NO || attestation === NO) return NO;
  if (provenance === NO || metadata === NO || (v.placement !== undefined && v.placement !== null)) return NO;
  if (!Array.isArray(constraints) || constraints.length > 0) return NO;
  return {
    contract_version: version,
    request_id: requestId ?? mintRequestId(),
    lane_id: laneId,
    operation,
    payload,
    authority_ref: authority,
    sandbox_profile: sandbox,
    acceptable_attestation: attestation,
    placement: null,
    constraints: [],
    provenance,
    metadata,
  } as AdmissionRequest;
}

// The last request id this decoder minted (`adm-<ms>-<n>`: letters, digits and dashes).
let lastMinted: string | undefined;

function mintRequestId(): string {
  lastMinted = stableId('adm');
  return lastMinted;
}

/**
 * Whether `id` is the request id the decoder minted last, for a request that gave none: the
 * redaction policy leaves such an id as it is when no secret is listed (its characters hold no
 * pair, no scheme and no space), so evidence need not ask it.
 */
export function isMintedRequestId(id: string | null): boolean {
  return id !== null && id === lastMinted;
}

const isText = (value: unknown): value is string => typeof value === 'string' && value.isWellFormed();
const isId = (value: unknown): value is string => isText(value) && value !== '';
const looseText = (value: unknown): Maybe<string | null> =>
  value === undefined || value === null ? null : isText(value) ? value : NO;

// A float version (`1.0` read from JSON text) or a bigint is the schema's to render.
function versionOf(value: unknown): Maybe<number | string> {
  if (value === undefined) return 1;
  return typeof value === 'number' || typeof value === 'string' ? value : NO;
}

function mapOf(value: unknown, field: string): Maybe<JsonMap> {
  if (value === undefined || value === null) return {};
  return isPlainMap(value) ? copyJsonMap(value, field) : NO;
}

// One literal, not a loop adding keys: the object gets its final shape at once.
function authorityOf(value: unknown) {
  if (!isPlainMap(value)) return NO;
  const version = versionOf(value.contract_version);
  const ref = looseText(value.ref);
  const payloadHash = looseText(value.payload_hash);
  const audience = looseText(value.audience);
  const issuedAt = looseText(value.issued_at);
  const expiresAt = looseText(value.expires_at);
  if (version === NO || ref === NO || payloadHash === NO || audience === NO) return NO;
  if (issuedAt === NO || expiresAt === NO) return NO;
  const metadata = mapOf(value.metadata, 'metadata');
  if (metadata === NO) return NO;
  return {
    contract_version: version,
    ref,
    payload_hash: payloadHash,
    audience,
    issued_at: issuedAt,
    expires_at: expiresAt,
    metadata,
  };
}

function sandboxOf(value: unknown) {
  if (!isPlainMap(value)) return NO;
  const version = versionOf(value.contract_version);
  const profileRef = looseText(value.profile_ref);
  const bundleHash = looseText(value.bundle_hash);
  const bundle =
    value.opaque_bundle === undefined ? null : copyJsonValue(value.opaque_bundle, 'opaque_bundle');
  const metadata = mapOf(value.metadata, 'metadata');
  if (version === NO || profileRef === NO || bundleHash === NO || metadata === NO) return NO;
  return {
    contract_version: version,
    profile_ref: profileRef,
    bundle_hash: bundleHash,
    opaque_bundle: bundle,
    metadata,
  };
}

function attestationOf(value: unknown) {
  if (value === undefined) return { contract_version: 1, classes: [], priority_order: [] };
  if (!isPlainMap(value)) return NO;
  const classes = textList(value.classes ?? []);
  const priority = value.priority_order ?? null;
  const order = priority === null ? null : textList(priority);
  if (classes === NO || order === NO) return NO;
  const unique = uniqueOf(classes);
  // Two lists the caller may change apart: without a priority order, a copy of the classes.
  return {
    contract_version: 1,
    classes: unique,
    priority_order: order === null ? unique.slice() : uniqueOf(order),
  };
}

// Duplicates dropped, first occurrence kept, of a list made here; lists of one (the common case)
// are their own answer.
const uniqueOf = (list: string[]): string[] => (list.length < 2 ? list : [...new Set(list)]);

function textList(value: unknown): Maybe<string[]> {
  if (!Array.isArray(value)) return NO;
  const out: string[] = [];
  for (let i = 0; i < value.length; i++) {
    const item: unknown = value[i];
    if (!isText(item)) return NO;
    out.push(item);
  }
  return out;
}

/**
 * The provenance of a request that gives none, shared by all of them: frozen, like every
 * provenance once dispatched, so its redacted form is worked out once (`redact-results.ts`).
 */
export const DEFAULT_PROVENANCE = Object.freeze({
  contract_version: 1,
  kind: 'node_admitted',
  owner: null,
  admission_ref: null,
  details: Object.freeze({}),
});

// The provenance a caller repeats (one owner calling again and again): an equal provenance
// without details decodes to the frozen object of the last such request, so its redacted copies
// (`execution.started`, results) are made once, not per request. One entry: nothing to bound.
let lastProvenance: AdmissionRequest['provenance'] | undefined;

/**
 * Whether `provenance` is one of the frozen provenance objects requests share (the default, or
 * the last repeated one): its redacted copy may be kept with it.
 */
export function isSharedProvenance(provenance: object): boolean {
  return provenance === DEFAULT_PROVENANCE || provenance === lastProvenance;
}

function provenanceOf(value: unknown) {
  if (value === undefined) return DEFAULT_PROVENANCE;
  if (!isPlainMap(value)) return NO;
  const version = versionOf(value.contract_version);
  const kind = looseText(value.kind);
  const owner = looseText(value.owner);
  const admissionRef = looseText(value.admission_ref);
  if (version === NO || kind === NO || owner === NO || admissionRef === NO) return NO;
  if (value.details === undefined || value.details === null || isEmptyMap(value.details)) {
    const last = lastProvenance;
    if (
      last !== undefined &&
      last.contract_version === version &&
      last.kind === (kind ?? 'node_admitted') &&
      last.owner === owner &&
      last.admission_ref === admissionRef
    ) {
      return last;
    }
    const shared = Object.freeze({
      contract_version: version,
      kind: kind ?? 'node_admitted',
      owner,
      admission_ref: admissionRef,
      details: Object.freeze({}),
    }) as AdmissionRequest['provenance'];
    lastProvenance = shared;
    return shared;
  }
  const details = mapOf(value.details, 'details');
  if (details === NO) return NO;
  return {
    contract_version: version,
    kind: kind ?? 'node_admitted',
    owner,
    admission_ref: admissionRef,
    details,
  };
}

function isEmptyMap(value: unknown): boolean {
  if (!isPlainMap(value)) return false;
  for (const key in value) if (Object.hasOwn(value, key)) return false;
  return true;
}
