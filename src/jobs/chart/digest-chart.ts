// The digest's chart as a PNG, or null: a digest without its picture is better than no digest.
import type { Logger } from 'pino';
import type { Digest } from '../../domain/digest/digest-model.js';
import type { Locale } from '../../domain/strategy/strategy-schema.js';
import { portfolioChartSvg } from './portfolio-chart-svg.js';
import { renderChartPng } from './render-chart-png.js';

export async function digestChartPng(
  digest: Digest,
  locale: Locale,
  log: Logger,
  fontFiles?: ReadonlyArray<string>,
): Promise<Buffer | null> {
  try {
    const rendered = await renderChartPng(portfolioChartSvg(digest, locale), fontFiles);
    if (!rendered.withText)
      log.warn(
        'no font file found for the digest chart: it has bars but no text (install fonts-dejavu-core)',
      );
    return rendered.png;
  } catch (err) {
    log.error({ err }, 'digest chart could not be rendered; posting without it');
    return null;
  }
}
