// The weekly portfolio digest's words: its sections, lines, chart and the rules it counts. The
// Dutch catalogue gives the shape; the English one must match it key for key.
import type { digestNl } from './nl/digest.js';

export type DigestTexts = typeof digestNl;
