// Opens the database named by the environment (DATABASE_URL, or SQLite under DATA_DIR), migrating it first.
// Both providers share one generated client type (the schema is the same); only the adapter differs.
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient as SqliteClient, type Prisma as PrismaNs } from "./generated/sqlite/client.ts";
import { PrismaClient as PgClient } from "./generated/postgresql/client.ts";
import { migratePostgres, migrateSqlite, type Provider } from "./migrate.ts";
import { registerDirectPool } from "./direct-sql.ts";

/** PostgreSQL connections per process, shared by Prisma and the direct raw statements (direct-sql.ts). */
export const PG_POOL_SIZE = 10;
/** More connections per process, opened when first used, for the writes committed asynchronously (sql.ts executeAsyncCommit). */
export const PG_ASYNC_COMMIT_POOL_SIZE = 4;

export type Prisma = SqliteClient;
/** The transaction client handed to `db.prisma.$transaction(async (tx) => …)`. */
export type Tx = PrismaNs.TransactionClient;

export interface Db {
  prisma: Prisma;
  provider: Provider;
  url: string;
  close(): Promise<void>;
}

/**
 * The provider behind a client or transaction client (each provider has its own generated client, which knows it):
 * raw SQL inside a transaction needs it for its placeholders.
 */
export function providerOf(client: Prisma | Tx): Provider {
  return (client as unknown as { _activeProvider: string })._activeProvider === "postgresql" ? "postgresql" : "sqlite";
}

export interface DbLocation {
  databaseUrl?: string;
  dataDir?: string;
}

export function resolveDatabaseUrl({ databaseUrl, dataDir }: DbLocation): { provider: Provider; url: string } {
  if (databaseUrl && /^postgres(ql)?:\/\//.test(databaseUrl)) return { provider: "postgresql", url: databaseUrl };
  if (databaseUrl && databaseUrl.startsWith("file:")) return { provider: "sqlite", url: databaseUrl };
  if (databaseUrl) throw new Error(`DATABASE_URL must start with file: or postgres://, got "${databaseUrl.slice(0, 40)}"`);
  return { provider: "sqlite", url: `file:${resolve(dataDir ?? "./data", "o2o.db")}` };
}

export function sqliteFile(url: string): string {
  return resolve(url.replace(/^file:(\/\/)?/, "").split("?")[0]);
}

export async function openDatabase(location: DbLocation = { databaseUrl: process.env.DATABASE_URL, dataDir: process.env.DATA_DIR }): Promise<Db> {
  const { provider, url } = resolveDatabaseUrl(location);
  if (provider === "sqlite") {
    const file = sqliteFile(url);
    mkdirSync(dirname(file), { recursive: true });
    migrateSqlite(file);
    const prisma = new SqliteClient({ adapter: new PrismaBetterSQLite3({ url: file, timeout: 30_000 }) });
    // WAL + synchronous=NORMAL: a commit survives an application crash; only an OS crash or power loss can lose the
    // last few commits (never corrupt the file). That is the embedded default's trade for millisecond replies.
    await prisma.$executeRawUnsafe("PRAGMA synchronous = NORMAL");
    return { prisma, provider, url, close: () => prisma.$disconnect() };
  }
  await migratePostgres(url);
  const pool = new pg.Pool({ connectionString: url, max: PG_POOL_SIZE });
  const asyncCommit = new pg.Pool({ connectionString: url, max: PG_ASYNC_COMMIT_POOL_SIZE, options: "-c synchronous_commit=off" });
  // a connection dropped while idle (a database restart) leaves the pool; the next statement opens a new one
  pool.on("error", () => undefined);
  asyncCommit.on("error", () => undefined);
  const prisma = new PgClient({ adapter: new PrismaPg(pool) }) as unknown as Prisma;
  registerDirectPool(prisma, pool, asyncCommit);
  return {
    prisma, provider, url,
    close: async () => {
      await prisma.$disconnect();
      await Promise.all([pool.end(), asyncCommit.end()]);
    },
  };
}
