// The register's vocabulary held in memory for typed words with a typo (partner-vocabulary.ts), on
// every backend: words indexed by this process are in it at once; words written by someone else
// (another instance, `koers import`) once it has been read again, which a lookup starts when it is
// a minute old; and a failed reading leaves the words it had.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { indexPartnerKeys } from '../../src/store/partner-index.js';
import { partnerVocabulary, VOCABULARY_MAX_AGE_MS } from '../../src/store/partner-vocabulary.js';
import { BACKENDS, makeTestStore, type TestStore } from '../support/test-stores.js';

describe.each(BACKENDS)('the partner vocabulary on %s', (backend) => {
  let ts: TestStore;
  beforeEach(async () => {
    ts = await makeTestStore(backend);
  });
  afterEach(async () => {
    await ts.drop();
  });

  it("is read sorted, without initials, with each entry's keys counted, and gets the words this process indexes at once", async () => {
    await indexPartnerKeys(ts.store.db, ['technische universiteit delft', 'deltares', 'tu delft']);
    const t0 = Date.now();
    const read = await partnerVocabulary(ts.store.handle, t0);
    expect(read.words).toEqual(['delft', 'deltares', 'technical', 'tu', 'university']);
    expect([
      read.keyCount('delft'),
      read.keyCount('deltares'),
      read.keyCount('^tud'),
      read.keyCount('^td'),
    ]).toEqual([2, 1, 1, 1]);
    await indexPartnerKeys(ts.store.db, ['hoogheemraadschap zeeveld']);
    const later = await partnerVocabulary(ts.store.handle, t0 + 1);
    expect(later.words).toEqual([
      'delft',
      'deltares',
      'hoogheemraadschap',
      'technical',
      'tu',
      'university',
      'zeeveld',
    ]);
    // Counted at the next reading; until then taken as rare by the lookup.
    expect(later.keyCount('zeeveld')).toBeUndefined();
  });

  it("gets another writer's words when a lookup finds it a minute old, and keeps its words when the reading fails", async () => {
    const t0 = Date.now();
    await indexPartnerKeys(ts.store.db, ['deltares']);
    expect((await partnerVocabulary(ts.store.handle, t0)).words).toEqual(['deltares']);
    // Written as another process would: straight into the table, not through this process's indexer.
    await ts.store.db
      .insertInto('partner_words')
      .values({ word: 'vliedermonde', partner_key: 'vliedermonde' })
      .execute();
    expect((await partnerVocabulary(ts.store.handle, t0 + 1000)).words).toEqual(['deltares']);
    // A minute on: this lookup still answers from what it had, and starts the reading.
    expect((await partnerVocabulary(ts.store.handle, t0 + VOCABULARY_MAX_AGE_MS + 1)).words).toEqual([
      'deltares',
    ]);
    await expect
      .poll(async () => (await partnerVocabulary(ts.store.handle, t0 + VOCABULARY_MAX_AGE_MS + 2)).words)
      .toEqual(['deltares', 'vliedermonde']);
    // The table gone (a reading that fails): the words stay, and lookups go on.
    await ts.store.db.schema.dropTable('partner_words').execute();
    const later = t0 + 3 * VOCABULARY_MAX_AGE_MS;
    expect((await partnerVocabulary(ts.store.handle, later)).words).toEqual(['deltares', 'vliedermonde']);
    await new Promise((r) => setTimeout(r, 50));
    expect((await partnerVocabulary(ts.store.handle, later + 1)).words).toEqual(['deltares', 'vliedermonde']);
  });
});
