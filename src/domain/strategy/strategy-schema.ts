// The strategy file's shape. Objects are strict: an unknown key is an
// error, because a typo such as `maxBuget` must never silently lift a limit.
import { z } from 'zod';

export const LOCALES = ['nl', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const LocaleSchema = z.enum(LOCALES);

const kebabId = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be kebab-case (lower-case letters, digits and dashes)');
const id = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:@-]*$/, 'must be letters, digits, dot, dash, colon or underscore');

/** A text in the strategy's own words, in Dutch and/or English (or one plain string for both). */
export const LocalizedTextSchema = z.union([
  z.string().min(1),
  z
    .strictObject({ nl: z.string().min(1).optional(), en: z.string().min(1).optional() })
    .refine((t) => t.nl !== undefined || t.en !== undefined, 'give at least one of nl, en'),
]);
export type LocalizedText = z.infer<typeof LocalizedTextSchema>;

const amount = z.number().finite().nonnegative();
const wholeNumber = z.number().int().nonnegative();

export const PrioritySchema = z.strictObject({
  id: kebabId,
  name: LocalizedTextSchema,
  weight: z.enum(['high', 'medium', 'low']),
  description: LocalizedTextSchema.optional(),
  keywords: z.array(z.string().min(1)).default([]),
  weNeed: z.array(z.string().min(1)).default([]),
  weOffer: z.array(z.string().min(1)).default([]),
});

export const PartnerTypeSchema = z.strictObject({
  id,
  name: LocalizedTextSchema,
  policy: z.enum(['allowed', 'conditional', 'excluded']),
  reason: LocalizedTextSchema.optional(),
  /** Words that help read a typed answer ("universiteit" for a knowledge institution); never a verdict. */
  keywords: z.array(z.string().min(1)).default([]),
});

export const IntensitySchema = z.strictObject({
  id,
  name: LocalizedTextSchema,
  description: LocalizedTextSchema.optional(),
  /** Words that help read a typed answer ("pilot" for a project); never a verdict. */
  keywords: z.array(z.string().min(1)).default([]),
});

export const MandateSchema = z.strictObject({
  maxIntensity: id.optional(),
  maxBudget: amount.optional(),
  maxMonths: amount.optional(),
  priorities: z.union([z.literal('all'), z.array(z.string())]).default('all'),
});

export const RoleSchema = z.strictObject({
  id,
  name: LocalizedTextSchema.optional(),
  mandate: MandateSchema,
});

export const DecisionLinesSchema = z.strictObject({
  default: z.array(z.string()).min(1, 'a decision line needs at least one role'),
  byPriority: z
    .record(z.string(), z.array(z.string()).min(1, 'a decision line needs at least one role'))
    .optional(),
});

export const ExplorationSchema = z.strictObject({
  maxActive: wholeNumber,
  maxIntensity: id,
  maxBudget: amount,
});

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD');

export const PersonSchema = z.strictObject({
  id,
  name: z.string().min(1),
  role: z.string(),
  unit: z.string().min(1).optional(),
  reportsTo: z.string().optional(),
  email: z.string().optional(),
  slack: z.string().min(1).optional(),
  teams: z.string().min(1).optional(),
  language: LocaleSchema.optional(),
  absent: z.strictObject({ from: isoDate, until: isoDate }).optional(),
  delegate: z.string().optional(),
  /** Someone on both Slack and Teams is told once: here, else where they wrote last. */
  notify: z.enum(['slack', 'teams']).optional(),
});

/**
 * A rule mapping a directory field to a role; the first that matches wins, and a person no rule
 * matches gets the lowest role. `*` is a wildcard; matching ignores case. Entra ID gives
 * `jobTitle` and `department`; on Slack, `field` names an admin-managed custom profile field.
 */
export const DirectoryRoleRuleSchema = z
  .strictObject({
    jobTitle: z.string().min(1).optional(),
    department: z.string().min(1).optional(),
    field: z.string().min(1).optional(),
    value: z.string().min(1).optional(),
    role: z.string().min(1),
  })
  .refine(
    (r) =>
      r.jobTitle !== undefined ||
      r.department !== undefined ||
      (r.field !== undefined && r.value !== undefined),
    'give jobTitle, department, or field with value',
  );

/** "4h", "30m", "1d": a sync interval. */
const interval = z
  .string()
  .regex(/^[1-9][0-9]{0,3}[mhd]$/, 'must be a number followed by m, h or d, such as 4h')
  .refine((s) => intervalMs(s) >= 15 * 60_000, 'must be at least 15m');

export function intervalMs(s: string): number {
  const n = Number(s.slice(0, -1));
  const unit = s.at(-1);
  return n * (unit === 'm' ? 60_000 : unit === 'h' ? 3_600_000 : 86_400_000);
}

/** Where people come from besides the strategy's `people:` and the CSV. */
export const DirectorySchema = z.strictObject({
  source: z.enum(['entra', 'slack']),
  /** Entra only: only (transitive) members of this group. */
  group: z.string().min(1).optional(),
  every: interval.default('4h'),
  /** Slack: the custom profile field holding the manager's e-mail address. */
  managerField: z.string().min(1).optional(),
  roles: z.array(DirectoryRoleRuleSchema).default([]),
});
export type DirectorySection = z.infer<typeof DirectorySchema>;
export type DirectoryRoleRule = z.infer<typeof DirectoryRoleRuleSchema>;

const platformChannel = z.strictObject({
  slack: z.string().min(1).optional(),
  teams: z.string().min(1).optional(),
});

export const StrategySchema = z.strictObject({
  $schema: z.string().optional(),
  version: z.literal(1),
  organisation: z.strictObject({
    name: z.string().min(1),
    locale: LocaleSchema.default('nl'),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as EUR')
      .default('EUR'),
  }),
  priorities: z.array(PrioritySchema).min(1, 'name at least one priority'),
  partnerTypes: z.array(PartnerTypeSchema).min(1, 'name at least one partner type'),
  intensities: z.array(IntensitySchema).min(1, 'name at least one intensity'),
  roles: z.array(RoleSchema).min(1, 'name at least one role'),
  decisionLines: DecisionLinesSchema,
  exploration: ExplorationSchema.optional(),
  escalation: z
    .strictObject({
      remindAfterHours: z.number().positive().default(24),
      passUpAfterHours: z.number().positive().default(72),
    })
    .default({ remindAfterHours: 24, passUpAfterHours: 72 }),
  review: z
    .strictObject({ everyMonths: z.number().int().positive().default(12) })
    .default({ everyMonths: 12 }),
  digest: z
    .strictObject({
      cron: z.string().min(1).default('0 8 * * 1'),
      timezone: z.string().min(1).default('Europe/Amsterdam'),
    })
    .default({ cron: '0 8 * * 1', timezone: 'Europe/Amsterdam' }),
  channels: z
    .strictObject({
      strategy: platformChannel.optional(),
      allianceTeam: platformChannel.optional(),
    })
    .default({}),
  people: z.array(PersonSchema).optional(),
  directory: DirectorySchema.optional(),
});

export type StrategyFile = z.infer<typeof StrategySchema>;
export type Priority = z.infer<typeof PrioritySchema>;
export type PartnerType = z.infer<typeof PartnerTypeSchema>;
export type Intensity = z.infer<typeof IntensitySchema>;
export type Role = z.infer<typeof RoleSchema>;
export type Mandate = z.infer<typeof MandateSchema>;
export type Person = z.infer<typeof PersonSchema>;
export type PartnerPolicy = PartnerType['policy'];
