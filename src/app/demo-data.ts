// The local demo's data: the bundled example portfolio, imported once into an empty register.
import type { Logger } from 'pino';
import { BUNDLED_PORTFOLIO } from '../config.js';
import type { Strategy } from '../domain/strategy/compile-strategy.js';
import { addMonths, dateIn } from '../domain/time.js';
import { csvFile } from '../portfolio/csv-records.js';
import { importRegister } from '../portfolio/import-register.js';
import type { Backend } from '../store/backend.js';
import { claimKey } from '../store/processed-events.js';
import { postponeOverdueImportedReviews } from '../store/relationship-repo.js';
import { type Db, inUnitOfWork } from '../store/store-handle.js';

export async function loadDemoPortfolio(
  db: Db,
  backend: Backend,
  strategy: Strategy,
  now: Date,
  logger: Logger,
): Promise<void> {
  const first = await inUnitOfWork(db, (tx) =>
    claimKey(tx, 'demo:example-portfolio', null, now.toISOString()),
  );
  if (!first) return;
  const result = await importRegister(db, backend, strategy, csvFile(BUNDLED_PORTFOLIO), {
    now,
    skipBad: true,
    actorId: 'koers-demo',
  });
  if (!result.ok) {
    logger.warn({ result }, 'demo: example portfolio could not be imported');
    return;
  }
  logger.info({ imported: result.report.imported }, 'demo: example portfolio imported');
  // The example's review dates lie in the past; in a demo that would greet the newcomer with a
  // pile of review requests. Give the overdue ones a month.
  const today = dateIn(now, strategy.file.digest.timezone);
  await postponeOverdueImportedReviews(db, today, addMonths(today, 1));
}
