// Who may call /api/messages, and how Koers calls the Bot Connector, in one place.
//
// With an app id, botbuilder validates every inbound Bot Framework token (issuer, audience, the
// signing key from the OpenID metadata, the serviceUrl claim), and Koers then requires that key to
// be endorsed for the activity's channel (botbuilder checks endorsements only of keys that list
// some): see signing-key-endorsements.ts. Without an app id, botbuilder accepts anything, so the
// route lets only loopback clients in (the Playground and local tests): see isLoopback.
//
// Outbound, botbuilder's HTTP pipeline retries 429/5xx itself (waiting out Retry-After inside one
// send). Koers retries proactive sends in the outbox instead, with backoff shared across
// instances, so the pipeline's retry policy is taken out of the clients the outbox uses.
import {
  ConfigurationBotFrameworkAuthentication,
  ConfigurationServiceClientCredentialFactory,
} from 'botbuilder';
import type { TeamsConfig } from '../../config.js';
import {
  createEndorsementCheck,
  type EndorsementCheck,
  PUBLIC_CHANNEL_METADATA,
} from './signing-key-endorsements.js';

export type CredentialsFactory = NonNullable<
  ConstructorParameters<typeof ConfigurationBotFrameworkAuthentication>[1]
>;
type ConnectorFactory = ReturnType<ConfigurationBotFrameworkAuthentication['createConnectorFactory']>;
type ConnectorClient = Awaited<ReturnType<ConnectorFactory['create']>>;
type UserTokenClient = Awaited<ReturnType<ConfigurationBotFrameworkAuthentication['createUserTokenClient']>>;

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
  private readonly clients = new ClientCache<ConnectorClient>();
  private readonly tokenClients = new ClientCache<UserTokenClient>();
  /** Set with an app id: tokens are checked, and so is their key's endorsement. */
  endorsements: EndorsementCheck | null = null;

  /** Replies within a turn keep the pipeline's own retries: the outbox is not involved there. */
  override async authenticateRequest(
    ...args: Parameters<ConfigurationBotFrameworkAuthentication['authenticateRequest']>
  ) {
    let result: Awaited<ReturnType<ConfigurationBotFrameworkAuthentication['authenticateRequest']>>;
    try {
      result = await super.authenticateRequest(...args);
    } catch (err) {
      throw new TeamsAuthRefused(err);
    }
    const [activity, authHeader] = args;
    if (this.endorsements) {
      const token = authHeader.replace(/^Bearer\s+/i, '');
      const endorsed = await this.endorsements
        .endorses(token, activity.channelId ?? '')
        .catch((err: unknown) => {
          throw new TeamsAuthRefused(err);
        });
      if (!endorsed)
        throw new TeamsAuthRefused(
          Object.assign(new Error(`signing key not endorsed for channel ${activity.channelId ?? ''}`), {
            statusCode: 403,
          }),
        );
    }
    const inner = result.connectorFactory;
    return inner ? { ...result, connectorFactory: this.cached('turn', inner, (c) => c) } : result;
  }

  /** Proactive sends (the outbox): without the pipeline's retries. */
  override createConnectorFactory(
    ...args: Parameters<ConfigurationBotFrameworkAuthentication['createConnectorFactory']>
  ): ConnectorFactory {
    return this.cached('outbox', super.createConnectorFactory(...args), withoutRetries);
  }

  override createUserTokenClient(
    claimsIdentity: Parameters<ConfigurationBotFrameworkAuthentication['createUserTokenClient']>[0],
  ): Promise<UserTokenClient> {
    // The bot's app id, where botbuilder takes it from (AuthenticationConstants' claim names).
    const appId = claimsIdentity.getClaimValue('aud') ?? claimsIdentity.getClaimValue('appid') ?? '';
    return this.tokenClients.get(appId, () => super.createUserTokenClient(claimsIdentity));
  }

  private cached(
    use: 'turn' | 'outbox',
    inner: ConnectorFactory,
    prepare: (client: ConnectorClient) => ConnectorClient,
  ): ConnectorFactory {
    const appId = (inner as unknown as { appId?: string }).appId ?? '';
    return {
      create: (serviceUrl: string, audience?: string) =>
        this.clients.get(`${use}\n${appId}\n${audience ?? ''}\n${serviceUrl}`, () =>
          inner.create(serviceUrl, audience).then(prepare),
        ),
    } as ConnectorFactory;
  }
}

/**
 * Clients kept across turns, per bot, audience and serviceUrl. botbuilder makes a new connector
 * client (credentials and a whole HTTP pipeline) and a new token client for every activity, which
 * costs about as much CPU as the rest of a simple turn. A client holds nothing of the turn, and
 * its credentials renew their own token. Bounded: without an app id, any loopback caller names
 * the serviceUrl.
 */
class ClientCache<T> {
  private readonly entries = new Map<string, Promise<T>>();
  constructor(private readonly max = 64) {}

  get(key: string, create: () => Promise<T>): Promise<T> {
    let entry = this.entries.get(key);
    if (!entry) {
      entry = create();
      entry.catch(() => this.entries.delete(key));
      if (this.entries.size >= this.max) {
        const oldest = this.entries.keys().next().value;
        if (oldest !== undefined) this.entries.delete(oldest);
      }
      this.entries.set(key, entry);
    }
    return entry;
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

/** botbuilder's settings for a configured app id (the bench gives a bare bot the same). */
export function botFrameworkSettings(teams: TeamsConfig) {
  return {
    MicrosoftAppId: teams.appId,
    MicrosoftAppPassword: teams.appPassword ?? '',
    MicrosoftAppType: teams.appType,
    MicrosoftAppTenantId: teams.tenantId ?? '',
    ...(teams.openIdMetadataUrl
      ? { ...PUBLIC_CLOUD, ToBotFromChannelOpenIdMetadataUrl: teams.openIdMetadataUrl }
      : {}),
  };
}

/** The Bot Framework authentication for this configuration (null: no app id, the local demo). */
export function createBotAuthentication(
  teams: TeamsConfig | null,
  options: BotAuthOptions = {},
): ConfigurationBotFrameworkAuthentication {
  if (!teams) return new OutboxRetriedAuthentication({}, options.credentialsFactory);
  const settings = botFrameworkSettings(teams);
  const auth = new OutboxRetriedAuthentication(
    settings,
    options.credentialsFactory ?? new ConfigurationServiceClientCredentialFactory(settings),
  );
  auth.endorsements = createEndorsementCheck(teams.openIdMetadataUrl ?? PUBLIC_CHANNEL_METADATA);
  return auth;
}

/**
 * The TCP peer is this machine. Only the socket's address counts: X-Forwarded-For and the like
 * are written by the client and prove nothing (and a request that carries them came through a
 * proxy, so from the network: the route refuses those; see isForwarded).
 */
export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  return v4 === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4);
}

/** The request names a client behind a proxy (Forwarded, X-Forwarded-For): never a loopback client. */
export function isForwarded(headers: Record<string, string | string[] | undefined>): boolean {
  return headers.forwarded !== undefined || headers['x-forwarded-for'] !== undefined;
}
