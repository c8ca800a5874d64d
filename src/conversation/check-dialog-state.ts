// The guided check's state between messages: plain JSON, stored by the caller. Read back through
// the schema, so a corrupt or outdated row restarts the dialog instead of crashing it.
import { z } from 'zod';
import { DIRECTIONS } from '../domain/check/proposal.js';
import { DIALOG_STEPS } from './check-steps.js';

export const CheckAnswersSchema = z.object({
  partnerName: z.string().min(1).max(200).optional(),
  partnerType: z.string().min(1).max(100).optional(),
  priority: z.string().min(1).max(100).nullable().optional(),
  intensity: z.string().min(1).max(100).optional(),
  budget: z.number().finite().nonnegative().optional(),
  months: z.number().finite().nonnegative().optional(),
  direction: z.enum(DIRECTIONS).optional(),
  confidential: z.boolean().optional(),
  description: z.string().max(2000).optional(),
});

export const CheckDialogStateSchema = z.object({
  version: z.literal(1),
  kind: z.literal('check'),
  step: z.enum(DIALOG_STEPS),
  answers: CheckAnswersSchema,
  /** The language the dialog speaks, once a message switched it from the person's own. */
  locale: z.enum(['nl', 'en']).optional(),
  /** Partner names offered to choose from ("TU Delft en Deltares": one or two?). */
  partnerChoices: z.array(z.string().min(1).max(200)).max(6).optional(),
  /** ISO 8601. */
  startedAt: z.string().max(40),
  /** ISO 8601: the caller may expire dialogs left alone for long. */
  updatedAt: z.string().max(40),
});
export type CheckDialogState = z.infer<typeof CheckDialogStateSchema>;

/** A stored state (the object, or its JSON text), or null when it is not a valid one. */
export function readCheckDialogState(raw: unknown): CheckDialogState | null {
  let value = raw;
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw);
    } catch {
      return null;
    }
  }
  const parsed = CheckDialogStateSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}
