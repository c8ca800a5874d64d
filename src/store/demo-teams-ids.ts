// The demo's placeholder Teams ids. The workflow notifies people on Teams only when they have a
// Teams id; in the local demo nobody has one, so everyone without one gets `<prefix><person id>`
// (the Teams sender sends those into the Playground's one chat). Outside the demo the
// placeholders are removed again, so a real Teams deployment never writes to them.
import { type Db, sqlOf } from './store-handle.js';

export async function prepareDemoTeamsIds(db: Db, demo: boolean, prefix: string, now: Date): Promise<void> {
  const k = sqlOf(db);
  if (demo) {
    const missing = await k.selectFrom('people').select('id').where('teams_id', 'is', null).execute();
    for (const p of missing) {
      await k
        .updateTable('people')
        .set({ teams_id: `${prefix}${p.id}`, updated_at: now.toISOString() })
        .where('id', '=', p.id)
        .where('teams_id', 'is', null)
        .execute();
    }
  } else {
    await k.updateTable('people').set({ teams_id: null }).where('teams_id', 'like', `${prefix}%`).execute();
  }
}
