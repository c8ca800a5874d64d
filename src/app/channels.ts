// The chat channels Koers serves. Slack is there when it is configured. Teams is there with
// credentials for real, and in the demo for the Playground (loopback clients only). A Slack
// deployment without MicrosoftAppId has no Teams channel at all: /api/messages is not served
// and botbuilder is never loaded (it is imported only when Teams is there).

import type { ChannelDeps, ChannelFactory, ChannelModule } from '../application/channel-port.js';
import { createSlackChannel } from '../channels/slack/slack-channel.js';

const createTeams: ChannelFactory = (deps) =>
  deps.config.slack !== null && deps.config.teams === null ? null : importedTeams(deps);

/** The Teams channel, its module (and botbuilder) imported when the app starts. */
function importedTeams(deps: ChannelDeps): ChannelModule {
  let loaded: Promise<ChannelModule> | null = null;
  const load = () => {
    loaded ??= import('../channels/teams/teams-channel.js').then(async (m) => {
      const module = m.createTeamsChannel(deps);
      if (!module) throw new Error('the Teams channel did not start');
      await module.start?.();
      return module;
    });
    return loaded;
  };
  return {
    name: 'teams',
    routes: [
      {
        method: 'POST',
        path: '/api/messages',
        handler: async (req, res) => {
          const route = (await load()).routes.find((r) => r.method === 'POST' && r.path === '/api/messages');
          if (!route) throw new Error('the Teams channel has no /api/messages route');
          await route.handler(req, res);
        },
      },
    ],
    sender: {
      platform: 'teams',
      deliver: async (item) => (await load()).sender.deliver(item),
      onUnreachable: async (item) => (await load()).sender.onUnreachable?.(item),
    },
    async start() {
      await load();
    },
    async stop() {
      if (loaded) await (await loaded).stop?.();
    },
  };
}

export const CHANNELS: ChannelFactory[] = [createSlackChannel, createTeams];
