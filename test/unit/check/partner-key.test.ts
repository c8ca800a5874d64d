// The partner key, exactly as docs/check.md §3 defines it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { partnerKey } from '../../../src/domain/portfolio/partner-key.js';

/**
 * A zero-width space in front: the key leaves it out, and a name holding one takes every step of
 * the definition in one pass each, not a letter at a time.
 */
const theWholeWay = (name: string) => `\u200b${name}`;

/** Every Latin letter the key takes one at a time, and the characters around them that do not. */
const LATIN = Array.from({ length: 0x250 - 0x80 }, (_, i) => String.fromCharCode(0x80 + i));
const NAME_CHARACTERS = fc.constantFrom(
  ...LATIN,
  ..."AaBbZz09-.,&()'/ ",
  ' ',
  ' ',
  '\t',
  '\u00a0',
  '\u0301',
  '\u0308',
  '\u00ad',
  '\u200b',
  '\u0130',
  '\u1e9e',
  '\ufb01',
);

describe('partnerKey', () => {
  it('gives "Ingenieursbureau Wéstland B.V." and "ingenieursbureau westland" the same key', () => {
    expect(partnerKey('Ingenieursbureau Wéstland B.V.')).toBe('ingenieursbureau westland');
    expect(partnerKey('ingenieursbureau westland')).toBe('ingenieursbureau westland');
  });

  it('removes combining marks after NFKD', () => {
    expect(partnerKey('Coöperatie Añjou Çà')).toBe('cooperatie anjou ca');
    // Precomposed and decomposed forms meet.
    expect(partnerKey('Caf\u00e9')).toBe(partnerKey('Cafe\u0301'));
  });

  it('leaves out invisible format characters: zero-width spaces and joiners, bidi controls, soft hyphens', () => {
    expect(partnerKey('Del\u200btares')).toBe('deltares');
    expect(partnerKey('\u202eDeltares\u202c')).toBe('deltares');
    expect(partnerKey('Del\u00adta\u200d\u2060res\ufeff')).toBe('deltares');
  });

  it('folds ß as upper case writes it: "STRASSE" and "Straße" meet', () => {
    expect(partnerKey('Straße Groep')).toBe(partnerKey('STRASSE GROEP'));
  });

  it('folds compatibility characters (NFKD), such as ligatures and full-width letters', () => {
    expect(partnerKey('\ufb01ets')).toBe('fiets');
    expect(partnerKey('\uff21\uff43\uff4d\uff45')).toBe('acme');
  });

  it('takes Latin letters one at a time with the same result as the definition', () => {
    for (const letter of LATIN) {
      const name = `Co${letter}peratie B${letter}.V.`;
      expect(partnerKey(name)).toBe(partnerKey(theWholeWay(name)));
    }
    fc.assert(
      fc.property(fc.array(NAME_CHARACTERS, { maxLength: 24 }), (chars) => {
        const name = chars.join('');
        expect(partnerKey(name)).toBe(partnerKey(theWholeWay(name)));
      }),
      { numRuns: 5_000, seed: 20261207 },
    );
  });

  it('lower-cases', () => {
    expect(partnerKey('TU DELFT')).toBe('tu delft');
  });

  it('makes every run of white space one space, and trims', () => {
    expect(partnerKey('  TU \t\n Delft\u00a0 Campus  ')).toBe('tu delft campus');
  });

  it.each([
    'b.v.',
    'bv',
    'n.v.',
    'nv',
    'v.o.f.',
    'vof',
    'u.a.',
    'ua',
    'ltd',
    'ltd.',
    'gmbh',
    'inc',
    'inc.',
    'llc',
    'plc',
    's.a.',
    'ag',
  ])('removes the trailing legal form %s with the space before it', (form) => {
    expect(partnerKey(`Acme ${form}`)).toBe('acme');
    expect(partnerKey(`Acme ${form.toUpperCase()}`)).toBe('acme');
  });

  it('removes a legal form with the comma before it', () => {
    expect(partnerKey('Acme, Inc.')).toBe('acme');
    expect(partnerKey('Acme,Inc.')).toBe('acme');
    expect(partnerKey('Acme , B.V.')).toBe('acme');
  });

  it('removes legal forms repeatedly', () => {
    expect(partnerKey('Acme Holding BV NV')).toBe('acme holding');
    expect(partnerKey('Acme B.V., Inc.')).toBe('acme');
  });

  it('removes legal forms only as whole words', () => {
    expect(partnerKey('Abv')).toBe('abv');
    expect(partnerKey('Acme Sag')).toBe('acme sag');
    expect(partnerKey('Acme Bvba')).toBe('acme bvba');
    expect(partnerKey('Acme Cinc')).toBe('acme cinc');
  });

  it('removes legal forms only at the end', () => {
    expect(partnerKey('BV Acme')).toBe('bv acme');
    expect(partnerKey('Acme BV Holding')).toBe('acme bv holding');
  });

  it('removes a leading "stichting " or "foundation " once', () => {
    expect(partnerKey('Stichting Deltares')).toBe('deltares');
    expect(partnerKey('Foundation Deltares')).toBe('deltares');
    expect(partnerKey('Stichting Stichting Deltares')).toBe('stichting deltares');
  });

  it('removes "stichting" only as a leading word', () => {
    expect(partnerKey('Stichtingen Fonds')).toBe('stichtingen fonds');
    expect(partnerKey('Deltares Stichting')).toBe('deltares stichting');
  });

  it('removes the legal forms first, then the leading foundation', () => {
    expect(partnerKey('Stichting Acme B.V.')).toBe('acme');
    expect(partnerKey('Stichting BV')).toBe('stichting');
  });

  it('keeps other punctuation', () => {
    expect(partnerKey('A.B.C. Consult')).toBe('a.b.c. consult');
    expect(partnerKey('Acme & Co.')).toBe('acme & co.');
    expect(partnerKey('Acme-Bouw (NL) B.V.')).toBe('acme-bouw (nl)');
    expect(partnerKey("Gebr. D'Amico")).toBe("gebr. d'amico");
    expect(partnerKey('Acme,')).toBe('acme,');
  });

  it('keeps distinct partners distinct: no fuzzy matching', () => {
    expect(partnerKey('Deltares Academy')).not.toBe(partnerKey('Deltares'));
    expect(partnerKey('TU Delft')).not.toBe(partnerKey('TU-Delft'));
  });
});

/** The key as first defined, step by step: the faster partnerKey must give the same for every name. */
function referenceKey(name: string): string {
  const LEGAL_FORM =
    /[ ,]+(?:b\.v\.|bv|n\.v\.|nv|v\.o\.f\.|vof|u\.a\.|ua|ltd\.|ltd|gmbh|inc\.|inc|llc|plc|s\.a\.|ag)$/u;
  let key = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/\p{Cf}/gu, '')
    .toLowerCase()
    .replace(/ß/gu, 'ss')
    .replace(/\s+/gu, ' ')
    .trim();
  for (let stripped = key.replace(LEGAL_FORM, ''); stripped !== key; stripped = key.replace(LEGAL_FORM, '')) {
    key = stripped;
  }
  return key.replace(/^(?:stichting|foundation) /u, '');
}

describe('partnerKey against its first definition', () => {
  const PARTS = [
    'Delta',
    'res',
    'TU',
    'Stichting',
    'foundation',
    'B.V.',
    'bv',
    'BV',
    'N.V.',
    'v.o.f.',
    'U.A.',
    'GmbH',
    'Inc.',
    'inc',
    'LLC',
    'plc',
    'S.A.',
    'AG',
    'ag',
    'Wéstland',
    'Straße',
    'ﬁets',
    'Ａcme',
    'Del\u200btares',
    '\u00ad',
    ' ',
    '  ',
    ',',
    ', ',
    '\t',
    '\u00a0',
    '.',
    'x',
    '',
  ];
  let seed = 7;
  const next = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed;
  };
  const names = Array.from({ length: 20_000 }, () =>
    Array.from({ length: 1 + (next() % 6) }, () => PARTS[next() % PARTS.length]).join(
      next() % 3 === 0 ? '' : ' ',
    ),
  );

  it('gives the same key for 20,000 names built of legal forms, separators, accents and invisible characters', () => {
    const differ = names.filter((n) => partnerKey(n) !== referenceKey(n));
    expect(differ.slice(0, 5).map((n) => [n, partnerKey(n), referenceKey(n)])).toEqual([]);
  });

  it('still strips stacked legal forms and a leading foundation on plain ASCII names', () => {
    expect(partnerKey('Stichting Acme B.V., Inc.')).toBe('acme');
    expect(partnerKey('Acme ,bv')).toBe('acme');
    expect(partnerKey('bv')).toBe('bv');
  });
});
