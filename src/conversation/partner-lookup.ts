// The partner name a turn will pass to `existingWith`, known before the turn runs. The dialog
// reads the register synchronously; a caller whose store is async (Kysely always is) fetches the
// lines for this name first and hands the dialog a lookup over what it fetched.
import { PartnerNameSchema } from '../domain/check/proposal.js';
import type { Strategy } from '../domain/strategy/compile-strategy.js';
import { readCheckDialogState } from './check-dialog-state.js';
import { controlOf } from './dialog-words.js';
import type { DialogInput } from './guided-check.js';
import { parseFreeText, partnerNamesIn } from './parse-free-text.js';
import { readPartnerAnswer } from './understanding/partner-name.js';

/**
 * For startCheck(ctx, message): every name the sentence may mean (the whole name, its parts, its
 * shorter heads). The caller asks the register which it knows (`knownPartner`) and fetches the
 * relationships of the one the dialog takes.
 */
export function partnerNamesToLookUpAtStart(strategy: Strategy, message?: string): string[] {
  return message?.trim() ? partnerNamesIn(strategy, message).filter((n) => validName(n) !== null) : [];
}

/** The name startCheck will take, once the register has said which it knows. */
export function partnerToLookUpAtStart(
  strategy: Strategy,
  message?: string,
  known: (name: string) => boolean = () => false,
): string | null {
  if (!message?.trim()) return null;
  return validName(parseFreeText(strategy, message, known).partnerName);
}

/** For continueCheck at the partner question: the names a typed answer may mean. */
export function partnerNamesToLookUp(stored: unknown, input: DialogInput): string[] {
  const state = readCheckDialogState(stored);
  if (state?.step !== 'partner' || input.kind !== 'text' || controlOf(input.text) !== null) return [];
  const read = readPartnerAnswer(input.text);
  return [...new Set([read.name, ...(read.choices ?? [])])].filter((n) => validName(n) !== null);
}

/** For continueCheck(ctx, stored, input). */
export function partnerToLookUp(stored: unknown, input: DialogInput): string | null {
  const state = readCheckDialogState(stored);
  if (state?.step !== 'partner' || input.kind === 'form') return null;
  const value = input.kind === 'text' ? input.text : input.value;
  if (
    input.kind === 'choice' &&
    (value.startsWith('~') || (input.step !== undefined && input.step !== 'partner'))
  )
    return null;
  if (input.kind === 'text' && controlOf(value) !== null) return null;
  if (input.kind === 'choice' && value.startsWith('~partner:'))
    return validName(state.partnerChoices?.[Number(value.slice('~partner:'.length))]);
  return validName(input.kind === 'text' ? readPartnerAnswer(value).name : value);
}

function validName(name: string | undefined): string | null {
  if (name === undefined) return null;
  const parsed = PartnerNameSchema.safeParse(name);
  return parsed.success ? parsed.data : null;
}
