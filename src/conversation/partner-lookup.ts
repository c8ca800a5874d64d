// The partner name a turn will pass to `existingWith`, known before the turn runs. The dialog
// reads the register synchronously; a caller whose store is async (Kysely always is) fetches the
// lines for this name first and hands the dialog a lookup over what it fetched.
import { PartnerNameSchema } from '../domain/check/proposal.js';
import type { Strategy } from '../domain/strategy/compile-strategy.js';
import { readCheckDialogState } from './check-dialog-state.js';
import { controlOf } from './dialog-words.js';
import type { DialogInput } from './guided-check.js';
import { parseFreeText } from './parse-free-text.js';

/** For startCheck(ctx, message). */
export function partnerToLookUpAtStart(strategy: Strategy, message?: string): string | null {
  const name = message?.trim() ? parseFreeText(strategy, message).partnerName : undefined;
  return validName(name);
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
  return validName(value);
}

function validName(name: string | undefined): string | null {
  if (name === undefined) return null;
  const parsed = PartnerNameSchema.safeParse(name);
  return parsed.success ? parsed.data : null;
}
