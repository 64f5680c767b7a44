// One use case = one transaction. On SQLite the first statement takes the write lock, so a transaction that
// reads then writes cannot fail half-way with SQLITE_BUSY when another process wrote in between (WAL snapshots);
// the busy timeout then queues writers instead. Conflicts that remain (PostgreSQL unique races) surface as errors
// for the caller to turn into values.
import type { Db, Tx } from "./database.ts";

export async function writeTx<T>(db: Db, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.prisma.$transaction(
    async (tx) => {
      if (db.provider === "sqlite") await tx.$executeRawUnsafe(`UPDATE "Setting" SET "key" = "key" WHERE "key" = '__write_lock__'`);
      return fn(tx as Tx);
    },
    { timeout: 60_000, maxWait: 60_000 },
  );
}

/** True when err is a unique-constraint violation (Prisma P2002 or the raw driver's code). */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; message?: string; cause?: { code?: string } };
  return e?.code === "P2002" || e?.code === "23505" || e?.cause?.code === "23505" || /UNIQUE constraint failed|unique constraint|duplicate key/i.test(e?.message ?? "");
}
