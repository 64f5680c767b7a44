// The container image's commands, run without a container engine: the Dockerfile's build (tsc to dist/), its
// runtime stage assembled from the Dockerfile's own COPY lines into an empty directory (no src/, no tsx), then
// `node dist/main.js` on an empty PostgreSQL database (migrated on start), the HEALTHCHECK command, the CLI from the
// build, and SIGTERM. Also: the build imports production dependencies only.
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync } from "node:fs";
import { builtinModules } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { projectRoot } from "../../src/paths.ts";
import { openDatabase } from "../../src/db/database.ts";
import { migrationsFor } from "../../src/db/migrate.ts";
import { query } from "../../src/db/sql.ts";
import { freshDatabaseUrl } from "../support/databases.ts";
import { startApp } from "../support/app-process.ts";

const dockerfile = readFileSync(join(projectRoot, "Dockerfile"), "utf8");

/** The runtime stage's `COPY <src> <dest>` lines (not --from=…): what the image takes from the repository. */
function runtimeCopies(): [string, string][] {
  const stages = dockerfile.split(/^FROM /m);
  const runtime = stages[stages.length - 1];
  return [...runtime.matchAll(/^COPY (?!--from)(\S+) (\S+)$/gm)].map((m) => [m[1], m[2]]);
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
}

describe("the container image's commands", { timeout: 180_000 }, () => {
  const root = mkdtempSync(join(tmpdir(), "o2o-image-"));
  const app = join(root, "app");
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  beforeAll(() => {
    // stage "build": `npm run build` (here into the image's directory instead of the worktree's dist/)
    mkdirSync(app);
    execFileSync(process.execPath, [join(projectRoot, "node_modules/typescript/bin/tsc"), "-p", join(projectRoot, "tsconfig.build.json"), "--outDir", join(app, "dist"), "--tsBuildInfoFile", join(root, "tsbuildinfo")], { cwd: projectRoot, stdio: "inherit" });
    // stage "runtime": the Dockerfile's COPY lines; node_modules from the deps stage (here: the installed one)
    for (const [from, to] of runtimeCopies()) {
      const dest = to.endsWith("/") ? join(app, to, from.split("/").pop()!) : join(app, to);
      mkdirSync(dirname(dest), { recursive: true });
      cpSync(join(projectRoot, from), dest, { recursive: true });
    }
    symlinkSync(join(projectRoot, "node_modules"), join(app, "node_modules"), "dir");
    // (a whole tsc compile: on a loaded 2-core machine it has taken over the default 60 s of a hook)
  }, 180_000);

  it("compiles to dist/main.js and the CLI, importing production dependencies only", () => {
    expect(existsSync(join(app, "dist/main.js"))).toBe(true);
    expect(existsSync(join(app, "dist/cli/index.js"))).toBe(true);
    expect(existsSync(join(app, "src"))).toBe(false);
    const pkg = JSON.parse(readFileSync(join(projectRoot, "package.json"), "utf8")) as { dependencies: Record<string, string> };
    const bare = new Set<string>();
    for (const f of walk(join(app, "dist")).filter((f) => f.endsWith(".js"))) {
      for (const m of readFileSync(f, "utf8").matchAll(/(?:^|\s)(?:import|export)[^'"]*?from\s*["']([^"'.][^"']*)["']|import\(\s*["']([^"'.][^"']*)["']\s*\)/gm)) {
        const spec = m[1] ?? m[2];
        if (spec.startsWith("node:") || builtinModules.includes(spec)) continue;
        bare.add(spec.startsWith("@") ? spec.split("/").slice(0, 2).join("/") : spec.split("/")[0]);
      }
    }
    expect(bare.size).toBeGreaterThan(5);
    expect([...bare].filter((p) => !(p in pkg.dependencies))).toEqual([]);
  });

  it("node dist/main.js migrates an empty PostgreSQL database, passes its HEALTHCHECK and /readyz, and stops on SIGTERM with 0", async () => {
    const fresh = await freshDatabaseUrl("postgresql");
    try {
      const server = await startApp({ DATABASE_URL: fresh.url, TELEGRAM_BOT_TOKEN: "", REDIS_URL: "", NODE_ENV: "production" }, { entry: join(app, "dist/main.js"), cwd: app });
      try {
        expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
        const health = /HEALTHCHECK[^]*?CMD \[(.*)\]/.exec(dockerfile)![1];
        const argv = JSON.parse(`[${health}]`) as string[];
        const check = spawnSync(argv[0] === "node" ? process.execPath : argv[0], argv.slice(1), { env: { ...process.env, PORT: String(server.port) }, timeout: 10_000 });
        expect(check.status).toBe(0);
        expect(await (await fetch(`${server.url}/metrics`)).text()).toMatch(/^process_resident_memory_bytes /m);
      } finally {
        expect(await server.stop("SIGTERM")).toBe(0);
      }
      const db = await openDatabase({ databaseUrl: fresh.url });
      const applied = await query<{ name: string }>(db, () => `SELECT "name" FROM "_o2o_migrations"`);
      expect(applied.map((r) => r.name).sort()).toEqual(migrationsFor("postgresql").map((m) => m.name));
      await db.close();
    } finally {
      await fresh.drop();
    }
  });

  it("the CLI runs from the build (no sources, no tsx needed)", () => {
    const r = spawnSync(process.execPath, [join(app, "bin/o2o.js"), "--help"], { cwd: app, encoding: "utf8", timeout: 30_000 });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/campaign/);
    const bad = spawnSync(process.execPath, [join(app, "bin/o2o.js"), "no-such-command"], { cwd: app, encoding: "utf8", timeout: 30_000 });
    expect(bad.status).not.toBe(0);
    expect(bad.stderr.trim().split("\n")).toHaveLength(1);
  });
});
