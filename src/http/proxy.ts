import { invalidOptions } from '../core/errors.js';
import { describeUrl } from '../internal/http/redaction.js';

/** One forward proxy as the engine uses it: its origin, and the credentials of its URL as a header. */
export interface ProxyRoute {
  /** `http://host:port` of the proxy, without user-info. */
  readonly url: URL;
  /** `Basic …` from the proxy URL's user-info, sent as `proxy-authorization`. */
  readonly authorization: string | undefined;
}

/** One `NO_PROXY` entry: a host (and its subdomains), optionally one port; `*` is every host. */
interface NoProxyRule {
  readonly host: string;
  readonly port: string | undefined;
}

/** The `proxy` option after planning: which proxy each scheme goes through, and what bypasses it. */
export interface ProxyPlan {
  readonly http: ProxyRoute | undefined;
  readonly https: ProxyRoute | undefined;
  readonly noProxy: readonly NoProxyRule[];
  /** The credential values of the proxy URLs, for the redaction policy. */
  readonly secrets: readonly string[];
}

type Env = Readonly<Record<string, string | undefined>>;

const readEnv = (): Env => (typeof process === 'undefined' ? {} : process.env);

/**
 * Plans the `proxy` option before any I/O: `'env'` reads `http_proxy`/`https_proxy`/`no_proxy`
 * (lower case first, then upper case, as undici and curl do; `https` falls back to the `http`
 * proxy), a URL routes every request through that proxy. Throws `INVALID_OPTIONS` naming `proxy`.
 */
export function planProxy(option: string | URL, entry: string, env: Env = readEnv()): ProxyPlan | undefined {
  const secrets: string[] = [];
  if (option !== 'env') {
    const route = proxyRoute(option, 'proxy', entry, secrets);
    return { http: route, https: route, noProxy: [], secrets };
  }
  const pick = (name: string) => env[name] || env[name.toUpperCase()] || undefined;
  const httpValue = pick('http_proxy');
  const httpsValue = pick('https_proxy');
  const http =
    httpValue === undefined ? undefined : proxyRoute(httpValue, 'proxy (http_proxy)', entry, secrets);
  const https =
    httpsValue === undefined ? http : proxyRoute(httpsValue, 'proxy (https_proxy)', entry, secrets);
  if (!http && !https) return undefined;
  return { http, https, noProxy: parseNoProxy(pick('no_proxy') ?? ''), secrets };
}

/** The proxy a request to `url` goes through, or `undefined` to go direct. */
export function proxyFor(plan: ProxyPlan | undefined, url: URL): ProxyRoute | undefined {
  if (!plan) return undefined;
  const route = url.protocol === 'https:' ? plan.https : plan.http;
  if (!route || plan.noProxy.length === 0) return route;
  const host = url.hostname.toLowerCase();
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  for (const rule of plan.noProxy) {
    if (rule.port !== undefined && rule.port !== port) continue;
    if (rule.host === '*' || host === rule.host || host.endsWith(`.${rule.host}`)) return undefined;
  }
  return route;
}

function proxyRoute(value: string | URL, option: string, entry: string, secrets: string[]): ProxyRoute {
  // `proxy.corp:3128` without a scheme means http, as curl reads it.
  const text =
    value instanceof URL ? value.href : /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`;
  const url = URL.parse(text);
  if (url?.protocol !== 'http:' || url.pathname.length > 1 || url.search !== '') {
    throw invalidOptions(
      option,
      "'env' or an http: proxy URL such as http://proxy.example:3128",
      describeUrl(value instanceof URL ? value.href : value),
      entry,
    );
  }
  let authorization: string | undefined;
  if (url.username !== '' || url.password !== '') {
    const pair = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
    const token = btoa(String.fromCharCode(...new TextEncoder().encode(pair)));
    authorization = `Basic ${token}`;
    // The proxy's credentials are credentials: scrubbed wherever they could come back.
    secrets.push(pair, token, authorization, decodeURIComponent(url.password), url.password);
    url.username = '';
    url.password = '';
  }
  return { url, authorization };
}

function parseNoProxy(value: string): NoProxyRule[] {
  const rules: NoProxyRule[] = [];
  for (const raw of value.split(/[\s,]+/)) {
    const entry = raw.trim().toLowerCase();
    if (entry === '') continue;
    const bracketed = /^(\[[^\]]+\])(?::(\d+))?$/.exec(entry);
    const hostPort = bracketed ? null : /^([^:]+):(\d+)$/.exec(entry);
    const host = bracketed?.[1] ?? hostPort?.[1] ?? entry;
    const port = bracketed?.[2] ?? hostPort?.[2];
    // `.example.com` and `*.example.com` match the domain and its subdomains, like `example.com`.
    rules.push({ host: host.replace(/^\*?\./, ''), port });
  }
  return rules;
}
