// `npm run db:migration NAME`: writes the SQL that takes the last migrated schema to prisma/schema.prisma,
// for SQLite and PostgreSQL, as prisma/migrations/<provider>/<NNNN>_<NAME>.sql, then updates the snapshot.
// The app applies these files itself (src/db/migrate.ts), the same way on both databases.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { providers, schemaFor, prismaEnv, prismaBin } from "./prisma-generate.mjs";

const name = (process.argv[2] ?? "").replace(/[^a-z0-9_]+/gi, "_");
if (!name) { console.error("usage: npm run db:migration NAME"); process.exit(1); }
const migrations = "prisma/migrations";
const snapshot = join(migrations, "schema.snapshot.prisma");
const current = readFileSync("prisma/schema.prisma", "utf8");
const tmp = "prisma/.generated";
mkdirSync(tmp, { recursive: true });

let wrote = false;
for (const provider of providers) {
  const dir = join(migrations, provider);
  mkdirSync(dir, { recursive: true });
  const next = String(readdirSync(dir).filter((f) => f.endsWith(".sql")).length + 1).padStart(4, "0");
  const to = join(tmp, `to.${provider}.prisma`);
  writeFileSync(to, schemaFor(provider, current));
  const args = ["migrate", "diff", "--to-schema-datamodel", to, "--script"];
  if (existsSync(snapshot)) {
    const from = join(tmp, `from.${provider}.prisma`);
    writeFileSync(from, schemaFor(provider, readFileSync(snapshot, "utf8")));
    args.push("--from-schema-datamodel", from);
  } else args.push("--from-empty");
  // The config picks the adapter (and so the SQL dialect's engine) from DATABASE_URL; PostgreSQL diffing needs a reachable server (nothing is written to it).
  const env = { ...prismaEnv(), DATABASE_URL: provider === "sqlite" ? "file:./prisma/.generated/diff.db" : (process.env.DIFF_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/test") };
  const sql = execFileSync(process.execPath, [prismaBin(), ...args], { env, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
  if (/^-- This is an empty migration/m.test(sql) || !sql.trim()) { console.log(`${provider}: no changes`); continue; }
  writeFileSync(join(dir, `${next}_${name}.sql`), sql);
  console.log(`wrote ${join(dir, `${next}_${name}.sql`)}`);
  wrote = true;
}
if (wrote) writeFileSync(snapshot, current);
