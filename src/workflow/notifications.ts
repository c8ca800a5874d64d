// What the workflow wants people and channels to hear, fanned out to outbox rows per platform.
// Written in the same transaction as the change it reports.
import type { Strategy } from '../domain/strategy/compile-strategy.js';
import { enqueue, type OutboxMessage, type OutboxTarget } from '../store/outbox.js';
import { type ReachRow, reachOf } from '../store/people-repo.js';
import type { Tx } from '../store/store-handle.js';

export type ChatPlatform = 'slack' | 'teams';

export type Notification =
  | { kind: 'approval_request'; to: string; onBehalfOf?: string }
  | { kind: 'reminder'; to: string; onBehalfOf?: string }
  | { kind: 'requester_update'; to: string; event: string }
  | { kind: 'case_update' }
  | { kind: 'strategy_summary'; outcome: string }
  | { kind: 'alliance_alert'; reason: string; detail?: Record<string, unknown> };

export interface NotifyContext {
  tx: Tx;
  strategy: Strategy;
  platforms: ReadonlyArray<ChatPlatform>;
  now: string;
  caseId: number;
  /** Makes the rows of one transition unique; repeating the transition enqueues nothing new. */
  key: string;
}

export async function notify(ctx: NotifyContext, notifications: ReadonlyArray<Notification>): Promise<void> {
  const people = new Set(notifications.flatMap((n) => ('to' in n ? [n.to] : [])));
  const known = [...people].filter((id) => !isPlatformId(id));
  const rows = known.length === 0 ? [] : await reachOf(ctx.tx, known);
  await enqueue(ctx.tx, ctx.now, outboxMessagesFor(ctx, notifications, rows));
}

export type { ReachRow };

/**
 * The outbox messages for `notifications`, each person's reach read from `rows` (people Koers
 * knows) or from their platform id.
 */
export function outboxMessagesFor(
  ctx: Omit<NotifyContext, 'tx'>,
  notifications: ReadonlyArray<Notification>,
  rows: ReadonlyArray<ReachRow>,
): OutboxMessage[] {
  const messages: OutboxMessage[] = [];
  const people = new Set(notifications.flatMap((n) => ('to' in n ? [n.to] : [])));
  const reach = reachability([...people], rows, ctx.platforms);
  for (const n of notifications) {
    for (const platform of ctx.platforms) {
      const target = targetFor(n, platform, ctx.strategy, reach);
      if (target === null) continue;
      const { kind, ...payload } = n;
      messages.push({
        dedupeKey: `${kind}:case-${ctx.caseId}:${ctx.key}:${targetKey(target)}:${platform}`,
        kind,
        platform,
        target,
        caseId: ctx.caseId,
        payload,
      });
    }
  }
  return messages;
}

type Reach = Map<string, { slack: boolean; teams: boolean }>;

/** People the directory does not know are named by their platform id (slack:U…, teams:…). */
function isPlatformId(id: string): boolean {
  return id.startsWith('slack:') || id.startsWith('teams:');
}

/**
 * Where each person can be told. Someone Koers reaches on both platforms is told once: on the
 * platform they chose, else the one they wrote on last, else the first one this instance runs.
 */
function reachability(
  ids: ReadonlyArray<string>,
  rows: ReadonlyArray<ReachRow>,
  platforms: ReadonlyArray<ChatPlatform>,
): Reach {
  const reach: Reach = new Map();
  for (const id of ids) {
    if (id.startsWith('slack:')) reach.set(id, { slack: true, teams: false });
    else if (id.startsWith('teams:')) reach.set(id, { slack: false, teams: true });
  }
  const wanted = new Set(ids.filter((id) => !reach.has(id)));
  for (const r of rows) {
    if (!wanted.has(r.id)) continue;
    const on = { slack: r.slack_id !== null, teams: r.teams_id !== null };
    const running = platforms.filter((p) => on[p]);
    if (running.length > 1) {
      const last =
        running.find((p) => p === r.notify_on) ?? running.find((p) => p === r.last_platform) ?? running[0];
      for (const p of running) on[p] = p === last;
    }
    reach.set(r.id, on);
  }
  return reach;
}

function targetFor(
  n: Notification,
  platform: ChatPlatform,
  strategy: Strategy,
  reach: Reach,
): OutboxTarget | null {
  switch (n.kind) {
    case 'approval_request':
    case 'reminder':
    case 'requester_update':
      return reach.get(n.to)?.[platform] ? { person: n.to } : null;
    case 'case_update':
      return { case: true };
    case 'strategy_summary':
      return strategy.file.channels.strategy?.[platform] ? { channel: 'strategy' } : null;
    case 'alliance_alert':
      return strategy.file.channels.allianceTeam?.[platform] ? { channel: 'allianceTeam' } : null;
  }
}

function targetKey(t: OutboxTarget): string {
  if ('person' in t) return `person-${t.person}`;
  if ('channel' in t) return `channel-${t.channel}`;
  if ('conversation' in t) return `conversation-${t.conversation}`;
  return 'case';
}
