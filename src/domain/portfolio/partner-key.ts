// The partner key (check-contract.md §3): the one identity of a partner for the
// `existing_relationship` notice. Exact by design; fuzzy matching is for people's questions.

const LEGAL_FORM =
  /[ ,]+(?:b\.v\.|bv|n\.v\.|nv|v\.o\.f\.|vof|u\.a\.|ua|ltd\.|ltd|gmbh|inc\.|inc|llc|plc|s\.a\.|ag)$/u;
const COMBINING_MARKS = /\p{M}/gu;
const WHITE_SPACE = /\s+/gu;
const LEADING_FOUNDATION = /^(?:stichting|foundation) /u;

export function partnerKey(name: string): string {
  let key = name
    .normalize('NFKD')
    .replace(COMBINING_MARKS, '')
    .toLowerCase()
    .replace(WHITE_SPACE, ' ')
    .trim();
  for (let stripped = key.replace(LEGAL_FORM, ''); stripped !== key; stripped = key.replace(LEGAL_FORM, '')) {
    key = stripped;
  }
  return key.replace(LEADING_FOUNDATION, '');
}

/**
 * The keys a typed name may stand for: its own, and without a leading article ("de HZ" is HZ,
 * while "The Ocean Cleanup" keeps its own key too).
 */
export function partnerKeysOf(name: string): string[] {
  const key = partnerKey(name);
  const bare = key.replace(/^(?:de|het|the|een|a|an) (?=\S)/u, '');
  return bare === key || bare === '' ? [key] : [key, bare];
}
