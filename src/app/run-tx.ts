// Runs a use case's transaction; a `Rollback` thrown inside undoes everything and comes back as a failure value.
import type { Db, Tx } from "../db/database.ts";
import { writeTx } from "../db/write-transaction.ts";
import { Rollback, type AppResult } from "./app-result.ts";

export async function runTx<T>(db: Db, fn: (tx: Tx) => Promise<AppResult<T>>): Promise<AppResult<T>> {
  try {
    return await writeTx(db, fn);
  } catch (e) {
    if (e instanceof Rollback) return { ok: false, error: e.error };
    throw e;
  }
}
