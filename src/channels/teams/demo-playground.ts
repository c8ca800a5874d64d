// The local demo in the Microsoft 365 Agents Playground: one Playground user plays everyone (`demo
// as NAME`), and the strategy's Teams channels are conversations of the Playground, named for
// what they are.
//
// How people are reached: the workflow only notifies people on Teams who have a Teams id. In the
// demo nobody does, so every directory person without one gets the placeholder `demo:<person id>`;
// the sender sends whatever is for such a person (or for anyone without a conversation of their
// own) into the most recent personal chat, which is the Playground user's. Outside the demo the
// placeholders are removed again.
//
// How channels are reached: the Playground reads `.m365agentsplayground.yml` from its working
// directory. Its team always has a channel it names "General" (with the team's id) and takes one
// more; its one group chat takes any name. playgroundConfigYaml makes that one more channel the
// strategy channel ("Strategiekanaal") and the group chat the alliance team's channel
// ("Alliantieteam"), each with the strategy's id, so a post to `19:alliance@thread.tacv2` lands in
// a conversation that says whose it is; General stays the team's own. A Playground started
// without this file answers 404 for those ids; the sender then posts into the personal chat under
// a "#strategiekanaal" heading. The Playground's address is known (KOERS_PLAYGROUND_PORT), so its
// channels can be written to before anyone has opened it: playgroundChannelReference.
import type { ConversationReference } from 'botbuilder';
import { stringify } from 'yaml';
import type { Strategy } from '../../domain/strategy/compile-strategy.js';
import { textsOf } from '../../domain/texts/catalogue.js';

export const DEMO_TEAMS_PREFIX = 'demo:';
export const PLAYGROUND_CONFIG_FILE = '.m365agentsplayground.yml';

const DEFAULT_TEAM_ID = '19:koers-demo@thread.tacv2';
const DEFAULT_GROUP_CHAT_ID = 'koers-demo-group-chat';
const TENANT_ID = '00000000-0000-0000-0000-0000000000001';
const BOT = { id: '00000000-0000-0000-0000-00000000000011', name: 'Koers' };

/** A reference to one of the Playground's conversations on its connector (the demo's own port). */
export function playgroundChannelReference(port: number, channelId: string): Partial<ConversationReference> {
  return {
    channelId: 'msteams',
    serviceUrl: `http://127.0.0.1:${port}/_connector`,
    bot: BOT,
    conversation: { id: channelId, conversationType: 'channel', isGroup: true, tenantId: TENANT_ID },
  } as Partial<ConversationReference>;
}

/** The Playground's configuration for the demo: the strategy's Teams channels, by name. */
export function playgroundConfigYaml(strategy: Strategy): string {
  const channels = strategy.file.channels;
  const strategyChannel = channels.strategy?.teams;
  const allianceChannel =
    channels.allianceTeam?.teams && channels.allianceTeam.teams !== strategyChannel
      ? channels.allianceTeam.teams
      : undefined;
  const teamId = [strategyChannel, allianceChannel].includes(DEFAULT_TEAM_ID)
    ? `${DEFAULT_TEAM_ID}-team`
    : DEFAULT_TEAM_ID;
  const names = textsOf(strategy.locale).channel.playground;
  const people = strategy.people.slice(0, 5);
  const users = Array.from({ length: 5 }, (_, i) => {
    const name = people[i]?.name ?? `Demo ${i + 1}`;
    const [given, ...rest] = name.split(' ');
    const handle = `user${i + 1}`;
    return {
      id: `user-id-${i + 1}`,
      name,
      userPrincipleName: `${handle}@example.com`,
      aadObjectId: `00000000-0000-0000-0000-0000000000${String(21 + i).padStart(2, '0')}`,
      givenName: given ?? name,
      surname: rest.join(' ') || name,
      email: `${handle}@example.com`,
    };
  });
  const config = {
    version: '0.1.1',
    tenantId: TENANT_ID,
    bot: BOT,
    currentUser: {
      id: 'user-id-0',
      name: 'Demo',
      userPrincipleName: 'demo@example.com',
      aadObjectId: '00000000-0000-0000-0000-0000000000020',
      givenName: 'Demo',
      surname: 'Koers',
      email: 'demo@example.com',
    },
    users,
    personalChat: { id: 'koers-demo-personal-chat' },
    groupChat: allianceChannel
      ? { id: allianceChannel, name: names.allianceTeam }
      : { id: DEFAULT_GROUP_CHAT_ID, name: names.groupChat },
    team: {
      id: teamId,
      name: strategy.file.organisation.name,
      aadGroupId: '00000000-0000-0000-0000-000000000031',
      channels: strategyChannel ? [{ id: strategyChannel, name: names.strategy }] : [],
    },
  };
  return `# Written by Koers for the local demo (src/channels/teams/demo-playground.ts).\n${stringify(config)}`;
}
