// Conversation references in the store: where a platform lets Koers write later (proactively),
// kept as the platform's own JSON under a key the channel chooses (`teams:<user id>`,
// `teams-channel:<channel id>`). The store neither reads nor checks the JSON: the channel does.

import { literalLimit } from './literal-limit.js';
import { findPersonByPlatformId } from './people-repo.js';
import { preparedRows } from './prepared-query.js';
import { type Db, sqlOf } from './store-handle.js';

export interface StoredRefRow {
  key: string;
  /** The platform's reference, as JSON. */
  reference: string;
}

/**
 * The conversation references of one store. `put` stores (or replaces) one, and a reference stored
 * again is reachable again; `latest` gives the newest whose key starts so.
 */
export function conversationRefRepo(db: Db, clock: () => Date) {
  const k = sqlOf(db);
  return {
    async put(r: {
      key: string;
      platform: string;
      personId: string | null;
      reference: string;
    }): Promise<void> {
      const row = {
        key: r.key,
        platform: r.platform,
        person_id: r.personId,
        reference: r.reference,
        unreachable_at: null,
        updated_at: clock().toISOString(),
      };
      await k
        .insertInto('conversation_refs')
        .values(row)
        .onConflict((oc) =>
          oc.column('key').doUpdateSet({
            person_id: row.person_id,
            reference: row.reference,
            unreachable_at: null,
            updated_at: row.updated_at,
          }),
        )
        .execute();
    },
    async remove(key: string): Promise<void> {
      await k.deleteFrom('conversation_refs').where('key', '=', key).execute();
    },
    async get(key: string): Promise<StoredRefRow | null> {
      const row = await k
        .selectFrom('conversation_refs')
        .select(['key', 'reference'])
        .where('key', '=', key)
        .executeTakeFirst();
      return row ?? null;
    },
    async latest(prefix: string, limit: number): Promise<StoredRefRow[]> {
      const pattern = `${prefix}%`;
      return preparedRows(k, 'teams-refs-latest', [pattern], () =>
        k
          .selectFrom('conversation_refs')
          .select(['key', 'reference'])
          .where('key', 'like', pattern)
          .orderBy('updated_at', 'desc')
          .limit(literalLimit(limit)),
      );
    },
    async markUnreachable(key: string): Promise<void> {
      await k
        .updateTable('conversation_refs')
        .set({ unreachable_at: clock().toISOString() })
        .where('key', '=', key)
        .execute();
    },
    /** The directory id of the person a platform user is, when the directory knows them. */
    async personIdOf(platform: 'slack' | 'teams', userId: string): Promise<string | null> {
      return (await findPersonByPlatformId(db, platform, userId))?.id ?? null;
    },
    /** The references of directory people's personal Teams chats, stored under `keyOf(teams id)`. */
    async personalReferencesOf(
      personIds: ReadonlyArray<string>,
      keyOf: (teamsId: string) => string,
    ): Promise<string[]> {
      if (personIds.length === 0) return [];
      const ids = [...personIds];
      const people = await preparedRows(k, `teams-ids-of-${ids.length}`, ids, () =>
        k.selectFrom('people').select('teams_id').where('id', 'in', ids),
      );
      const keys = people.flatMap((p) => (p.teams_id ? [keyOf(p.teams_id)] : []));
      if (keys.length === 0) return [];
      const rows = await preparedRows(k, `teams-refs-of-${keys.length}`, keys, () =>
        k.selectFrom('conversation_refs').select('reference').where('key', 'in', keys),
      );
      return rows.map((r) => r.reference);
    },
  };
}
