// The `portfolio` word's answer: the portfolio as it stands now (the running period's digest, so
// "review overdue" and "waiting" are counted today), summarised. In the local demo the digest of
// the week so far also goes to the alliance team channel, on start and on each `portfolio`, so the
// channel is never empty there; the weekly digest's run key is left alone.
import type { Logger } from 'pino';
import type { View } from '../conversation/view.js';
import type { Locale } from '../domain/strategy/strategy-schema.js';
import { computeDigest } from '../jobs/compute-digest.js';
import { digestSchedule } from '../jobs/digest-schedule.js';
import {
  computeRunningDigest,
  enqueueRunningDigest,
  type RunningDigestDeps,
} from '../jobs/running-digest.js';
import { portfolioSummaryView } from '../jobs/views/portfolio-summary-view.js';
import type { ChatPlatform } from '../workflow/notifications.js';

export interface PortfolioAnswerDeps extends RunningDigestDeps {
  logger: Logger;
  platforms: () => ReadonlyArray<ChatPlatform>;
  /** The demo: post the week so far to the alliance team channel. */
  demoDigest: boolean;
  /** Ask the outbox to send what was enqueued. */
  kickOutbox: () => void;
}

export function portfolioAnswer(deps: PortfolioAnswerDeps) {
  /** Posts the week so far to the alliance team channel (the demo); returns how many posts. */
  async function postWeekSoFar(): Promise<number> {
    const digest = await computeRunningDigest(deps);
    if (digest === null) return 0;
    const posts = await enqueueRunningDigest(deps, digest);
    if (posts > 0) deps.kickOutbox();
    return posts;
  }

  async function answer(locale: Locale): Promise<View> {
    const digest = (await computeRunningDigest(deps)) ?? (await lastCompleted(deps));
    const posted =
      deps.demoDigest && digest.period.running === true && (await enqueueRunningDigest(deps, digest)) > 0;
    if (posted) deps.kickOutbox();
    return portfolioSummaryView(digest, locale, { posted });
  }

  return { answer, postWeekSoFar };
}

/** A schedule with no occurrence ahead: the period that ended last. */
async function lastCompleted(deps: RunningDigestDeps) {
  const strategy = deps.strategy();
  const schedule = digestSchedule(strategy.file.digest.cron, strategy.file.digest.timezone);
  const now = deps.clock();
  const period = schedule.periodOf(schedule.latestAtOrBefore(now) ?? now);
  return computeDigest({ db: deps.db, backend: deps.backend, strategy, period, asOf: now });
}
