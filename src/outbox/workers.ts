// The handle on running delivery workers, in a file of its own because both kinds implement it: the in-process loop
// (src/workers/delivery-workers.ts) and the BullMQ workers (redis-workers.ts), loaded only when REDIS_URL is set.

/** What a planning pass hands the workers: the occurrences it planned and how many rows it queued. */
export interface PlannedWork {
  queued: number;
  occurrences: { campaignId: string; occurrenceId: string }[];
}

export interface Workers {
  /** after planning: hand the new rows to the workers (BullMQ jobs; in-process workers poll and need nothing) */
  announce(planned: PlannedWork): Promise<void>;
  stop(): Promise<void>;
}
