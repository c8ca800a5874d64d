// The example strategy with many more priorities, as YAML text (for reload and lag measurements).
import { readFileSync } from 'node:fs';

const EXAMPLE = new URL('../../config/strategy.example.yaml', import.meta.url);

/** The example strategy with `extra` priorities added after its own (ids p-0, p-1, ...). */
export function largeStrategyText(extra: number): string {
  const text = readFileSync(EXAMPLE, 'utf8');
  const marker = '\npriorities:\n';
  const at = text.indexOf(marker);
  if (at < 0) throw new Error('the example strategy has no priorities section');
  const added: string[] = [];
  for (let i = 0; i < extra; i++)
    added.push(
      `  - id: p-${i}\n    name: { nl: Prioriteit ${i}, en: Priority ${i} }\n    weight: low\n    keywords: [thema${i}, onderwerp${i}]\n`,
    );
  const head = text.slice(0, at + marker.length);
  return `${head}${added.join('')}${text.slice(at + marker.length)}`;
}
