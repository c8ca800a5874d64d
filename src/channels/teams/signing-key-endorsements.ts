// Which channels the Bot Framework has endorsed each of its signing keys for, from the channel's
// OpenID metadata (the same metadata botbuilder validates tokens against). botbuilder checks the
// endorsements only of keys that list some, so a key published with none signs tokens it accepts
// for any channel; Koers wants the activity's channel among them, and refuses the token otherwise.

/** How long the key list is trusted before it is read again (botbuilder's own interval). */
const REFRESH_MS = 24 * 3_600_000;
/** An unknown key id reads the list again, at most this often. */
const UNKNOWN_KID_REFRESH_MS = 60_000;

/** The public cloud's channel metadata (botframework-connector's AuthenticationConstants). */
export const PUBLIC_CHANNEL_METADATA = 'https://login.botframework.com/v1/.well-known/openidconfiguration';

export interface EndorsementCheck {
  /** True when the key that signed `token` is endorsed for `channelId`. */
  endorses(token: string, channelId: string): Promise<boolean>;
}

export function createEndorsementCheck(metadataUrl: string): EndorsementCheck {
  let keys: Map<string, ReadonlyArray<string>> | null = null;
  let loadedAt = 0;
  let loading: Promise<Map<string, ReadonlyArray<string>>> | null = null;

  async function load(): Promise<Map<string, ReadonlyArray<string>>> {
    const metadata = (await getJson(metadataUrl)) as { jwks_uri?: unknown };
    if (typeof metadata.jwks_uri !== 'string') throw new Error('OpenID metadata without jwks_uri');
    const jwks = (await getJson(metadata.jwks_uri)) as { keys?: unknown };
    const map = new Map<string, ReadonlyArray<string>>();
    for (const k of Array.isArray(jwks.keys) ? jwks.keys : []) {
      const key = k as { kid?: unknown; endorsements?: unknown };
      if (typeof key.kid !== 'string') continue;
      const endorsements = Array.isArray(key.endorsements)
        ? key.endorsements.filter((e): e is string => typeof e === 'string')
        : [];
      map.set(key.kid, endorsements);
    }
    keys = map;
    loadedAt = Date.now();
    return map;
  }

  function refreshed(): Promise<Map<string, ReadonlyArray<string>>> {
    loading ??= load().finally(() => {
      loading = null;
    });
    return loading;
  }

  return {
    async endorses(token, channelId) {
      const kid = keyIdOf(token);
      if (kid === null) return false;
      let map = keys && Date.now() - loadedAt < REFRESH_MS ? keys : await refreshed();
      if (!map.has(kid) && Date.now() - loadedAt > UNKNOWN_KID_REFRESH_MS) map = await refreshed();
      const endorsements = map.get(kid);
      return endorsements?.includes(channelId) === true;
    },
  };
}

/** The `kid` of a JWT's header (the token was verified by botbuilder before this is asked). */
function keyIdOf(token: string): string | null {
  const header = token.split('.')[0];
  if (!header) return null;
  try {
    const kid = (JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as { kid?: unknown }).kid;
    return typeof kid === 'string' ? kid : null;
  } catch {
    return null;
  }
}

async function getJson(url: string): Promise<unknown> {
  const res = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return res.json();
}
