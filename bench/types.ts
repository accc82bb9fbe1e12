/** One measured figure. `bench/results.json` holds a list of these, comparable across commits. */
export interface BenchFigure {
  name: string;
  value: number;
  unit: string;
}
