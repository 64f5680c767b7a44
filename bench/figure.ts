/** One printed benchmark figure. */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  note?: string;
}
