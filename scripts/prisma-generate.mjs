// Generates one Prisma client per provider from prisma/schema.prisma (the single source of truth).
// Runs on `npm ci` (postinstall). The engine env vars point at an existing file so the CLI never
// tries to download a binary: we use driver adapters and the JS engine only.
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
export const providers = ["sqlite", "postgresql"];

export function schemaFor(provider, base = readFileSync(join(root, "prisma/schema.prisma"), "utf8")) {
  return base
    .replace('provider = "sqlite"\n  url      = "file:./dev.db"', `provider = "${provider}"\n  url      = "${provider === "sqlite" ? "file:./dev.db" : "postgresql://localhost/unused"}"`)
    .replace('output     = "../src/db/generated/sqlite"', `output     = "../../src/db/generated/${provider}"`);
}

export function writeSchemas() {
  const dir = join(root, "prisma/.generated");
  mkdirSync(dir, { recursive: true });
  const paths = {};
  for (const p of providers) {
    paths[p] = join(dir, `schema.${p}.prisma`);
    writeFileSync(paths[p], schemaFor(p));
  }
  return paths;
}

export function prismaEnv() {
  return { ...process.env, PRISMA_QUERY_ENGINE_LIBRARY: "/bin/true", PRISMA_SCHEMA_ENGINE_BINARY: "/bin/true", PRISMA_HIDE_UPDATE_MESSAGE: "1", CHECKPOINT_DISABLE: "1" };
}

export function prismaBin() {
  return join(root, "node_modules/prisma/build/index.js");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (!existsSync(prismaBin())) process.exit(0);
  const paths = writeSchemas();
  for (const p of providers) {
    execFileSync(process.execPath, [prismaBin(), "generate", "--schema", paths[p]], { cwd: root, env: prismaEnv(), stdio: ["ignore", "ignore", "inherit"] });
  }
  console.log("prisma clients generated for", providers.join(" and "));
}
