// Opens (and migrates) the configured database for one CLI command, and always closes it.
import { openDatabase, type Db } from "../db/database.ts";

export async function withDb<T>(fn: (db: Db) => Promise<T>): Promise<T> {
  const db = await openDatabase();
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}
