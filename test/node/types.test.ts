/**
 * Type-level tests of `execution-plane/node` (checked by `npm run typecheck`; the runtime halves
 * prove the same exactness at run time): options are exact named interfaces, the code union is
 * closed, results and verdicts have the documented types.
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import type * as z from 'zod/mini';
import type {
  AdmissionRequestInput as CoreAdmissionRequestInput,
  RuntimeClient as CoreRuntimeClient,
  ExecutionStream,
  TargetClient,
  Verdict,
} from '../../src/core/contracts/boundary/boundary-interfaces.js';
import type { ExecutionResult } from '../../src/core/contracts/boundary/execution-result.js';
import type { TargetDescriptor } from '../../src/core/contracts/boundary/target-descriptor.js';
import {
  type AdmissionRequestInput,
  createNode,
  type NodeErrorCode,
  type NodeOptions,
  type NodeServer,
  type RemoteClientOptions,
  RemoteRuntimeClient,
  type RuntimeClient,
  type RuntimeNode,
  type ServeNodeOptions,
  serveNode,
  sharedTokenAuthenticator,
} from '../../src/node/index.js';
import type { NodeOptionsSchema } from '../../src/node/node-options.js';
import type { RemoteClientOptionsSchema } from '../../src/node/remote-options.js';
import type { ServeNodeOptionsSchema } from '../../src/node/serve-node-options.js';

// Both directions assignable: the interface and its schema's input accept the same keys and values.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

describe('node types', () => {
  it('option interfaces match the schemas that validate them', () => {
    expectTypeOf<Same<NodeOptions, z.input<typeof NodeOptionsSchema>>>().toEqualTypeOf<true>();
    expectTypeOf<
      Same<RemoteClientOptions, z.input<typeof RemoteClientOptionsSchema>>
    >().toEqualTypeOf<true>();
    expectTypeOf<Same<ServeNodeOptions, z.input<typeof ServeNodeOptionsSchema>>>().toEqualTypeOf<true>();
  });

  it('options are exact: an unknown key is a compile-time error and INVALID_OPTIONS at run time', async () => {
    // @ts-expect-error `maxInflight` is not an option (did you mean `maxInFlight`?)
    expect(() => createNode({ maxInflight: 1 })).toThrow(/did you mean `maxInFlight`/);
    // @ts-expect-error `tokn` is not an option
    expect(() => new RemoteRuntimeClient('ws://127.0.0.1:1/', { tokn: 'x' })).toThrow(/did you mean `token`/);
    const node = createNode();
    const authenticate = sharedTokenAuthenticator('t');
    // @ts-expect-error `prot` is not an option
    await expect(serveNode(node, { authenticate, prot: 0 })).rejects.toThrow(/did you mean `port`/);
    // @ts-expect-error `authenticate` is required
    await expect(serveNode(node, {})).rejects.toThrow(/authenticate/);
    // @ts-expect-error durations are numbers of milliseconds
    expect(() => createNode({ verifierTimeoutMs: '5s' })).toThrow(/verifierTimeoutMs/);
    await node.close();
  });

  it('the code union is closed and holds the node codes', () => {
    expectTypeOf<'AUTHENTICATION_FAILED'>().toExtend<NodeErrorCode>();
    expectTypeOf<'REMOTE_DISCONNECT'>().toExtend<NodeErrorCode>();
    expectTypeOf<'CONNECT_FAILED'>().toExtend<NodeErrorCode>();
    expectTypeOf<'SESSION_ENDED'>().toExtend<NodeErrorCode>();
    expectTypeOf<'INVALID_OPTIONS'>().toExtend<NodeErrorCode>();
    // @ts-expect-error a code of another lane is not a node code
    const other: NodeErrorCode = 'HTTP_STATUS';
    expect(other).toBe('HTTP_STATUS');
  });

  it('the re-exported boundary types are core’s own', () => {
    expectTypeOf<RuntimeClient>().toEqualTypeOf<CoreRuntimeClient>();
    expectTypeOf<AdmissionRequestInput>().toEqualTypeOf<CoreAdmissionRequestInput>();
    expectTypeOf<RuntimeNode>().toExtend<RuntimeClient>();
    expectTypeOf<RemoteRuntimeClient>().toExtend<RuntimeClient>();
  });

  it('results and verdicts', () => {
    expectTypeOf<RuntimeNode['execute']>().returns.toEqualTypeOf<Promise<ExecutionResult>>();
    expectTypeOf<RuntimeNode['stream']>().returns.toEqualTypeOf<
      Promise<Verdict<'events', ExecutionStream>>
    >();
    expectTypeOf<RuntimeNode['connectTarget']>().parameters.toEqualTypeOf<
      [attestation: unknown, client?: TargetClient]
    >();
    expectTypeOf<RuntimeNode['connectTarget']>().returns.toEqualTypeOf<
      Promise<Verdict<'descriptor', TargetDescriptor>>
    >();
    expectTypeOf<RemoteRuntimeClient['ready']>().returns.toEqualTypeOf<Promise<void>>();
    expectTypeOf(serveNode).returns.toEqualTypeOf<Promise<NodeServer>>();
    expectTypeOf(createNode).parameters.toEqualTypeOf<[options?: NodeOptions]>();
  });

  it('issue #11 options: principals, operators, handshake limits, secrets', async () => {
    type Authenticate = ServeNodeOptions['authenticate'];
    expectTypeOf<() => 'alice'>().toExtend<Authenticate>();
    expectTypeOf<() => Promise<boolean>>().toExtend<Authenticate>();
    expectTypeOf<() => number>().not.toExtend<Authenticate>();
    const node = createNode({ secrets: ['a-long-enough-secret'] });
    const authenticate = sharedTokenAuthenticator('t');
    // @ts-expect-error durations are numbers of milliseconds
    await expect(serveNode(node, { authenticate, handshakeTimeoutMs: '5s' })).rejects.toThrow(
      /handshakeTimeoutMs/,
    );
    await expect(serveNode(node, { authenticate, maxPendingPerAddress: 0 })).rejects.toThrow(
      /maxPendingPerAddress/,
    );
    // @ts-expect-error operators are principal names
    await expect(serveNode(node, { authenticate, operators: 'ops' })).rejects.toThrow(/operators/);
    // @ts-expect-error secrets are strings
    expect(() => createNode({ secrets: [42] })).toThrow(/secrets/);
    // A secret too short to scrub is refused, and the message withholds it.
    expect(() => createNode({ secrets: ['xyz'] })).toThrow(/secrets/);
    expect(() => createNode({ secrets: ['xyz'] })).not.toThrow(/xyz/);
    await node.close();
  });
});
