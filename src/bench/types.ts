/** One benchmark figure, printed by `npm run bench` next to its DESIGN.md budget. */
export type BenchLine = {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  /** The budget from DESIGN.md, in the same unit, when there is one. */
  readonly budget?: number;
  /** 'min': value must be >= budget (rates); 'max': value must be <= budget (times, sizes). */
  readonly budgetKind?: 'min' | 'max';
  readonly note?: string;
};

export type Bench = {
  readonly area: string;
  run(): Promise<readonly BenchLine[]>;
};
