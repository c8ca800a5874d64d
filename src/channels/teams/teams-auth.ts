// Who may call /api/messages, and how Koers calls the Bot Connector, in one place.
//
// With an app id, botbuilder validates every inbound Bot Framework token (issuer, audience, the
// signing key from the OpenID metadata, its `msteams` endorsement, the serviceUrl claim). Without
// one, botbuilder accepts anything, so the route lets only loopback clients in (the Playground and
// local tests): see isLoopback.
//
// Outbound, botbuilder's HTTP pipeline retries 429/5xx itself (waiting out Retry-After inside one
// send). Koers retries in the outbox instead, with backoff shared across instances, so the
// pipeline's retry policy is taken out of every connector client.
import {
  ConfigurationBotFrameworkAuthentication,
  ConfigurationServiceClientCredentialFactory,
} from 'botbuilder';
import type { TeamsConfig } from '../../config.js';

export type CredentialsFactory = NonNullable<
  ConstructorParameters<typeof ConfigurationBotFrameworkAuthentication>[1]
>;
type ConnectorFactory = ReturnType<ConfigurationBotFrameworkAuthentication['createConnectorFactory']>;
type ConnectorClient = Awaited<ReturnType<ConnectorFactory['create']>>;

export interface BotAuthOptions {
  /** Outbound credentials (tests: a stand-in for the token from login.microsoftonline.com). */
  credentialsFactory?: CredentialsFactory;
}

/**
 * botbuilder refused the caller. botbuilder throws its own AuthenticationError for most refusals
 * but lets others through as they come (a bad signature is a JsonWebTokenError, which its
 * CloudAdapter.process answers with 500): every refusal becomes this one error, answered 401.
 */
export class TeamsAuthRefused extends Error {
  readonly code = 'teams_auth_refused';
  constructor(cause: unknown) {
    super('teams: request not authenticated', { cause });
    this.name = 'TeamsAuthRefused';
  }
}

class OutboxRetriedAuthentication extends ConfigurationBotFrameworkAuthentication {
  override async authenticateRequest(
    ...args: Parameters<ConfigurationBotFrameworkAuthentication['authenticateRequest']>
  ) {
    try {
      return await super.authenticateRequest(...args);
    } catch (err) {
      throw new TeamsAuthRefused(err);
    }
  }

  override createConnectorFactory(
    ...args: Parameters<ConfigurationBotFrameworkAuthentication['createConnectorFactory']>
  ): ConnectorFactory {
    const inner = super.createConnectorFactory(...args);
    return {
      create: async (serviceUrl: string, audience?: string) =>
        withoutRetries(await inner.create(serviceUrl, audience)),
    } as ConnectorFactory;
  }
}

/** Removes the retry phase from the client's pipeline (botbuilder-stdlib keeps the @azure client in `client`). */
function withoutRetries(connector: ConnectorClient): ConnectorClient {
  const pipeline = (
    connector as unknown as { client?: { pipeline?: { removePolicy(o: { phase: string }): unknown } } }
  ).client?.pipeline;
  if (!pipeline)
    throw new Error('botbuilder connector client without the expected pipeline: cannot disable its retries');
  pipeline.removePolicy({ phase: 'Retry' });
  return connector;
}

/**
 * The public cloud's endpoints (botframework-connector's AuthenticationConstants). botbuilder
 * uses its built-in set only when none is overridden: overriding the OpenID metadata URL (tests,
 * KOERS_BOT_OPENID_METADATA) means giving all the others too, or the issuer check has nothing to
 * compare with and every token fails.
 */
const PUBLIC_CLOUD = {
  ValidateAuthority: true,
  ToChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
  ToChannelFromBotOAuthScope: 'https://api.botframework.com',
  ToBotFromChannelTokenIssuer: 'https://api.botframework.com',
  OAuthUrl: 'https://api.botframework.com',
  ToBotFromEmulatorOpenIdMetadataUrl:
    'https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration',
  CallerId: 'urn:botframework:azure',
};

/** The Bot Framework authentication for this configuration (null: no app id, the local demo). */
export function createBotAuthentication(
  teams: TeamsConfig | null,
  options: BotAuthOptions = {},
): ConfigurationBotFrameworkAuthentication {
  if (!teams) return new OutboxRetriedAuthentication({}, options.credentialsFactory);
  const settings = {
    MicrosoftAppId: teams.appId,
    MicrosoftAppPassword: teams.appPassword ?? '',
    MicrosoftAppType: teams.appType,
    MicrosoftAppTenantId: teams.tenantId ?? '',
    ...(teams.openIdMetadataUrl
      ? { ...PUBLIC_CLOUD, ToBotFromChannelOpenIdMetadataUrl: teams.openIdMetadataUrl }
      : {}),
  };
  return new OutboxRetriedAuthentication(
    settings,
    options.credentialsFactory ?? new ConfigurationServiceClientCredentialFactory(settings),
  );
}

/**
 * The TCP peer is this machine. Only the socket's address counts: X-Forwarded-For and the like
 * are written by the client and prove nothing.
 */
export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  return v4 === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4);
}
