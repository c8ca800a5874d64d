// People as a directory (Entra ID, Slack) describes them, and as Koers knows them, for planning a
// sync. Pure data: the clients that fetch them live outside the domain.
import type { Locale } from '../strategy/strategy-schema.js';

export interface DirectoryPerson {
  /** The directory's own id (Entra object id, Slack user id): stable across renames. */
  directoryId: string;
  name: string;
  email: string | null;
  jobTitle?: string | null;
  department?: string | null;
  /** Profile fields only admins can set (Slack): the only ones that may raise a role there. */
  managedFields?: Readonly<Record<string, string>>;
  /** The manager, by directory id (Entra) or e-mail (Slack's custom field). */
  managerDirectoryId?: string | null;
  managerEmail?: string | null;
  language?: Locale | null;
  /**
   * Out of office: a window (`until` null: no end given). null: not away. Absent (undefined):
   * not read (the tenant refused the mailbox settings), so nothing changes.
   */
  absence?: { from: string; until: string | null } | null;
  slackId?: string | null;
  /** The Entra object id Teams knows the person by. */
  teamsId?: string | null;
  /** A manager fetched because someone in the group reports to them, not a member themselves. */
  outsideGroup?: boolean;
}

/** The fields a sync may fill; what the strategy's `people:` or a CSV set is never overwritten. */
export const PERSON_FIELDS = [
  'name',
  'email',
  'role',
  'unit',
  'reportsTo',
  'slackId',
  'teamsId',
  'language',
  'absence',
] as const;
export type PersonField = (typeof PERSON_FIELDS)[number];

export interface KnownPerson {
  id: string;
  name: string;
  email: string | null;
  role: string;
  unit: string | null;
  reportsTo: string | null;
  slackId: string | null;
  teamsId: string | null;
  language: Locale | null;
  absentFrom: string | null;
  absentUntil: string | null;
  active: boolean;
  /** Set once a sync has matched the person to the directory. */
  directoryId: string | null;
  /** Fields the strategy or a CSV set: a sync leaves them as they are. */
  owned: ReadonlySet<PersonField>;
}
