import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { isExecutionError } from '../../src/core/index.js';
import { request } from '../../src/http/index.js';
import { stream } from '../../src/sse/index.js';
import { closedPort, collect } from '../fixtures/http/collect.js';
import { startForwardProxy } from '../fixtures/http/forward-proxy.js';
import { serve, type TestServer } from '../fixtures/http/serve.js';
import { formatEvent, openStream } from '../fixtures/sse/serve-events.js';

// Planted secrets, one per field a caller can set. Distinct, none a substring of another.
const S = {
  path: 'zqPATHsecret01',
  pathOdd: 'zq p/ss+wörd02',
  query: 'zqQUERYsecret03',
  queryCredential: 'zqQUERYCREDsecret04',
  userinfo: 'zqUSERINFOsecret05',
  authorization: 'zqBEARERsecret06',
  xAuthToken: 'zqXAUTHTOKENsecret07',
  apiKey: 'zqAPIKEYsecret08',
  googApiKey: 'zqGOOGAPIKEYsecret09',
  privateToken: 'zqPRIVATETOKENsecret10',
  amzSecurityToken: 'zqAMZSECTOKENsecret11',
  cookie: 'zqCOOKIEsecret12',
  proxyAuthorization: 'zqPROXYAUTHsecret13',
  xApiKey: 'zqXAPIKEYsecret14',
  vendorId: 'zqVENDORIDsecret15',
  plainHeader: 'zqPLAINHEADERsecret16',
  body: 'zqBODYsecret17',
  echoedOnly: 'zqECHOEDONLYsecret18',
  lastEventId: 'zqLASTEVENTIDsecret19',
  sseBody: 'zqSSEBODYsecret20',
  badHeaderValue: 'zqBADHEADERsecret21',
  badCredentialHeader: 'zqBADCREDHEADERsecret22',
  badUrl: 'zqBADURLsecret23',
  badMethod: 'zqBADMETHODsecret24',
  shortListed: 'zqSECRETSOPTIONsecret25',
  sessionCookie: 'zqSETCOOKIEsecret26',
  proxyPassword: 'zqPROXYPASSsecret27',
  badProxyPassword: 'zqBADPROXYPASSsecret28',
} as const;
const ALL = Object.values(S);

// Values under ordinary names: only the `secrets` option can scrub them.
const LISTED = [
  S.path,
  S.pathOdd,
  S.query,
  S.plainHeader,
  S.body,
  S.echoedOnly,
  S.lastEventId,
  S.sseBody,
  S.badHeaderValue,
  S.badUrl,
  S.badMethod,
  S.shortListed,
];

// Every credential-looking header name; none of them is listed in `secrets`.
const HEADERS = {
  Authorization: `Bearer ${S.authorization}`,
  'X-Auth-Token': S.xAuthToken,
  'Api-Key': S.apiKey,
  'X-Goog-Api-Key': S.googApiKey,
  'Private-Token': S.privateToken,
  'X-Amz-Security-Token': S.amzSecurityToken,
  Cookie: `sid=${S.cookie}`,
  'Proxy-Authorization': `Basic ${S.proxyAuthorization}`,
  'X-Api-Key': S.xApiKey,
  'X-Vendor-Id': S.vendorId,
  'X-Plain': S.plainHeader,
};
const CREDENTIAL_NAMES = Object.keys(HEADERS)
  .filter((name) => name !== 'X-Plain')
  .map((name) => name.toLowerCase());

// Answers with everything it received, so any echo path is exercised.
function echo(req: IncomingMessage, res: ServerResponse, body: string, target?: TestServer): void {
  const seen = JSON.stringify({ url: req.url, headers: req.headers, body });
  const path = req.url ?? '';
  const extra = { 'x-trace': S.echoedOnly, 'set-cookie': `session=${S.sessionCookie}` };
  if (path.startsWith('/redirect') && target) {
    res.writeHead(302, { location: `${target.url}/landed/${encodeURIComponent(S.path)}`, ...extra });
    return void res.end();
  }
  if (path.startsWith('/denied')) {
    res.writeHead(401, { 'content-type': 'application/json', ...extra });
    return void res.end(seen);
  }
  if (path.startsWith('/events')) {
    openStream(res, extra);
    res.write(formatEvent({ id: S.echoedOnly, data: seen }));
    return void res.end(formatEvent({ data: '[DONE]' }));
  }
  res.writeHead(200, { 'content-type': 'application/json', ...extra });
  res.end(seen);
}

// Everything a caller can observe of a finished execution, as one string.
async function observe(execution: ReturnType<typeof request> | ReturnType<typeof stream>): Promise<string> {
  const events = await collect(execution);
  const outcome = await execution.result;
  const error = await execution.output().then(
    () => null,
    (e: unknown) => e,
  );
  return JSON.stringify([events, outcome, errorText(error)]);
}

function errorText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const details = isExecutionError(error) ? error.details : {};
  return `${String(error)} ${error.message} ${JSON.stringify(details)} ${String(error.cause ?? '')}`;
}

function thrown(start: () => unknown): string {
  try {
    start();
  } catch (error) {
    expect(isExecutionError(error) && error.code).toBe('INVALID_OPTIONS');
    return errorText(error);
  }
  throw new Error('expected INVALID_OPTIONS');
}

function leaked(text: string): string[] {
  return ALL.filter(
    (secret) =>
      text.includes(secret) ||
      text.includes(encodeURIComponent(secret)) ||
      text.includes(JSON.stringify(secret).slice(1, -1)),
  );
}

describe('secrets never leave request() or stream()', () => {
  it(`${ALL.length} planted secrets across every field, both engines and SSE: 0 found in any event, error or outcome`, async () => {
    let target: TestServer | undefined;
    await using other = await serve((req, res, body) => echo(req, res, body));
    target = other;
    await using origin = await serve((req, res, body) => echo(req, res, body, target));
    const refused = `http://127.0.0.1:${await closedPort()}`;
    const secretPath = `/${encodeURIComponent(S.path)}/${encodeURIComponent(S.pathOdd)}`;
    const query = `?q=${S.query}&api_key=${S.queryCredential}`;
    const common = { headers: HEADERS, credentialHeaders: ['x-vendor-id'], secrets: LISTED };
    const seen: string[] = [];

    for (const engine of ['node', 'fetch'] as const) {
      const options = { ...common, engine, retry: { maxRetries: 1, initialDelayMs: 1 } };
      // A request with every field set; the server echoes all of it in headers and body.
      seen.push(
        await observe(
          request(`${origin.url}/ok${secretPath}${query}`, {
            ...options,
            method: 'POST',
            body: { note: S.body },
            responseType: 'json',
          }),
        ),
      );
      // A cross-origin redirect: credentials must not reach the other origin.
      const before = other.seen.length;
      seen.push(await observe(request(`${origin.url}/redirect${secretPath}${query}`, options)));
      const landed = other.seen.slice(before);
      expect(landed).toHaveLength(1);
      for (const name of CREDENTIAL_NAMES) expect(landed[0]?.headers[name], name).toBeUndefined();
      // A 4xx echoing the secrets in the body preview of the failure, and as an output.
      seen.push(
        await observe(
          request(`${origin.url}/denied${secretPath}${query}`, { ...options, throwOnHttpError: true }),
        ),
      );
      seen.push(await observe(request(`${origin.url}/denied${secretPath}${query}`, options)));
      // Connection refused, retried once.
      seen.push(await observe(request(`${refused}${secretPath}${query}`, options)));
    }
    // The server did receive what was planted: the test is not vacuous.
    const received = JSON.stringify(origin.seen);
    for (const secret of [S.authorization, S.googApiKey, S.plainHeader, S.body, S.query]) {
      expect(received).toContain(secret);
    }

    // stream(): the same fields, plus lastEventId and a body sent on every reconnect.
    const sse = { ...common, lastEventId: S.lastEventId, method: 'POST', body: { note: S.sseBody } };
    seen.push(await observe(stream(`${origin.url}/events${secretPath}${query}`, sse)));
    seen.push(await observe(stream(`${origin.url}/redirect${secretPath}${query}`, sse)));
    seen.push(await observe(stream(`${origin.url}/denied${secretPath}${query}`, sse)));
    seen.push(await observe(stream(`${refused}${secretPath}${query}`, { ...sse, reconnect: false })));
    expect(JSON.stringify(origin.seen)).toContain(S.lastEventId);

    // Refused before any I/O: the INVALID_OPTIONS never quotes a value.
    const invalid = [
      () => request(origin.url, { ...common, headers: { 'x-plain': `a\n${S.badHeaderValue}` } }),
      () => request(origin.url, { ...common, headers: { 'x-auth-token': `${S.badCredentialHeader}\r` } }),
      () => request(`http://user:${S.userinfo}@127.0.0.1/`, common),
      () => request(`htp://127.0.0.1/${S.badUrl}`, common),
      () => request(`htp://user:${S.userinfo}@127.0.0.1/`, common),
      () => stream(`ws://user:${S.userinfo}@127.0.0.1/`, common),
      () => request(origin.url, { ...common, method: S.badMethod }),
      () => request(origin.url, { ...common, secrets: ['abc', S.shortListed] }),
      () => stream(origin.url, { ...common, headers: { 'x-plain': `a\0${S.badHeaderValue}` } }),
      () => stream(`http://user:${S.userinfo}@127.0.0.1/`, common),
      () => stream(origin.url, { ...common, lastEventId: `${S.lastEventId}\n` }),
      () => stream(origin.url, { ...common, method: S.badMethod }),
    ];
    for (const start of invalid) seen.push(thrown(start));

    // Through a forward proxy whose URL carries credentials, and which echoes what it was sent.
    await using proxy = await startForwardProxy({ credentials: `user:${S.proxyPassword}`, echo: true });
    const viaProxy = proxy.url.replace('//', `//user:${encodeURIComponent(S.proxyPassword)}@`);
    seen.push(
      await observe(request(`${origin.url}/ok${secretPath}${query}`, { ...common, proxy: viaProxy })),
    );
    const proxyToken = Buffer.from(`user:${S.proxyPassword}`).toString('base64');
    expect(JSON.stringify(proxy.seen)).toContain(proxyToken);
    expect(seen.at(-1), 'the proxy echoed its credentials, redacted').toContain('"x-proxy-saw":"[redacted]"');
    expect(seen.at(-1)).not.toContain(proxyToken);
    seen.push(
      thrown(() => request(origin.url, { ...common, proxy: `socks5://u:${S.badProxyPassword}@p:1` })),
    );

    const everything = seen.join('\n');
    expect(leaked(everything)).toEqual([]);
    expect(everything).toContain('[redacted]');
  }, 20_000);
});
