import type { Route } from '../http/http-server.js';
import type { ChannelSender } from '../outbox/delivery.js';

/** What a chat channel (Slack, Teams) adds to the app: its HTTP routes, its sender, its lifecycle. */
export interface ChannelModule {
  name: 'slack' | 'teams';
  routes: Route[];
  sender: ChannelSender;
  /**
   * Whether the workflow sends notifications through this channel (default true). Teams without
   * credentials outside the demo only answers loopback clients: it has nobody to notify.
   */
  notifies?: boolean;
  start?(): Promise<void>;
  stop?(): Promise<void>;
}
