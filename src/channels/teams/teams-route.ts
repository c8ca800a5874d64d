// POST /api/messages on plain node:http: our own checks (who may call, how large, valid JSON),
// then botbuilder authenticates the activity and runs the bot; an invoke's answer is the body.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Activity, TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import { type Route, readBody, sendJson } from '../../http/http-server.js';
import { scrubSecrets } from '../../logger.js';
import { withSdkConsole } from './sdk-console.js';
import type { KoersCloudAdapter } from './teams-adapter.js';
import { isForwarded, isLoopback, TeamsAuthRefused } from './teams-auth.js';
import { TEAMS_LIMITS } from './teams-limits.js';

export interface MessagesRouteOptions {
  adapter: KoersCloudAdapter;
  /** True when an app id is configured (botbuilder checks tokens); false: loopback only. */
  authenticated: boolean;
  logger: Logger;
  logic: (context: TurnContext) => Promise<void>;
}

export function messagesRoute(o: MessagesRouteOptions): Route {
  const handler = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (!o.authenticated && (!isLoopback(req.socket.remoteAddress) || isForwarded(req.headers))) {
      // Without an app id botbuilder would accept any caller: only this machine may talk to us,
      // and a request a proxy passed on is from the network, whatever the socket says.
      o.logger.warn(
        { channel: 'teams', remote: req.socket.remoteAddress, forwarded: isForwarded(req.headers) },
        'teams request refused: not loopback and no app id configured',
      );
      req.resume();
      res.writeHead(401).end();
      return;
    }
    const raw = await readBody(req, TEAMS_LIMITS.maxActivityBytes);
    if (raw === null) {
      res.writeHead(413).end();
      return;
    }
    let body: unknown;
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      body = null;
    }
    if (
      !body ||
      typeof body !== 'object' ||
      Array.isArray(body) ||
      typeof (body as { type?: unknown }).type !== 'string'
    ) {
      res.writeHead(400, { 'content-type': 'text/plain' }).end('bad activity');
      return;
    }
    const auth = req.headers.authorization ?? '';
    let answer: Awaited<ReturnType<KoersCloudAdapter['run']>>;
    try {
      answer = await withSdkConsole(o.logger, () => o.adapter.run(auth, body as Activity, o.logic));
    } catch (err) {
      if (err instanceof TeamsAuthRefused) {
        const cause = err.cause as { message?: unknown; statusCode?: unknown } | undefined;
        o.logger.warn(
          {
            channel: 'teams',
            remote: req.socket.remoteAddress,
            reason: scrubSecrets(String(cause?.message ?? '')).slice(0, 200),
          },
          'teams request refused: not authenticated',
        );
        res.writeHead(cause?.statusCode === 403 ? 403 : 401).end();
        return;
      }
      throw err;
    }
    if (answer?.body === undefined || answer.body === null) {
      res.writeHead(answer?.status ?? 200).end();
      return;
    }
    sendJson(res, answer.status, answer.body);
  };
  return { method: 'POST', path: '/api/messages', handler };
}
