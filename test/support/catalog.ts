// Catalog helpers for tests: the demo catalog as data, and writing small catalog files to a temp folder.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEMO_CATALOG } from "../../src/app/load-demo-catalog.ts";

export function demoCatalogJson(): Record<string, unknown[]> {
  return JSON.parse(readFileSync(DEMO_CATALOG, "utf8"));
}

export function tempFile(name: string, content: string | Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), "o2o-file-"));
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}
