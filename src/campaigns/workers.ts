// The handle on running delivery workers, in a file of its own because both kinds implement it: the in-process loop
// (scheduler.ts) and the BullMQ workers (redis-delivery.ts), which scheduler.ts loads only when REDIS_URL is set.
import type { TickResult } from "./tick.ts";

export interface Workers {
  /** after planning: hand the new rows to the workers (BullMQ jobs; in-process workers poll and need nothing) */
  announce(result: TickResult): Promise<void>;
  stop(): Promise<void>;
}
