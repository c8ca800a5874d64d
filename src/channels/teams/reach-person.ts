// Reaching an approver in Teams who never opened a chat with Koers: install the app for them
// through Microsoft Graph (install-for-person.ts), open a personal conversation with them through
// the Bot Connector (`POST /v3/conversations`, by their Entra object id), and keep its reference
// like one from their first message. Only a refused installation or conversation makes the person
// unreachable, with the reason.
import type { CloudAdapter, ConversationParameters, ConversationReference } from 'botbuilder';
import type { GraphClient } from '../../directory/graph-client.js';
import type { StoredRef } from './conversation-refs.js';
import { installKoersFor } from './install-for-person.js';
import { connectorFailure } from './teams-errors.js';

export interface TeamsReach {
  graph: GraphClient;
  graphUrl: string;
  /** The app's id in the organisation's Teams catalogue. */
  catalogAppId: string;
  tenantId: string;
  /** Where the Bot Connector is, when no stored conversation tells (Teams' global address). */
  defaultServiceUrl: string;
}

export const TEAMS_SERVICE_URL = 'https://smba.trafficmanager.net/teams/';
const BOT_AUDIENCE = 'https://api.botframework.com';

export type ReachOutcome =
  | { ok: true; reference: Partial<ConversationReference> }
  | { ok: false; reason: string };

export async function reachPerson(
  o: {
    reach: TeamsReach;
    adapter: CloudAdapter;
    appId: string;
    /** A stored reference, for the service URL this tenant's Teams uses. */
    known: StoredRef | null;
  },
  aadObjectId: string,
): Promise<ReachOutcome> {
  const installed = await installKoersFor(o.reach.graph, {
    graphUrl: o.reach.graphUrl,
    catalogAppId: o.reach.catalogAppId,
    userId: aadObjectId,
  });
  if (!installed.ok) return installed;
  const serviceUrl = o.known?.reference.serviceUrl ?? o.reach.defaultServiceUrl;
  const params: ConversationParameters = {
    isGroup: false,
    bot: { id: o.appId, name: 'Koers' },
    members: [{ id: aadObjectId, name: '' }],
    tenantId: o.reach.tenantId,
    channelData: { tenant: { id: o.reach.tenantId } },
  } as ConversationParameters;
  let conversationId: string | null = null;
  try {
    await o.adapter.createConversationAsync(
      o.appId,
      'msteams',
      serviceUrl,
      BOT_AUDIENCE,
      params,
      async (ctx) => {
        conversationId = ctx.activity.conversation?.id ?? null;
      },
    );
  } catch (err) {
    const f = connectorFailure(err);
    return {
      ok: false,
      reason: `Teams refused a chat with this person after installing Koers (${f.status}${f.code ? ` ${f.code}` : ''})`,
    };
  }
  if (!conversationId) return { ok: false, reason: 'Teams opened no chat with this person' };
  return {
    ok: true,
    reference: {
      channelId: 'msteams',
      serviceUrl,
      conversation: {
        id: conversationId,
        conversationType: 'personal',
        tenantId: o.reach.tenantId,
        isGroup: false,
        name: '',
      },
      bot: { id: o.appId, name: 'Koers' },
      user: { id: aadObjectId, aadObjectId, name: '' },
    } as Partial<ConversationReference>,
  };
}
