import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { ChatService } from '../chat/chat-service.js';
import type { Composed } from '../chat/compose-notification.js';
import type { Config } from '../config.js';
import type { Strategy } from '../domain/strategy/compile-strategy.js';
import type { Metrics } from '../http/metrics.js';
import type { OutboxItem } from '../outbox/delivery.js';
import type { Database } from '../store/schema.js';
import type { Workflow } from '../workflow/workflow.js';

/** What a channel (Slack, Teams) gets from the app. */
export interface ChannelDeps {
  config: Config;
  logger: Logger;
  chat: ChatService;
  /** The workflow itself, for what a channel learns outside a chat (Teams: a person it cannot reach). */
  workflow: Workflow;
  db: Kysely<Database>;
  strategy: () => Strategy;
  clock: () => Date;
  /** What an outbox item says, to whom, on this platform. */
  compose: (item: OutboxItem, platform: 'slack' | 'teams') => Promise<Composed>;
  metrics: Metrics;
  /** Ask the outbox to send soon (after a request wrote notifications). */
  kickOutbox: () => void;
  fault?: (point: string) => void;
}
