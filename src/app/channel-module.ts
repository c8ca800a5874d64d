import type { Route } from '../http/http-server.js';
import type { ChannelSender } from '../outbox/delivery.js';

/** What a chat channel (Slack, Teams) adds to the app: its HTTP routes, its sender, its lifecycle. */
export interface ChannelModule {
  name: 'slack' | 'teams';
  routes: Route[];
  sender: ChannelSender;
  start?(): Promise<void>;
  stop?(): Promise<void>;
}
