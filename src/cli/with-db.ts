// Opens (and migrates) the configured database for one CLI command, and always closes it.
import { openDatabase, type Db } from "../db/database.ts";

export async function withDb<T>(fn: (db: Db) => Promise<T>, opts: { needsCatalog?: boolean } = {}): Promise<T> {
  const db = await openDatabase();
  // a command that reads the catalog says so on stderr when there is none (stdout stays the command's own)
  if (opts.needsCatalog && (await db.prisma.product.count()) === 0) {
    process.stderr.write("o2o: note: the database has no catalog yet; import one (npx o2o import prisma/demo/catalog.json) or run npm start once to load the demo\n");
  }
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}
