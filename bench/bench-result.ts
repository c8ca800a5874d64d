// What a benchmark module gives the runner (bench/run.ts): named figures, some with a target.

export interface BenchTarget {
  value: number;
  /** Whether the figure must be at least (`min`) or at most (`max`) the target value. */
  kind: 'min' | 'max';
}

export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  target?: BenchTarget;
  /** Context for a reader: what was measured, a reference figure. */
  note?: string;
}

export interface BenchModule {
  /** Shown as the heading of the module's table. */
  title: string;
  run(): Promise<BenchResult[]>;
}

export function meets(result: BenchResult): boolean | undefined {
  const t = result.target;
  if (!t) return undefined;
  return t.kind === 'min' ? result.value >= t.value : result.value <= t.value;
}
