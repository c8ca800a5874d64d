// A case id as it comes from outside (a button, a card, a typed command): decimal digits, no
// sign, no leading zero, no spaces, no exponent, at most 12 digits. `Number()` would take "3e0",
// "0x3" and " 3" for case 3, and give PostgreSQL NaN or 1e30, which it refuses with an error.
export const CASE_ID_PATTERN = /^[1-9][0-9]{0,11}$/;

/** The largest id the store holds (PostgreSQL `integer`): a larger well-formed id names no case. */
export const MAX_STORED_ID = 2_147_483_647;

/** The id, or null when the text is not one. */
export function parseCaseId(text: string): number | null {
  return CASE_ID_PATTERN.test(text) ? Number(text) : null;
}

/** True for an id the store can hold (a lookup of any other finds nothing, without asking). */
export function isStoredId(id: number): boolean {
  return Number.isSafeInteger(id) && id >= 1 && id <= MAX_STORED_ID;
}
