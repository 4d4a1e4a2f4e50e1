import { readFile } from 'node:fs/promises';
import * as z from 'zod';
import * as contracts from '../core/contracts/index.js';
import type { AuthorityVerifier } from '../node/index.js';

const GrantsFileSchema = z.strictObject({
  grants: z.array(
    z.strictObject({
      ref: z.string().min(1),
      expires_at: z.iso.datetime({ offset: true }).optional(),
      note: z.string().optional(),
    }),
  ),
});

interface Grant {
  readonly expiresAt: number | null;
}

/**
 * The built-in authority verifier: vouches for the `authority_ref.ref` values listed in a grants
 * file (`{ "grants": [{ "ref": "grant://ci", "expires_at": "2030-01-01T00:00:00Z" }] }`), and for
 * nothing else. `reload()` (on SIGHUP) swaps the list in only when the whole new file is valid.
 */
export class StaticGrantVerifier implements AuthorityVerifier {
  readonly verifierId = 'execution-plane:static-grants:v1';
  readonly #file: string;
  #grants = new Map<string, Grant>();

  constructor(file: string) {
    this.#file = file;
  }

  get size(): number {
    return this.#grants.size;
  }

  /** Reads the grants file; on any problem the previous grants stay and the error says which. */
  async reload(): Promise<number> {
    let document: unknown;
    try {
      document = JSON.parse(await readFile(this.#file, 'utf8'));
    } catch (error) {
      throw new Error(`grants file ${this.#file}: ${(error as Error).message}`);
    }
    const parsed = GrantsFileSchema.safeParse(document);
    if (!parsed.success) {
      const problems = parsed.error.issues.map(
        (issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`,
      );
      throw new Error(`grants file ${this.#file}: ${problems.join('; ')}`);
    }
    this.#grants = new Map(
      parsed.data.grants.map((grant) => [
        grant.ref,
        { expiresAt: grant.expires_at === undefined ? null : Date.parse(grant.expires_at) },
      ]),
    );
    return this.#grants.size;
  }

  verify(ref: { readonly ref: string | null }) {
    const grant = ref.ref === null ? undefined : this.#grants.get(ref.ref);
    if (!grant) return refuse('authority_ref is not a known grant');
    if (grant.expiresAt !== null && grant.expiresAt <= Date.now()) return refuse('grant has expired');
    return { ok: true as const, claims: {} };
  }
}

function refuse(message: string) {
  return { ok: false as const, rejection: contracts.createRejection('authority_rejected', message) };
}
