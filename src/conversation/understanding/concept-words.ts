// Everyday words for the usual partner types and intensities, for strategies whose own keywords
// leave them out. A strategy's option gets a concept's words when its id or name is that concept
// (`knowledge-institution`, "Kennisinstelling"); other options get none of them.
import { fold } from '../fold.js';

interface Concept {
  /** Words in an option's id or name that make it this concept. */
  marks: string[];
  words: string[];
}

const PARTNER_TYPES: Concept[] = [
  {
    marks: ['kennis', 'knowledge', 'onderwijs', 'education', 'research', 'onderzoek', 'academ'],
    words: [
      'universiteit',
      'hogeschool',
      'kennisinstituut',
      'onderzoeksinstituut',
      'university',
      'research institute',
      'college',
      'academia',
      'wetenschap',
      'science',
    ],
  },
  {
    marks: ['overheid', 'government', 'public', 'publiek', 'gemeente', 'municipal'],
    words: [
      'gemeente',
      'provincie',
      'waterschap',
      'ministerie',
      'rijk',
      'rijksoverheid',
      'overheidsinstantie',
      'municipality',
      'ministry',
      'public body',
      'public authority',
      'council',
      'agency',
    ],
  },
  {
    marks: ['commerc', 'bedrijf', 'business', 'private', 'market', 'markt', 'company', 'onderneming'],
    words: [
      'bedrijf',
      'bedrijfsleven',
      'onderneming',
      'adviesbureau',
      'ingenieursbureau',
      'leverancier',
      'mkb',
      'bv',
      'company',
      'business',
      'firm',
      'consultancy',
      'supplier',
      'corporate',
      'private sector',
      'startup',
      'start-up',
    ],
  },
  {
    marks: ['maatschappelijk', 'civil', 'ngo', 'society', 'non-profit', 'nonprofit'],
    words: [
      'stichting',
      'vereniging',
      'ngo',
      'goed doel',
      'belangenorganisatie',
      'foundation',
      'association',
      'charity',
      'non-profit',
      'nonprofit',
      'community',
    ],
  },
  {
    marks: ['netwerk', 'network', 'branche', 'trade', 'koepel'],
    words: [
      'netwerk',
      'branchevereniging',
      'brancheorganisatie',
      'koepel',
      'koepelorganisatie',
      'platform',
      'network',
      'trade association',
      'federation',
      'umbrella',
    ],
  },
];

const INTENSITIES: Concept[] = [
  {
    marks: ['exchange', 'uitwissel', 'kennis', 'verken', 'explor', 'netwerk'],
    words: [
      'kennisuitwisseling',
      'kennis uitwisselen',
      'kennis delen',
      'uitwisseling',
      'knowledge exchange',
      'exchange',
      'sharing knowledge',
      'share knowledge',
    ],
  },
  { marks: ['project', 'pilot'], words: ['project', 'pilot', 'proef', 'proeftuin', 'pilot project'] },
  {
    marks: ['programm', 'programma', 'program'],
    words: ['programma', 'programme', 'program', 'meerjarig', 'multi-year'],
  },
  {
    marks: ['allian', 'partnership', 'joint', 'strateg'],
    words: ['alliantie', 'alliance', 'joint venture', 'strategisch partnerschap', 'strategic partnership'],
  },
];

function wordsFor(concepts: Concept[], id: string, names: ReadonlyArray<string>): string[] {
  const own = fold([id, ...names].join(' '));
  return concepts.filter((c) => c.marks.some((m) => own.includes(m))).flatMap((c) => c.words);
}

export const partnerTypeConceptWords = (id: string, names: ReadonlyArray<string>) =>
  wordsFor(PARTNER_TYPES, id, names);
export const intensityConceptWords = (id: string, names: ReadonlyArray<string>) =>
  wordsFor(INTENSITIES, id, names);
