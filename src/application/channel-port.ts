// The port a chat channel (Slack, Teams) plugs into: what the application hands a channel, and
// what a channel gives back (its routes, its sender, its lifecycle). Owned here, beside the chat
// service the channels call; the composition root (app/) only wires the two. A channel reaches
// the store only through the narrow interfaces below, so a channel folder imports nothing of it.
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { Strategy } from '../domain/strategy/compile-strategy.js';
import type { Locale } from '../domain/strategy/strategy-schema.js';
import type { Route } from '../http/http-server.js';
import type { Metrics } from '../http/metrics.js';
import type { ChannelSender, OutboxItem } from '../outbox/delivery.js';
import type { ChatIdentity, ChatPlatform } from './chat-identity.js';
import type { ChatService } from './chat-service.js';
import type { Composed } from './compose-notification.js';

/** What a channel may ask about people and the cases they decide. */
export interface ChannelPeople {
  /** The language the chat service answers this platform user in (directory, platform, strategy). */
  localeOfUser(identity: ChatIdentity): Promise<Locale>;
  /** A directory person's language: their own, else the platform's, else the strategy's. */
  localeOfPerson(personId: string | null | undefined, platformLocale?: string | null): Promise<Locale>;
  /** A directory person's name; null for someone the directory does not hold. */
  nameOf(personId: string): Promise<string | null>;
  /** Who may decide a case now (directory ids): its assignee and the assignee's delegate. */
  decidersOf(caseId: string): Promise<string[]>;
  /** The directory person a platform user acts as now (in the demo: whom `demo as` made them). */
  actingPersonOf(identity: ChatIdentity): Promise<string>;
  /** The person cannot be reached on this platform: their waiting cases move on. */
  markUnreachable(personId: string, platform: ChatPlatform, why: string): Promise<number[]>;
}

/** A message posted about a case, so a later change of the case updates it in place. */
export interface TrackedMessage {
  caseId: number;
  platform: ChatPlatform;
  /** The person the message was for; null for a channel post. */
  personId: string | null;
  /** The platform's own reference to the message, as JSON. */
  ref: string;
  at: string;
}

/** Where each message about a case went: one record for both channels. */
export interface CaseMessageLog {
  track(m: TrackedMessage): Promise<void>;
  /** A message posted anew in place of one the platform could not update: the record follows it. */
  replace(platform: ChatPlatform, from: string, to: string): Promise<void>;
}

/** A stored conversation reference: a key the channel chose and the platform's reference as JSON. */
export interface StoredRefRow {
  key: string;
  reference: string;
}

/** Where a platform lets Koers write later (proactively): references kept by key. */
export interface ConversationRefRows {
  /** Stores or replaces a reference; one stored again is reachable again. */
  put(row: { key: string; platform: string; personId: string | null; reference: string }): Promise<void>;
  remove(key: string): Promise<void>;
  get(key: string): Promise<StoredRefRow | null>;
  /** The newest references whose key starts so, newest first. */
  latest(prefix: string, limit: number): Promise<StoredRefRow[]>;
  markUnreachable(key: string): Promise<void>;
  /** The directory id of a platform user, when the directory knows them. */
  personIdOf(platform: ChatPlatform, userId: string): Promise<string | null>;
  /** The references of directory people's personal Teams chats, stored under `keyOf(teams id)`. */
  personalReferencesOf(
    personIds: ReadonlyArray<string>,
    keyOf: (teamsId: string) => string,
  ): Promise<string[]>;
}

/** The demo's directory: placeholder Teams ids for people without one, removed outside the demo. */
export interface DemoDirectory {
  prepare(demo: boolean, placeholderPrefix: string): Promise<void>;
}

/** The part of the configuration a channel reads. */
export type ChannelConfig = Pick<Config, 'slack' | 'teams' | 'graph' | 'demo' | 'playgroundPort'>;

/** What a channel (Slack, Teams) gets from the app. */
export interface ChannelDeps {
  config: ChannelConfig;
  logger: Logger;
  chat: ChatService;
  people: ChannelPeople;
  caseMessages: CaseMessageLog;
  refs: ConversationRefRows;
  demoDirectory: DemoDirectory;
  strategy: () => Strategy;
  clock: () => Date;
  /** What an outbox item says, to whom, on this platform. */
  compose: (item: OutboxItem, platform: ChatPlatform) => Promise<Composed>;
  metrics: Metrics;
  /** Ask the outbox to send soon (after a request wrote notifications). */
  kickOutbox: () => void;
}

/** What a chat channel (Slack, Teams) adds to the app: its HTTP routes, its sender, its lifecycle. */
export interface ChannelModule {
  name: ChatPlatform;
  routes: Route[];
  sender: ChannelSender;
  start?(): Promise<void>;
  stop?(): Promise<void>;
}

/** Builds a channel from the app's parts; null when the channel is not configured. */
export type ChannelFactory = (deps: ChannelDeps) => ChannelModule | null;
