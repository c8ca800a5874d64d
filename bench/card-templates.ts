// Card templates: the CPU time of expanding one card through adaptivecards-templating against
// Koers's compiled template (compiled-template.ts) for the same template and data, the status
// card a Teams `status` sends and an approval card with its buttons. Both sides get the same
// data object and give the same card (test/cards/compiled-template.test.ts); alternating rounds,
// median of three. No target: it says what the compiled templates saved.
import type { BenchModule, BenchResult } from './bench-result.js';
import { koersModule } from './koers-code.js';
import { cpuPerCall, median } from './measure.js';

const [templates, compiledModule, render, samples] = await Promise.all([
  koersModule<typeof import('../src/channels/teams/card-templates.js')>('channels/teams/card-templates'),
  koersModule<typeof import('../src/channels/teams/compiled-template.js')>(
    'channels/teams/compiled-template',
  ),
  koersModule<typeof import('../src/channels/teams/render-adaptive-card.js')>(
    'channels/teams/render-adaptive-card',
  ),
  import('../test/cards/sample-views.js'),
]);

const ROUND_MS = 400;
const ROUNDS = 3;

/** CPU µs per call of `fn` over `ms` of CPU time. */
const usPerCall = (ms: number, fn: () => unknown) =>
  cpuPerCall(ms, () => {
    for (let i = 0; i < 50; i++) fn();
    return 50;
  }).usPerCall;

function compare(label: string, view: Parameters<typeof render.cardData>[0], mode: 'submit' | 'execute') {
  const { template, data } = render.cardData(view, { locale: 'nl', mode });
  const json = templates.templateJson(template);
  const library = templates.libraryExpander(json);
  const compiled = compiledModule.compileTemplate(json);
  if (!compiled) throw new Error(`${template} is not compiled`);
  usPerCall(200, () => library(data));
  usPerCall(200, () => compiled(data));
  const lib: number[] = [];
  const ours: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    lib.push(usPerCall(ROUND_MS, () => library(data)));
    ours.push(usPerCall(ROUND_MS, () => compiled(data)));
  }
  const bytes = Buffer.byteLength(JSON.stringify(compiled(data)));
  return [
    {
      name: `${label}: adaptivecards-templating`,
      value: median(lib),
      unit: 'µs',
      note: `expand() of the ${template} template, ${bytes} bytes of card`,
    },
    {
      name: `${label}: compiled template`,
      value: median(ours),
      unit: 'µs',
      note: `the same template and data; ${(median(lib) / median(ours)).toFixed(1)}× faster`,
    },
  ] satisfies BenchResult[];
}

const bench: BenchModule = {
  title: 'Card templates: one card through adaptivecards-templating and through the compiled template',
  async run() {
    const [status] = samples.statusViews('nl');
    const [approval] = samples.approvalViews('nl');
    if (!status || !approval) throw new Error('no sample views');
    return [...compare('status card', status, 'submit'), ...compare('approval card', approval, 'execute')];
  },
};

export default bench;
