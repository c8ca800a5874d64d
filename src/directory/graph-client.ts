// Microsoft Graph for Koers: an app-only (client credentials) token kept until shortly before it
// expires, GETs that follow `@odata.nextLink` pages, and Graph's manners: a 429 (or 503) waits
// out `Retry-After` and tries again, a bounded number of times. Only the calls Koers needs.
import type { GraphConfig } from '../config.js';

export interface GraphError extends Error {
  code: 'KOERS_GRAPH_FAILED';
  status: number;
  /** Graph's own error code, e.g. ErrorAccessDenied, Authorization_RequestDenied. */
  graphCode: string | null;
}

export interface GraphClient {
  /** Every item of a collection, all pages. */
  list<T>(path: string): Promise<T[]>;
  get<T>(path: string): Promise<T>;
  post<T>(path: string, body: unknown): Promise<{ status: number; body: T | null }>;
}

export interface GraphClientOptions {
  config: GraphConfig;
  /** Waits (ms); tests pass a fast one. */
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  maxRetries?: number;
}

const SCOPE = 'https://graph.microsoft.com/.default';
/** A token is renewed this long before it expires. */
const RENEW_BEFORE_MS = 5 * 60_000;
const MAX_PAGES = 10_000;

export function createGraphClient(o: GraphClientOptions): GraphClient {
  const sleep = o.sleep ?? ((ms: number) => new Promise((r) => setTimeout(r, ms)));
  const now = o.now ?? Date.now;
  const maxRetries = o.maxRetries ?? 5;
  let token: { value: string; until: number } | null = null;
  let pending: Promise<string> | null = null;

  async function accessToken(): Promise<string> {
    if (token && now() < token.until) return token.value;
    pending ??= (async () => {
      try {
        const form = new URLSearchParams({
          client_id: o.config.clientId,
          client_secret: o.config.clientSecret,
          scope: SCOPE,
          grant_type: 'client_credentials',
        });
        const r = await fetch(
          `${o.config.loginUrl}/${encodeURIComponent(o.config.tenantId)}/oauth2/v2.0/token`,
          {
            method: 'POST',
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            body: form,
          },
        );
        const body = (await r.json().catch(() => ({}))) as {
          access_token?: string;
          expires_in?: number;
          error?: string;
        };
        if (!r.ok || !body.access_token)
          throw graphError(r.status, body.error ?? null, 'the token endpoint refused the app credentials');
        token = {
          value: body.access_token,
          until: now() + Math.max(0, (body.expires_in ?? 3600) * 1000 - RENEW_BEFORE_MS),
        };
        return token.value;
      } finally {
        pending = null;
      }
    })();
    return pending;
  }

  async function call(method: string, url: string, body?: unknown): Promise<Response> {
    for (let attempt = 0; ; attempt++) {
      const r = await fetch(url, {
        method,
        headers: {
          authorization: `Bearer ${await accessToken()}`,
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      if ((r.status === 429 || r.status === 503) && attempt < maxRetries) {
        await r.body?.cancel();
        const after = Number(r.headers.get('retry-after'));
        await sleep(Number.isFinite(after) && after > 0 ? Math.min(after, 120) * 1000 : 2 ** attempt * 1000);
        continue;
      }
      if (r.status === 401 && attempt === 0) {
        // A token revoked or expired early: fetch a new one, once.
        await r.body?.cancel();
        token = null;
        continue;
      }
      return r;
    }
  }

  const url = (path: string) => (/^https?:\/\//u.test(path) ? path : `${o.config.graphUrl}${path}`);

  async function failed(r: Response): Promise<GraphError> {
    const body = (await r.json().catch(() => ({}))) as { error?: { code?: string; message?: string } };
    return graphError(
      r.status,
      body.error?.code ?? null,
      body.error?.message ?? `Graph answered ${r.status}`,
    );
  }

  return {
    async list<T>(path: string): Promise<T[]> {
      const items: T[] = [];
      let next: string | undefined = url(path);
      for (let page = 0; next && page < MAX_PAGES; page++) {
        const r = await call('GET', next);
        if (!r.ok) throw await failed(r);
        const body = (await r.json()) as { value?: T[]; '@odata.nextLink'?: string };
        items.push(...(body.value ?? []));
        next = body['@odata.nextLink'];
      }
      return items;
    },
    async get<T>(path: string): Promise<T> {
      const r = await call('GET', url(path));
      if (!r.ok) throw await failed(r);
      return (await r.json()) as T;
    },
    async post<T>(path: string, body: unknown) {
      const r = await call('POST', url(path), body);
      if (!r.ok && r.status !== 409) throw await failed(r);
      const text = await r.text();
      return { status: r.status, body: text === '' ? null : (JSON.parse(text) as T) };
    },
  };
}

function graphError(status: number, graphCode: string | null, message: string): GraphError {
  return Object.assign(new Error(`Microsoft Graph: ${message}`), {
    code: 'KOERS_GRAPH_FAILED' as const,
    status,
    graphCode,
  });
}

export function isGraphError(err: unknown): err is GraphError {
  return (err as { code?: string })?.code === 'KOERS_GRAPH_FAILED';
}
