// `npm start` on an empty database: the demo catalog and a simulated week, so the dashboard shows a living business
// (funnels, a campaign timeline, unmet demand) from the first minute. DEMO=0 leaves the database empty.
import type { Db } from "../../db/database.ts";
import { loadDemoIfEmpty } from "../load-demo-catalog.ts";
import { simulateDemo, type SimulateInput, type SimulateSummary } from "./simulate-week.ts";

export const DEMO_DAYS = 7;
export const DEMO_SEED = 1;

/** The summary of what it wrote, or null when the database already had a catalog (or the demo is off). */
export async function demoOnFirstStart(db: Db, opts: { enabled: boolean; end: Date; engine: SimulateInput["engine"] }): Promise<SimulateSummary | null> {
  if (!opts.enabled || !(await loadDemoIfEmpty(db))) return null;
  return simulateDemo(db, { days: DEMO_DAYS, seed: DEMO_SEED, end: opts.end, engine: opts.engine });
}
