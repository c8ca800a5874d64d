// The Teams channel: botbuilder's CloudAdapter behind POST /api/messages, the bot, and the
// outbox sender, wired from the app's ChannelDeps. Always present: without an app id it serves
// loopback clients (the Playground, the demo, local tests).
import type { ChannelDeps, ChannelFactory, ChannelModule } from '../../application/channel-port.js';
import type { GraphConfig } from '../../config.js';
import { createGraphClient } from '../../directory/graph-client.js';
import { preloadTemplates } from './card-templates.js';
import { createCaseCards } from './case-cards.js';
import { createRefStore } from './conversation-refs.js';
import { DEMO_TEAMS_PREFIX } from './demo-playground.js';
import { TEAMS_SERVICE_URL, type TeamsReach } from './reach-person.js';
import { KoersCloudAdapter } from './teams-adapter.js';
import { type BotAuthOptions, createBotAuthentication } from './teams-auth.js';
import { KoersTeamsBot } from './teams-bot.js';
import { messagesRoute } from './teams-route.js';
import { createTeamsSender } from './teams-sender.js';

export type TeamsChannelOptions = BotAuthOptions & {
  /** Installing Koers for people through Graph; by default from the Graph configuration. */
  reach?: TeamsReach | null;
};

/** Graph with the app's id in the Teams catalogue: Koers can reach people who never wrote. */
function reachFromConfig(graph: GraphConfig | null): TeamsReach | null {
  if (!graph?.teamsCatalogAppId) return null;
  return {
    graph: createGraphClient({ config: graph }),
    graphUrl: graph.graphUrl,
    catalogAppId: graph.teamsCatalogAppId,
    tenantId: graph.tenantId,
    defaultServiceUrl: TEAMS_SERVICE_URL,
  };
}

export function buildTeamsChannel(deps: ChannelDeps, options: TeamsChannelOptions = {}): ChannelModule {
  const teams = deps.config.teams;
  const logger = deps.logger.child({ channel: 'teams' });
  const adapter = new KoersCloudAdapter(createBotAuthentication(teams, options));
  adapter.onTurnError = async (context, err) => {
    // Logged only: a failed turn must not message anyone (proactive turns catch their own errors).
    logger.error(
      { err, eventId: context.activity?.id ?? null, activityType: context.activity?.type ?? null },
      'teams turn failed',
    );
  };
  const refs = createRefStore(deps.refs);
  const cards = createCaseCards({ people: deps.people, refs, demo: deps.config.demo });
  const bot = new KoersTeamsBot({
    chat: deps.chat,
    refs,
    cards,
    logger: deps.logger,
    kickOutbox: deps.kickOutbox,
    demo: deps.config.demo,
  });
  return {
    name: 'teams',
    routes: [messagesRoute({ adapter, authenticated: teams !== null, logger, logic: (ctx) => bot.run(ctx) })],
    sender: createTeamsSender({
      deps,
      adapter,
      refs,
      cards,
      appId: teams?.appId ?? '',
      reach: options.reach !== undefined ? options.reach : reachFromConfig(deps.config.graph),
    }),
    async start() {
      await deps.demoDirectory.prepare(deps.config.demo, DEMO_TEAMS_PREFIX);
      // Warm the card templates once the server is up, off the start-up path.
      if (deps.config.teams !== null || deps.config.demo) setTimeout(() => preloadTemplates(), 50).unref();
    },
  };
}

export const createTeamsChannel: ChannelFactory = (deps) => buildTeamsChannel(deps);

/** The channel with options (tests: outbound credentials that need no Microsoft login). */
export function teamsChannelWith(options: TeamsChannelOptions): ChannelFactory {
  return (deps) => buildTeamsChannel(deps, options);
}
