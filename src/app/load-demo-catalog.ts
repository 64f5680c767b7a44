// Loads the demo catalog (prisma/demo/catalog.json) into a database that has no brands yet.
// Only `npm start` calls this (no other command ever loads the demo catalog: an empty database stays empty for imports and tests).
import { join } from "node:path";
import type { Db } from "../db/database.ts";
import { projectRoot } from "../paths.ts";
import { importCatalogFile } from "./import-catalog.ts";

export const DEMO_CATALOG = join(projectRoot, "prisma/demo/catalog.json");

/** Returns true when it loaded the demo, false when the database already had a catalog. */
export async function loadDemoIfEmpty(db: Db): Promise<boolean> {
  if ((await db.prisma.brand.count()) > 0) return false;
  const result = await importCatalogFile(db, DEMO_CATALOG);
  if (!result.ok) throw new Error(`demo catalog is invalid: ${result.errors[0]}`);
  return true;
}
