// SVG to PNG on the server with resvg. resvg draws no text without a font: DejaVu Sans is loaded
// from the Debian package fonts-dejavu-core (the container and CI install it); without it the
// chart still renders, bars only, and the caller is told so it can log it.
import { existsSync } from 'node:fs';

export const DEFAULT_FONTS = [
  '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
  '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf',
];

export interface RenderedChart {
  png: Buffer;
  /** False when no font file was found: the PNG has no text. */
  withText: boolean;
}

export async function renderChartPng(
  svg: string,
  fontFiles: ReadonlyArray<string> = DEFAULT_FONTS,
): Promise<RenderedChart> {
  const fonts = fontFiles.filter((f) => existsSync(f));
  // Loaded when a chart is drawn (once a week), not at every start.
  const { renderAsync } = await import('@resvg/resvg-js');
  const image = await renderAsync(svg, {
    font: { fontFiles: fonts, loadSystemFonts: false, defaultFontFamily: 'DejaVu Sans' },
    fitTo: { mode: 'original' },
    background: '#ffffff',
    logLevel: 'off',
  });
  return { png: image.asPng(), withText: fonts.length > 0 };
}
