// The chat channels Koers serves. Slack is there when it is configured. Teams is always there:
// with credentials for real, in the demo for the Playground, and otherwise for loopback Bot
// Framework clients only (interfaces.md) - then it notifies nobody, and botbuilder is loaded only
// when such a client first calls (a Slack-only deployment starts without it).
import { createSlackChannel } from '../channels/slack/slack-channel.js';
import type { ChannelDeps } from './channel-deps.js';
import type { ChannelModule } from './channel-module.js';
import type { ChannelFactory } from './create-app.js';

const createTeams: ChannelFactory = (deps) => lazyTeams(deps, deps.config.teams !== null || deps.config.demo);

function lazyTeams(deps: ChannelDeps, notifies: boolean): ChannelModule {
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
    notifies,
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
      // Configured or in the demo: load it now, at start, as any channel.
      if (notifies) await load();
    },
    async stop() {
      if (loaded) await (await loaded).stop?.();
    },
  };
}

export const CHANNELS: ChannelFactory[] = [createSlackChannel, createTeams];
