// The application's side of the channel port: what a channel may ask about people, cases,
// the messages it posted and where it can write later, answered from the store. The composition
// root builds these once and hands them to every channel.
import type { Strategy } from '../domain/strategy/compile-strategy.js';
import { parseCaseId } from '../domain/workflow/case-id.js';
import { caseMessageLog } from '../store/case-messages.js';
import { caseDecidersOf } from '../store/channel-reads.js';
import { conversationRefRepo } from '../store/conversation-ref-repo.js';
import { prepareDemoTeamsIds } from '../store/demo-teams-ids.js';
import { findPersonByPlatformId, getPerson } from '../store/people-repo.js';
import type { Db } from '../store/store-handle.js';
import type { ChannelDeps } from './channel-port.js';
import { localeOf, resolvePerson } from './chat-identity.js';

export interface ChannelServicesDeps {
  db: Db;
  strategy: () => Strategy;
  clock: () => Date;
  demo: boolean;
  /** The workflow's answer to a person no platform reaches: their waiting cases move on. */
  markUnreachable: (personId: string, platform: string, why: string) => Promise<number[]>;
}

export function channelServices(
  d: ChannelServicesDeps,
): Pick<ChannelDeps, 'people' | 'caseMessages' | 'refs' | 'demoDirectory'> {
  return {
    people: {
      async localeOfUser(identity) {
        const row = await findPersonByPlatformId(d.db, identity.platform, identity.userId);
        return localeOf(row ?? null, identity.platformLocale, d.strategy());
      },
      async localeOfPerson(personId, platformLocale) {
        const row = personId ? await getPerson(d.db, personId) : undefined;
        return localeOf(row ?? null, platformLocale, d.strategy());
      },
      async nameOf(personId) {
        return (await getPerson(d.db, personId))?.name ?? null;
      },
      async decidersOf(caseId) {
        const id = parseCaseId(caseId);
        return id === null ? [] : caseDecidersOf(d.db, id);
      },
      async actingPersonOf(identity) {
        return (await resolvePerson(d.db, d.strategy(), identity, d.demo)).id;
      },
      markUnreachable: (personId, platform, why) => d.markUnreachable(personId, platform, why),
    },
    caseMessages: caseMessageLog(d.db),
    refs: conversationRefRepo(d.db, d.clock),
    demoDirectory: {
      prepare: (demo, prefix) => prepareDemoTeamsIds(d.db, demo, prefix, d.clock()),
    },
  };
}
