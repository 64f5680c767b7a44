import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/database.ts";
import { freePort, o2o, startServer, waitForHealthy } from "../support/processes.ts";

describe("npm start on the embedded default", { timeout: 120_000 }, () => {
  const dataDir = mkdtempSync(join(tmpdir(), "o2o-start-"));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it("serves /healthz with the demo catalog loaded, and tells how to chat locally", async () => {
    const port = freePort();
    const child = startServer({ DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: "info", TELEGRAM_BOT_TOKEN: "" });
    let out = "";
    child.stdout!.on("data", (d) => (out += d));
    try {
      const r = await waitForHealthy(`http://127.0.0.1:${port}/healthz`);
      expect(r.status).toBe(200);
      // the log line and the health answer travel different pipes: give stdout a moment
      for (let i = 0; i < 50 && !/npx o2o chat/.test(out); i++) await new Promise((r) => setTimeout(r, 100));
      expect(out).toMatch(/npx o2o chat/);
    } finally {
      child.kill("SIGTERM");
    }
    const db = await openDatabase({ dataDir });
    expect(await db.prisma.brand.count()).toBe(4);
    await db.close();
  });
});

describe("the o2o CLI", { timeout: 120_000 }, () => {
  const dataDir = mkdtempSync(join(tmpdir(), "o2o-cli-"));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it("answers --help", () => {
    const r = o2o(["--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/import/);
  });

  it("imports a file and exits non-zero with a one-line error on a bad one", () => {
    const ok = o2o(["import", "prisma/demo/catalog.json"], { env: { DATA_DIR: dataDir } });
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/imported 4 brands/);
    const bad = o2o(["import", "no-such-file.json"], { env: { DATA_DIR: dataDir } });
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/cannot read the file/);
  });
});
