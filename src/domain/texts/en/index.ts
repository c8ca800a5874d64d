import type { Catalogue } from '../catalogue.js';
import { channelEn } from './channel.js';
import { chatEn } from './chat.js';
import { checkEn } from './check.js';
import { conversationEn } from './conversation.js';
import { digestEn } from './digest.js';
import { notificationEn } from './notification.js';
import { reviewEn } from './review.js';

export const en: Catalogue = {
  conversation: conversationEn,
  check: checkEn,
  chat: chatEn,
  digest: digestEn,
  review: reviewEn,
  notification: notificationEn,
  channel: channelEn,
};
