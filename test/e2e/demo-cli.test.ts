import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { o2o } from "../support/processes.ts";

describe("o2o demo simulate", { timeout: 180_000 }, () => {
  const dataDir = mkdtempSync(join(tmpdir(), "o2o-demo-cli-"));
  const env = { DATA_DIR: dataDir, DATABASE_URL: "", O2O_NOW: "2026-11-25T12:00:00+08:00" };
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it("refuses bad input in one line, and an empty database with how to fill it", () => {
    for (const days of ["0", "-3", "x", "61"]) {
      const r = o2o(["demo", "simulate", "--days", days], { env });
      expect(r.code).not.toBe(0);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      expect(r.stderr).toMatch(/--days must be a whole number from 1 to 60/);
    }
    const empty = o2o(["demo", "simulate", "--days", "2"], { env });
    expect(empty.code).not.toBe(0);
    expect(empty.stderr).toMatch(/no catalog: import one first/);
  });

  it("writes the days of activity and prints what it wrote", () => {
    expect(o2o(["import", "prisma/demo/catalog.json"], { env }).code).toBe(0);
    const r = o2o(["demo", "simulate", "--days", "2", "--seed", "3"], { env });
    expect(r.code, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout);
    expect(summary).toMatchObject({ days: 2, seed: 3, campaigns: 4 });
    expect(summary.orders).toBeGreaterThan(0);
    const report = JSON.parse(o2o(["report", "--brand", "gxg", "--json"], { env }).stdout);
    expect(report.totals.orders).toBeGreaterThan(0);
  });
});
