// What the workflow runs on: the store, the strategy in force, the clock and the chat platforms.
import type { Strategy } from '../domain/strategy/compile-strategy.js';
import type { Platform } from '../domain/workflow/case-model.js';
import type { Backend } from '../store/backend.js';
import type { Db } from '../store/store-handle.js';
import type { ChatPlatform } from './notifications.js';

export interface WorkflowDeps {
  db: Db;
  backend: Backend;
  /** The strategy in force now (it may reload; a case keeps the route it was opened with). */
  strategy: () => Strategy;
  clock: () => Date;
  /** The chat platforms notifications go to. */
  platforms: () => ReadonlyArray<ChatPlatform>;
  /** Test hook for crash points: called at named points. */
  fault?: (point: string) => void;
}

/** Who acts: a person id from the directory (or `slack:U…`/`teams:…` for people it does not know). */
export interface Actor {
  personId: string;
  platform: Platform;
}
