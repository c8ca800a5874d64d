// "Who works with partner X?": the relationships with the same partner key, and near matches
// (`TU Delft` / `Technische Universiteit Delft`, `Deltaris` / `Deltares`). Near candidates come
// from the register's word index (partner-index.ts): the keys that share a word, an acronym or
// a word within the typos its length allows (found among the register's words held in memory,
// partner-vocabulary.ts); they are scored here. The register is never read whole.
import { NEAR_MATCH_THRESHOLD, nearMatcher } from '../domain/portfolio/near-match.js';
import { capLookup, partnerKey, partnerKeysOf } from '../domain/portfolio/partner-key.js';
import { lookupTerms } from '../domain/portfolio/partner-words.js';
import { areNearWords, typoAllowance } from '../domain/text/edit-distance.js';
import { wordsWithin } from '../domain/text/words-within.js';
import { keysPerWord, relationshipsWithKeys } from '../store/partner-match-reads.js';
import { partnerVocabulary } from '../store/partner-vocabulary.js';
import type { Db } from '../store/store-handle.js';
import type { RelationshipStatus } from './register-row.js';

export interface PartnerRelationship {
  id: number;
  partner: string;
  ownerId: string;
  /** From the people directory; null when the owner is not in it. */
  ownerName: string | null;
  unit: string | null;
  intensity: string;
  priority: string | null;
  status: RelationshipStatus;
  start: string | null;
}

export interface NearRelationship extends PartnerRelationship {
  /** 0..1, see nearMatchScore. */
  score: number;
}

export interface WhoWorksWith {
  key: string;
  exact: PartnerRelationship[];
  near: NearRelationship[];
}

export interface WhoWorksWithOptions {
  /** Most rows in each of `exact` and `near` (default 20). */
  limit?: number;
  /** Most near candidates read from the store before scoring (default 500). */
  candidates?: number;
  /** Confidential relationships are left out unless asked for. */
  includeConfidential?: boolean;
}

export async function whoWorksWith(
  db: Db,
  name: string,
  options: WhoWorksWithOptions = {},
): Promise<WhoWorksWith> {
  const asked = capLookup(name).name;
  const key = partnerKey(asked);
  const limit = options.limit ?? 20;
  if (key === '') return { key, exact: [], near: [] };
  const keys = partnerKeysOf(asked);
  // The exact matches and the near candidates are read side by side (on PostgreSQL, over two of
  // the pool's connections).
  const [exactRows, candidates] = await Promise.all([
    relationshipsWithKeys(db, keys, {
      limit,
      byStatus: true,
      includeConfidential: options.includeConfidential,
    }),
    nearCandidateKeys(db, key, options.candidates ?? 500),
  ]);

  // A near match's score depends on its key alone: the candidate keys are scored first, and only
  // the relationships of keys that score as near matches are read.
  const scores = new Map<string, number>();
  const scoreOf = nearMatcher(key);
  for (const k of candidates) {
    if (keys.includes(k)) continue;
    const score = scoreOf(k);
    if (score >= NEAR_MATCH_THRESHOLD) scores.set(k, score);
  }
  const candidateRows =
    scores.size === 0
      ? []
      : await relationshipsWithKeys(db, [...scores.keys()], {
          limit: options.candidates ?? 500,
          byStatus: false,
          includeConfidential: options.includeConfidential,
        });

  const near = candidateRows
    .map((r) => ({ ...toRelationship(r), score: scores.get(r.partner_key) ?? 0 }))
    .sort(
      (a, b) =>
        b.score - a.score ||
        statusRank(a.status) - statusRank(b.status) ||
        a.partner.localeCompare(b.partner) ||
        a.id - b.id,
    )
    .slice(0, limit);
  return { key, exact: exactRows.map(toRelationship), near };
}

/**
 * Partner keys other than `key` that share an indexed word with it (a word, a word as the other's
 * initials, or initials as the other's word), or a word within the typos its length allows (two
 * from nine letters), at most `cap`. The words with the fewest keys come first, and a word shared by thousands of names
 * (`stichting`) is left out when the lookup has a rarer word (`deltares`), whose keys are the ones
 * that score as near matches.
 */
async function nearCandidateKeys(db: Db, key: string, cap: number): Promise<string[]> {
  const { words, terms } = lookupTerms(key);
  if (terms.length === 0) return [];
  const near = new Set(terms);
  const vocabulary = await partnerVocabulary(db);
  for (const w of words) {
    const reach = typoReach(w);
    if (reach === 0) continue;
    for (const found of wordsWithin(vocabulary.words, w, reach)) if (areNearWords(w, found)) near.add(found);
  }
  const rows = await keysPerWord(db, [...near], key, cap, vocabulary.keyCount);
  const byWord = new Map<string, string[]>();
  for (const r of rows) {
    const list = byWord.get(r.word) ?? [];
    list.push(r.partner_key);
    byWord.set(r.word, list);
  }
  // The store has left out the words too common to tell names apart (keysPerWord); the rarest
  // words' keys come first.
  const lists = [...byWord.values()].sort((a, b) => a.length - b.length);
  const out = new Set<string>();
  for (const list of lists) {
    for (const k of list) {
      if (out.size >= cap) break;
      out.add(k);
    }
  }
  return [...out];
}

/** How many edits away the register's words may be to be near a typed word (areNearWords). */
function typoReach(word: string): number {
  return Math.max(typoAllowance(word), word.length >= 4 ? 1 : 0);
}

function statusRank(status: RelationshipStatus): number {
  return status === 'active' ? 0 : status === 'planned' ? 1 : 2;
}

function toRelationship(r: {
  id: number;
  partner: string;
  owner_id: string;
  owner_name: string | null;
  unit: string | null;
  intensity: string;
  priority: string | null;
  status: RelationshipStatus;
  start_date: string | null;
}): PartnerRelationship {
  return {
    id: Number(r.id),
    partner: r.partner,
    ownerId: r.owner_id,
    ownerName: r.owner_name,
    unit: r.unit,
    intensity: r.intensity,
    priority: r.priority,
    status: r.status,
    start: r.start_date,
  };
}
