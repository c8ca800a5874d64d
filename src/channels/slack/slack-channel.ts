// The Slack channel: Bolt over HTTP at POST /slack/events (Bolt's default HTTPReceiver, handed each
// request by Koers's own node:http server after request-guard.ts), or Socket Mode when
// SLACK_APP_TOKEN is set (no public URL). Inbound turns go to the chat service (slack-listeners.ts);
// outbound notifications leave through the outbox (slack-sender.ts).
import { App, HTTPReceiver, SocketModeReceiver } from '@slack/bolt';
import type { ChannelDeps, ChannelFactory, ChannelModule } from '../../application/channel-port.js';
import { scrubSecrets } from '../../logger.js';
import { boltLogger } from './bolt-logger.js';
import { admitSlackRequest, SLACK_BODY_LIMIT_BYTES } from './request-guard.js';
import { registerListeners } from './slack-listeners.js';
import { createSlackReplies } from './slack-replies.js';
import { createSlackSender } from './slack-sender.js';
import { createSlackWeb } from './slack-web.js';

export const SLACK_EVENTS_PATH = '/slack/events';

export const createSlackChannel: ChannelFactory = (deps: ChannelDeps): ChannelModule | null => {
  const config = deps.config.slack;
  if (!config) return null;
  const logger = deps.logger.child({ channel: 'slack' });
  const web = createSlackWeb(config, logger);
  const socketMode = config.appToken !== undefined;
  const blog = boltLogger(logger);

  const receiver = socketMode
    ? new SocketModeReceiver({
        appToken: config.appToken as string,
        logger: blog,
        installerOptions: { clientOptions: config.apiUrl ? { slackApiUrl: config.apiUrl } : {} },
      })
    : new HTTPReceiver({
        signingSecret: config.signingSecret ?? '',
        endpoints: SLACK_EVENTS_PATH,
        bodyLimit: SLACK_BODY_LIMIT_BYTES,
        // Every request reaches this receiver only through admitSlackRequest (the route below),
        // which has verified its signature on Koers's clock: verifying it again is the same HMAC.
        signatureVerification: false,
        logger: blog,
      });

  const app = new App({
    receiver,
    // Not `token`: with a token Bolt calls auth.test once while it is built and keeps a failure
    // for good (Slack down at start-up would disable Slack until a restart, or crash on the
    // unhandled rejection). This remembers auth.test only once it succeeded.
    authorize: async () => {
      const bot = await web.botIdentity();
      return {
        botToken: config.botToken,
        botId: bot.botId,
        botUserId: bot.botUserId,
        ...(bot.teamId ? { teamId: bot.teamId } : {}),
      };
    },
    clientOptions: {
      ...(config.apiUrl ? { slackApiUrl: config.apiUrl } : {}),
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
    },
    logger: blog,
    // Koers keeps each person's conversation in its own store.
    convoStore: false,
  });
  app.error(async (err) => {
    logger.error(
      { code: (err as { code?: string }).code, error: scrubSecrets(String((err as Error).message ?? err)) },
      'slack request failed',
    );
  });
  registerListeners(app, { deps, web, replies: createSlackReplies(web), logger });

  const http = receiver instanceof HTTPReceiver ? receiver : null;
  return {
    name: 'slack',
    routes: http
      ? [
          {
            method: 'POST',
            path: SLACK_EVENTS_PATH,
            handler: async (req, res) => {
              const admitted = await admitSlackRequest(req, res, {
                signingSecret: config.signingSecret ?? '',
                nowMs: deps.clock().getTime(),
                logger,
              });
              if (admitted) http.requestListener(req, res);
            },
          },
        ]
      : [],
    sender: createSlackSender({
      web,
      caseMessages: deps.caseMessages,
      compose: (item) => deps.compose(item, 'slack'),
      logger,
      clock: deps.clock,
      markUnreachable: (personId, platform, reason) =>
        deps.people.markUnreachable(personId, platform, reason),
      kickOutbox: deps.kickOutbox,
    }),
    async start() {
      if (socketMode) {
        await app.start();
        logger.info({}, 'slack socket mode connected');
        return;
      }
      // Learn who the bot is now, so the first request does not wait for it; a failure is retried later.
      try {
        const bot = await web.botIdentity();
        logger.info({ botUserId: bot.botUserId, teamId: bot.teamId }, 'slack ready');
      } catch (err) {
        logger.error(
          {
            code: (err as { code?: string }).code,
            error: scrubSecrets(String((err as Error).message ?? err)),
          },
          'slack auth.test failed; retried on the next request',
        );
      }
    },
    async stop() {
      if (socketMode) await app.stop();
    },
  };
};
