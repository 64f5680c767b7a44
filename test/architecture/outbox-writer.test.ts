// The outbox has one writer: rows of OutboxMessage are inserted only by src/outbox/enqueue.ts; every other module
// calls `enqueue` (or `enqueueSelected`). Reading, claiming and updating rows elsewhere is fine.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { sourceFiles } from "./import-rules.ts";

const ROOT = join(import.meta.dirname, "..", "..");
const WRITER = "src/outbox/enqueue.ts";

/** The lines of a file that insert outbox rows, through SQL or the Prisma client. */
export function outboxInserts(text: string): string[] {
  return text.split("\n").filter((line) => /INSERT\s+INTO\s+"OutboxMessage"|outboxMessage\s*\.\s*(create|createMany|upsert)\b/.test(line));
}

describe("the outbox writer", () => {
  it("is the only module that inserts outbox rows", () => {
    const others = sourceFiles(ROOT).filter((f) => f !== WRITER && outboxInserts(readFileSync(join(ROOT, f), "utf8")).length);
    expect(others).toEqual([]);
    expect(outboxInserts(readFileSync(join(ROOT, WRITER), "utf8")).length).toBeGreaterThan(0);
  });

  it("spots an insert by SQL or by the client", () => {
    expect(outboxInserts(`await tx.outboxMessage.upsert({ where })`)).toHaveLength(1);
    expect(outboxInserts("execute(db, () => `INSERT INTO \"OutboxMessage\" (\"id\") VALUES (1)`)")).toHaveLength(1);
    expect(outboxInserts(`await tx.outboxMessage.updateMany({ where })`)).toHaveLength(0);
  });
});
