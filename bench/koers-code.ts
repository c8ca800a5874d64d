// Which Koers the benches measure: the compiled code in dist/, as `npm start` and `koers serve`
// run it (bin/koers.js loads dist/), unless KOERS_BENCH_FROM=src asks for the TypeScript sources
// through tsx. The two are not the same program for a profiler: tsx compiles with esbuild's
// keepNames, which wraps every named inner function in a call that sets its name each time it
// is created, a cost the shipped code does not have. The bare frameworks run their published
// JavaScript, so Koers runs its published JavaScript too. `npm run bench` builds dist/ first.
import { fileURLToPath } from 'node:url';

export const KOERS_FROM: 'dist' | 'src' = process.env.KOERS_BENCH_FROM === 'src' ? 'src' : 'dist';

/** A Koers module by its path under src/ (`app/create-app`), from dist/ or src/. */
export function koersModule<T>(path: string): Promise<T> {
  return import(fileURLToPath(new URL(`../${KOERS_FROM}/${path}.js`, import.meta.url))) as Promise<T>;
}
