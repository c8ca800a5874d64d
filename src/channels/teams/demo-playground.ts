// The local demo in the Microsoft 365 Agents Playground: one Playground user plays everyone (`demo
// as NAME`), and the strategy's Teams channels are channels of the Playground's team.
//
// How people are reached: the workflow only notifies people on Teams who have a Teams id. In the
// demo nobody does, so every directory person without one gets the placeholder `demo:<person id>`;
// the sender sends whatever is for such a person (or for anyone without a conversation of their
// own) into the most recent personal chat, which is the Playground user's. Outside the demo the
// placeholders are removed again.
//
// How channels are reached: the Playground reads `.m365agentsplayground.yml` from its working
// directory. playgroundConfigYaml makes its team's General channel the alliance team's channel id
// and its one extra channel (the Playground allows one) the strategy channel's id, so a post to
// `19:strategy@thread.tacv2` lands in a channel named after it. A Playground started without this
// file answers 404 for those ids; the sender then posts into the personal chat under a
// "#strategiekanaal" heading.
import type { Kysely } from 'kysely';
import { stringify } from 'yaml';
import type { Strategy } from '../../domain/strategy/compile-strategy.js';
import type { Database } from '../../store/schema.js';

export const DEMO_TEAMS_PREFIX = 'demo:';
export const PLAYGROUND_CONFIG_FILE = '.m365agentsplayground.yml';

export async function prepareDirectory(db: Kysely<Database>, demo: boolean, now: Date): Promise<void> {
  if (demo) {
    const missing = await db.selectFrom('people').select('id').where('teams_id', 'is', null).execute();
    for (const p of missing) {
      await db
        .updateTable('people')
        .set({ teams_id: `${DEMO_TEAMS_PREFIX}${p.id}`, updated_at: now.toISOString() })
        .where('id', '=', p.id)
        .where('teams_id', 'is', null)
        .execute();
    }
  } else {
    await db
      .updateTable('people')
      .set({ teams_id: null })
      .where('teams_id', 'like', `${DEMO_TEAMS_PREFIX}%`)
      .execute();
  }
}

const DEFAULT_TEAM_ID = '19:koers-demo@thread.tacv2';

/** The Playground's configuration for the demo: its team holds the strategy's Teams channels. */
export function playgroundConfigYaml(strategy: Strategy): string {
  const channels = strategy.file.channels;
  const strategyChannel = channels.strategy?.teams;
  const allianceChannel = channels.allianceTeam?.teams;
  const teamId = allianceChannel && allianceChannel !== strategyChannel ? allianceChannel : DEFAULT_TEAM_ID;
  const nl = strategy.locale === 'nl';
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
    tenantId: '00000000-0000-0000-0000-0000000000001',
    bot: { id: '00000000-0000-0000-0000-00000000000011', name: 'Koers' },
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
    groupChat: { id: 'koers-demo-group-chat', name: nl ? 'Groepschat' : 'Group chat' },
    team: {
      id: teamId,
      name: strategy.file.organisation.name,
      aadGroupId: '00000000-0000-0000-0000-000000000031',
      channels:
        strategyChannel && strategyChannel !== teamId
          ? [{ id: strategyChannel, name: nl ? 'Strategiekanaal' : 'Strategy channel' }]
          : [],
    },
  };
  return `# Written by Koers for the local demo (src/channels/teams/demo-playground.ts).\n${stringify(config)}`;
}
