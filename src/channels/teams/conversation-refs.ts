// Conversation references: where Koers can write to a person or a channel later (proactively).
// Kept as plain JSON in `conversation_refs`, keyed `teams:<user id>` (a person's personal chat with
// the bot) or `teams-channel:<channel id>`. Read through a normaliser that takes the bot's account
// as `bot` (botbuilder) or `agent` (the Microsoft 365 Agents SDK), so a move to that SDK keeps
// the stored references.
import { type Activity, type ConversationReference, TurnContext } from 'botbuilder';
import type { ConversationRefRows } from '../../application/channel-port.js';

export const personRefKey = (userId: string) => `teams:${userId}`;
export const channelRefKey = (channelId: string) => `teams-channel:${baseConversationId(channelId)}`;

/** A channel thread's conversation id carries `;messageid=…`: the channel is what comes before. */
export function baseConversationId(id: string): string {
  return id.split(';')[0] ?? id;
}

/** The Teams user id Koers knows a person by: the AAD object id when Teams gives it. */
export function userIdOf(activity: Partial<Activity>): string | null {
  const from = activity.from as { id?: string; aadObjectId?: string } | undefined;
  return from?.aadObjectId || from?.id || null;
}

/** Where an activity came from, as a key of `conversation_refs`; null for group chats. */
export function refKeyOf(activity: Partial<Activity>): string | null {
  const type = activity.conversation?.conversationType;
  if (type === 'personal') {
    const user = userIdOf(activity);
    return user ? personRefKey(user) : null;
  }
  if (type === 'channel') {
    const channel = (activity.channelData as { channel?: { id?: string } } | undefined)?.channel?.id;
    const id = channel ?? activity.conversation?.id;
    return id ? channelRefKey(id) : null;
  }
  return null;
}

export function referenceOf(activity: Partial<Activity>): Partial<ConversationReference> {
  const ref = TurnContext.getConversationReference(activity);
  const { activityId: _reply, ...rest } = ref;
  return {
    ...rest,
    conversation: { ...ref.conversation, id: baseConversationId(ref.conversation?.id ?? '') },
  } as Partial<ConversationReference>;
}

/** A stored reference, whichever SDK wrote it; null when it is not one. */
export function readReference(json: string): Partial<ConversationReference> | null {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return null;
  }
  if (!raw || typeof raw !== 'object') return null;
  const r = raw as Record<string, unknown> & { conversation?: { id?: unknown }; serviceUrl?: unknown };
  if (typeof r.serviceUrl !== 'string' || typeof r.conversation?.id !== 'string') return null;
  const { agent, ...rest } = r;
  return { ...rest, bot: (r.bot ?? agent) as ConversationReference['bot'] } as Partial<ConversationReference>;
}

/** A reference with another channel's conversation in it (same service URL, bot and tenant). */
export function withConversation(
  reference: Partial<ConversationReference>,
  channelId: string,
): Partial<ConversationReference> {
  const conversation = {
    ...(reference.conversation ?? {}),
    id: channelId,
    conversationType: 'channel',
    isGroup: true,
  };
  return { ...reference, conversation } as Partial<ConversationReference>;
}

export interface StoredRef {
  key: string;
  reference: Partial<ConversationReference>;
}

/** Teams' references over the app's store of them: normalised on the way in and out. */
export function createRefStore(rows: ConversationRefRows) {
  /** Keys written by this process: the first message of a person stores its reference, later ones do not. */
  const written = new Set<string>();

  async function save(key: string, activity: Partial<Activity>): Promise<void> {
    const user = key.startsWith('teams:') ? userIdOf(activity) : null;
    const personId = user ? await rows.personIdOf('teams', user) : null;
    await store(key, referenceOf(activity), personId);
  }

  async function store(key: string, reference: unknown, personId: string | null): Promise<void> {
    await rows.put({ key, platform: 'teams', personId, reference: JSON.stringify(reference) });
    written.add(key);
  }

  return {
    /** On install and conversation updates: always (re)stored. */
    async remember(activity: Partial<Activity>): Promise<void> {
      const key = refKeyOf(activity);
      if (key) await save(key, activity);
    },
    /** On a message: stored once per process, so a busy chat costs no writes. */
    async rememberFirst(activity: Partial<Activity>): Promise<void> {
      const key = refKeyOf(activity);
      if (key && !written.has(key)) await save(key, activity);
    },
    /** A conversation Koers opened itself (with someone who never wrote): stored like theirs. */
    async put(
      key: string,
      reference: Partial<ConversationReference>,
      personId: string | null,
    ): Promise<void> {
      await store(key, reference, personId);
    },
    async forget(activity: Partial<Activity>): Promise<void> {
      const key = refKeyOf(activity);
      if (!key) return;
      written.delete(key);
      await rows.remove(key);
    },
    async get(key: string): Promise<StoredRef | null> {
      const row = await rows.get(key);
      const reference = row ? readReference(row.reference) : null;
      return row && reference ? { key: row.key, reference } : null;
    },
    /** The most recently stored reference whose key starts so (`teams:`, `teams-channel:`). */
    async latest(prefix: 'teams:' | 'teams-channel:'): Promise<StoredRef | null> {
      for (const row of await rows.latest(prefix, 20)) {
        const reference = readReference(row.reference);
        if (reference) return { key: row.key, reference };
      }
      return null;
    },
    /**
     * Where to write to a channel: its own reference, else one of another channel with the
     * channel's id put in (Teams lets a bot write to any channel of a team it is in, by the
     * channel's id; the other reference gives the service URL). Null when Koers knows no channel.
     */
    async channelReference(channelId: string): Promise<StoredRef | null> {
      const exact = await this.get(channelRefKey(channelId));
      if (exact) return exact;
      const other = await this.latest('teams-channel:');
      return other
        ? { key: channelRefKey(channelId), reference: withConversation(other.reference, channelId) }
        : null;
    },
    async markUnreachable(key: string): Promise<void> {
      await rows.markUnreachable(key);
    },
    /**
     * The Teams user ids (what `refresh.userIds` takes) of directory people, from their personal
     * chats with the bot; people without one are left out.
     */
    async userIdsOf(personIds: ReadonlyArray<string>): Promise<string[]> {
      const references = await rows.personalReferencesOf(personIds, personRefKey);
      const userIds = references
        .map((r) => readReference(r)?.user?.id)
        .filter((id): id is string => typeof id === 'string');
      return [...new Set(userIds)];
    },
  };
}

export type RefStore = ReturnType<typeof createRefStore>;
