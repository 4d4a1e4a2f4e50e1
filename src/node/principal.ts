import type { RuntimeClient, TargetClient } from '../core/contracts/boundary/boundary-interfaces.js';

/**
 * Who acts on an execution. Every execution started through a node server belongs to the
 * principal of the connection that started it; only that principal — or one named in
 * `serveNode`'s `operators` — may cancel it. In-process callers of the node act as the node's
 * owner and reach every execution.
 */
export interface Principal {
  /** The authenticator's name for the peer, or a fresh `conn-…` id for an anonymous connection. */
  readonly id: string;
  /** May act on every execution (named in `operators`). */
  readonly operator: boolean;
}

/** A node's runtime-client and target roles, as seen by one principal. */
export interface PrincipalView {
  readonly client: RuntimeClient;
  readonly target: TargetClient;
}

// A symbol, not a public method: the view is for the node's own server, not a user-facing API.
const AS_PRINCIPAL = Symbol.for('execution-plane.node.asPrincipal');

/** A node that can scope its roles to a principal (every node `createNode` makes). */
export interface PrincipalScoped {
  [AS_PRINCIPAL](principal: Principal): PrincipalView;
}

/** Installs `view` as `target`'s principal scoping (called by the node on itself). */
export function definePrincipalView(target: object, view: (principal: Principal) => PrincipalView): void {
  Object.defineProperty(target, AS_PRINCIPAL, { value: view });
}

/**
 * `node`'s roles scoped to `principal`, or `undefined` for a node that cannot scope (a
 * `RuntimeNode` of your own, which then enforces its own rules).
 */
export function viewAs(node: object, principal: Principal): PrincipalView | undefined {
  const scoped = (node as Partial<PrincipalScoped>)[AS_PRINCIPAL];
  return typeof scoped === 'function' ? scoped.call(node, principal) : undefined;
}

/** Whether `principal` (`null`: the in-process caller) may act on an execution owned by `owner`. */
export function mayActOn(owner: string | null, principal: Principal | null): boolean {
  return principal === null || principal.operator || owner === principal.id;
}
