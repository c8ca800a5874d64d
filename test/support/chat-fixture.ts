// The chat service on a real store, with a test clock.
import pino from 'pino';
import { type ChatService, createChatService } from '../../src/application/chat-service.js';
import type { View } from '../../src/conversation/index.js';
import type { Backend } from '../../src/store/backend.js';
import { type WorkflowFixture, workflowFixture } from './workflow-fixture.js';

export interface ChatFixture extends WorkflowFixture {
  chat: ChatService;
}

export async function chatFixture(backend: Backend, options: { demo?: boolean } = {}): Promise<ChatFixture> {
  const f = await workflowFixture(backend);
  const chat = createChatService({
    db: f.ts.store.handle,
    workflow: f.wf,
    strategy: () => f.strategy,
    clock: f.clock.now,
    logger: pino({ level: 'silent' }),
    demo: options.demo ?? false,
  });
  return { ...f, chat };
}

/** All the text a view shows, for assertions. */
export function viewText(v: View | undefined): string {
  if (!v) return '';
  return v.fallbackText;
}
