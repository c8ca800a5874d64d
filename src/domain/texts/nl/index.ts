import type { Catalogue } from '../catalogue.js';
import { channelNl } from './channel.js';
import { chatNl } from './chat.js';
import { checkNl } from './check.js';
import { conversationNl } from './conversation.js';
import { digestNl } from './digest.js';
import { notificationNl } from './notification.js';
import { reviewNl } from './review.js';

export const nl: Catalogue = {
  conversation: conversationNl,
  check: checkNl,
  chat: chatNl,
  digest: digestNl,
  review: reviewNl,
  notification: notificationNl,
  channel: channelNl,
};
