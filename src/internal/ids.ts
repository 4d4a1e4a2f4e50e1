let counter = 0;

/**
 * `<prefix>-<unix ms>-<n>`: unique within the process and sortable by creation time, like the
 * reference's stable ids (`exec-…`, `adm-…`, `ev-…`).
 */
export function stableId(prefix: string): string {
  counter = (counter + 1) % Number.MAX_SAFE_INTEGER;
  return `${prefix}-${Date.now()}-${counter}`;
}
