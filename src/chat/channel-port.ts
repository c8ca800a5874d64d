// The port a chat channel (Slack, Teams) plugs into: what the application hands a channel, and
// what a channel gives back (its routes, its sender, its lifecycle). Owned here, beside the chat
// service the channels call; the composition root (app/) only wires the two.
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { Strategy } from '../domain/strategy/compile-strategy.js';
import type { Route } from '../http/http-server.js';
import type { Metrics } from '../http/metrics.js';
import type { ChannelSender, OutboxItem } from '../outbox/delivery.js';
import type { Database } from '../store/schema.js';
import type { Workflow } from '../workflow/workflow.js';
import type { ChatService } from './chat-service.js';
import type { Composed } from './compose-notification.js';

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

/** What a chat channel (Slack, Teams) adds to the app: its HTTP routes, its sender, its lifecycle. */
export interface ChannelModule {
  name: 'slack' | 'teams';
  routes: Route[];
  sender: ChannelSender;
  start?(): Promise<void>;
  stop?(): Promise<void>;
}

/** Builds a channel from the app's parts; null when the channel is not configured. */
export type ChannelFactory = (deps: ChannelDeps) => ChannelModule | null;
