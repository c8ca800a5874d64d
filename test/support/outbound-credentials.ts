// The bot's outbound credentials without a Microsoft login: a fixed token on every call to the
// connector (normally botbuilder fetches one from login.microsoftonline.com). Used by the tests
// and the Teams bench, which run with an app id against a local OpenID server.
import { ConfigurationServiceClientCredentialFactory } from 'botbuilder';

export const FIXED_OUTBOUND_TOKEN = 'test-outbound-token';

export class FixedOutboundCredentials extends ConfigurationServiceClientCredentialFactory {
  override async createCredentials(): ReturnType<
    ConfigurationServiceClientCredentialFactory['createCredentials']
  > {
    return {
      async signRequest(request: { headers: { set(name: string, value: string): void } }) {
        request.headers.set('authorization', `Bearer ${FIXED_OUTBOUND_TOKEN}`);
        return request;
      },
    } as unknown as Awaited<ReturnType<ConfigurationServiceClientCredentialFactory['createCredentials']>>;
  }
}
