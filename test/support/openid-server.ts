// A local stand-in for the Bot Framework's OpenID metadata and signing keys, with a test RSA key
// endorsed for `msteams` and one published with no endorsements at all, and a minter of Bot
// Framework tokens signed with them (or with a key it does not publish). Real RS256 signatures:
// nothing in the validation is stubbed.
import { createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface OpenIdServer {
  /** The OpenID metadata URL (KOERS_BOT_OPENID_METADATA). */
  metadataUrl: string;
  /** A token as the Bot Framework channel sends it, signed with the published key unless `key` says otherwise. */
  /** `bare`: a published key that lists no endorsements. */
  mint(
    claims: Record<string, unknown>,
    o?: { key?: 'published' | 'unpublished' | 'bare'; kid?: string },
  ): string;
  close(): Promise<void>;
}

const b64url = (v: string | Buffer) => Buffer.from(v).toString('base64url');

export async function startOpenIdServer(): Promise<OpenIdServer> {
  const published = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const unpublished = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const bare = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = 'koers-test-key';
  const bareKid = 'koers-test-key-without-endorsements';
  const jwk = published.publicKey.export({ format: 'jwk' }) as { n: string; e: string };
  const bareJwk = bare.publicKey.export({ format: 'jwk' }) as { n: string; e: string };
  let base = '';
  const server: Server = createServer((req, res) => {
    if (req.url === '/v1/.well-known/openidconfiguration') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          issuer: 'https://api.botframework.com',
          authorization_endpoint: 'https://invalid.example',
          jwks_uri: `${base}/v1/.well-known/keys`,
          id_token_signing_alg_values_supported: ['RS256'],
          token_endpoint_auth_methods_supported: ['private_key_jwt'],
        }),
      );
      return;
    }
    if (req.url === '/v1/.well-known/keys') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          keys: [
            { kty: 'RSA', use: 'sig', kid, n: jwk.n, e: jwk.e, endorsements: ['msteams'] },
            { kty: 'RSA', use: 'sig', kid: bareKid, n: bareJwk.n, e: bareJwk.e },
          ],
        }),
      );
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  function sign(privateKey: KeyObject, header: object, payload: object): string {
    const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(payload))}`;
    const signature = createSign('RSA-SHA256').update(input).sign(privateKey);
    return `${input}.${b64url(signature)}`;
  }

  return {
    metadataUrl: `${base}/v1/.well-known/openidconfiguration`,
    mint(claims, o = {}) {
      const now = Math.floor(Date.now() / 1000);
      const key =
        o.key === 'unpublished'
          ? unpublished.privateKey
          : o.key === 'bare'
            ? bare.privateKey
            : published.privateKey;
      return sign(
        key,
        { alg: 'RS256', typ: 'JWT', kid: o.kid ?? (o.key === 'bare' ? bareKid : kid) },
        { iss: 'https://api.botframework.com', nbf: now - 10, iat: now - 10, exp: now + 3600, ...claims },
      );
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
