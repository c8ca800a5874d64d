// The database schema as Kysely sees it: one schema for SQLite and PostgreSQL. Times are
// ISO-8601 UTC strings (their text order is their time order on both backends), money is a
// double, flags are 0/1, structured values are JSON text.
import type { ColumnType, Generated } from 'kysely';

type Id = Generated<number>;
/** Counters and ids come back as numbers on SQLite and as strings for bigint on PostgreSQL. */
type Count = ColumnType<number, number | undefined, number>;

export interface PeopleTable {
  id: string;
  name: string;
  role: string;
  unit: string | null;
  reports_to: string | null;
  email: string | null;
  slack_id: string | null;
  teams_id: string | null;
  language: string | null;
  absent_from: string | null;
  absent_until: string | null;
  delegate_id: string | null;
  unreachable_on: string | null;
  /** IANA time zone from the person's last chat activity (migration 008); null: the strategy's. */
  time_zone: string | null;
  /** 1, or 0 for a person gone from the directory (kept for history; routed around). */
  active: Generated<number>;
  /** The directory's own id (Entra object id, Slack user id) once a sync matched the person. */
  directory_id: string | null;
  /** Comma-separated fields the strategy or a CSV set: a directory sync leaves them alone. */
  owned_fields: Generated<string>;
  /** `slack` or `teams`: where the person wrote last; a person on both is notified there. */
  last_platform: string | null;
  /** `slack` or `teams`: where the person chose to be told (strategy `notify:`, CSV `notify`). */
  notify_on: string | null;
  updated_at: string;
}

export interface RelationshipsTable {
  id: Id;
  partner: string;
  partner_key: string;
  partner_type: string;
  priority: string | null;
  intensity: string;
  budget: number;
  months: number;
  owner_id: string;
  unit: string | null;
  status: 'planned' | 'active' | 'ended';
  start_date: string | null;
  end_date: string | null;
  review_due: string | null;
  case_id: number | null;
  direction: string | null;
  confidential: number;
  source: 'import' | 'check' | 'exception';
  created_at: string;
  updated_at: string;
}

export interface CasesTable {
  id: Id;
  requester_id: string;
  requester_role: string;
  kind: 'check' | 'exception';
  verdict: 'within_mandate' | 'escalate' | 'outside_strategy';
  state: string;
  proposal: string;
  result: string;
  strategy_sha: string;
  /** Role ids the case may climb: the steps of the decision line above the requester (JSON). */
  steps: string;
  /** How many of `steps` the check's route takes (the first role that covers it ends the route). */
  route_length: number;
  step: number;
  assignee_id: string | null;
  assigned_at: string | null;
  version: Count;
  partner: string;
  partner_key: string;
  partner_type: string;
  priority: string | null;
  intensity: string;
  budget: number;
  months: number;
  confidential: number;
  platform: string;
  info_question: string | null;
  info_answer: string | null;
  parent_case_id: number | null;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
}

export interface DecisionsTable {
  id: Id;
  case_id: number;
  /** The case version the decision was taken on: UNIQUE(case_id, version) = one decision per state. */
  version: number;
  step: number;
  step_role: string;
  decider_id: string;
  on_behalf_of: string | null;
  action:
    | 'approve'
    | 'endorse'
    | 'reject'
    | 'ask_info'
    | 'pass_up'
    | 'withdraw'
    | 'answer_info'
    | 'pass_up_on_silence';
  reason: string | null;
  platform: string;
  at: string;
}

export interface AuditLogTable {
  seq: number;
  at: string;
  actor_id: string;
  on_behalf_of: string | null;
  action: string;
  case_id: number | null;
  platform: string;
  data: string;
  prev_hash: string;
  hash: string;
}

export interface AuditHeadTable {
  id: number;
  seq: number;
  hash: string;
}

export interface OutboxTable {
  id: Id;
  dedupe_key: string;
  kind: string;
  platform: string;
  target: string;
  case_id: number | null;
  payload: string;
  /** `skipped`: it could not be built (its case or digest gone): never sent, kept with the reason. */
  status: 'pending' | 'sent' | 'dead' | 'skipped';
  attempts: Count;
  /** Times the row was claimed by a dispatcher (migration 005). */
  claims: Count;
  next_attempt_at: string;
  locked_until: string | null;
  locked_by: string | null;
  last_error: string | null;
  platform_ref: string | null;
  created_at: string;
  sent_at: string | null;
}

export interface ProcessedEventsTable {
  key: string;
  /** What the event produced (e.g. a case id), so a repeat can answer the same. */
  ref: string | null;
  at: string;
}

export interface ConversationStateTable {
  key: string;
  state: string;
  version: Count;
  updated_at: string;
}

export interface CaseMessagesTable {
  id: Id;
  case_id: number;
  platform: string;
  person_id: string | null;
  /** Platform reference of the posted message (JSON): Slack {channel, ts}; Teams {conversation, activityId}. */
  ref: string;
  created_at: string;
}

export interface ConversationRefsTable {
  /** `teams:<aad or user id>` for a person, `teams-channel:<conversation id>` for a channel. */
  key: string;
  platform: string;
  person_id: string | null;
  reference: string;
  unreachable_at: string | null;
  updated_at: string;
}

export interface Database {
  people: PeopleTable;
  relationships: RelationshipsTable;
  cases: CasesTable;
  decisions: DecisionsTable;
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
  outbox: OutboxTable;
  processed_events: ProcessedEventsTable;
  conversation_state: ConversationStateTable;
  case_messages: CaseMessagesTable;
  conversation_refs: ConversationRefsTable;
}

// Scheduled work (migration 003-jobs).

export interface DigestRunsTable {
  /** `digest:<occurrence in UTC ISO>`. */
  run_key: string;
  occurrence_at: string;
  /** ISO week of the period, e.g. 2026-W47 (a label, not a key). */
  period_label: string;
  period_start: string;
  period_end: string;
  trigger: 'schedule' | 'catch_up' | 'cli';
  status: 'claimed' | 'done';
  claimed_by: string;
  /** Until when the claimer may finish; after it another instance takes the run over. */
  lease_until: string;
  attempts: Count;
  /** The digest as JSON, stored before it is posted. */
  digest: string | null;
  /** The chart as base64 PNG. */
  chart_png: string | null;
  created_at: string;
  updated_at: string;
  done_at: string | null;
}

export interface JobStateTable {
  key: string;
  value: string;
  updated_at: string;
}

export interface SchedulerLeasesTable {
  name: string;
  holder: string;
  acquired_at: string;
  heartbeat_at: string;
}

export interface ReviewsTable {
  id: Id;
  relationship_id: number;
  reviewer_id: string;
  outcome: 'continue' | 'adjust' | 'end';
  delivered: string;
  rating: number | null;
  /** The review date this answers (relationships.review_due when it was given). */
  due_date: string | null;
  platform: string;
  at: string;
}

export interface ReviewPromptsTable {
  relationship_id: number;
  due_date: string;
  at: string;
}

/** A rule code a check fired (a reason or a notice of its result), indexed by the digest. */
export interface CaseRulesTable {
  case_id: number;
  code: string;
  created_at: string;
}

/** Declaration merging: the tables of scheduled work join Database above. */
export interface Database {
  case_rules: CaseRulesTable;
  digest_runs: DigestRunsTable;
  job_state: JobStateTable;
  scheduler_leases: SchedulerLeasesTable;
  reviews: ReviewsTable;
  review_prompts: ReviewPromptsTable;
}

// "Who works with" and the welcome (migration 007-partner-words).

/** A partner key under each of its words (see partner-words.ts): near matches by index. */
export interface PartnerWordsTable {
  word: string;
  partner_key: string;
}

/** Chat users Koers has welcomed (once each, on their first message or App Home visit). */
export interface WelcomedTable {
  /** `slack:U…` / `teams:…`: the chat identity, not the directory person. */
  key: string;
  at: string;
}

export interface Database {
  partner_words: PartnerWordsTable;
  welcomed: WelcomedTable;
}
