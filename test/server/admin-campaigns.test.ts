// Campaigns through the admin HTTP API on both databases: the token is required, a campaign is created once or on a
// cron schedule through the same use case as the CLI, every bad input is refused with 400 and a clear message,
// lists page, and a cancel stops the campaign and skips what it had queued.
import pino from "pino";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { FastifyInstance } from "fastify";
import { buildServer } from "../../src/server/http-server.ts";
import { adminApiRoutes } from "../../src/server/admin/admin-api.ts";
import { allAdminRoutes } from "../../src/server/admin/admin-routes.ts";
import { runTick } from "../../src/app/campaigns/tick.ts";
import { DATABASES, freshDb, type TestDb } from "../support/databases.ts";
import { addMembers, FakeSender, resetCrm, seedCatalog, testConfig } from "../campaigns/fixtures.ts";

const TOKEN = "admin-campaign-token";
const NOON = new Date("2026-06-01T04:00:00Z"); // 12:00 in Shanghai
const NIGHT = new Date("2026-06-01T15:00:00Z"); // 23:00 in Shanghai: quiet hours, rows wait queued

describe.each(DATABASES)("campaigns in the admin API on %s", (kind) => {
  let db: TestDb;
  let app: FastifyInstance;
  beforeAll(async () => {
    db = await freshDb(kind);
    await seedCatalog(db);
    app = await buildServer({ logger: pino({ level: "silent" }), isReady: () => true, routes: [adminApiRoutes({ token: TOKEN, routes: allAdminRoutes({ db, clock: () => NOON }) })] });
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });
  beforeEach(async () => {
    await resetCrm(db);
    await addMembers(db, [
      { id: "m1", channel: "telegram", area: { lat: 23.1317, lng: 113.3246 } },
      { id: "m2", channel: "telegram" },
      { id: "m3", channel: "telegram", follows: ["b2"] },
    ]);
  });

  const call = (method: "GET" | "POST", url: string, body?: unknown, token: string | null = TOKEN) =>
    app.inject({ method, url: `/admin/api${url}`, ...(body !== undefined ? { payload: body as object } : {}), headers: token ? { authorization: `Bearer ${token}` } : {} });
  const create = (body: Record<string, unknown>, brand = "b1") => call("POST", `/brands/${brand}/campaigns`, { text: "开业大促，全场7折", ...body });

  it("refuses every campaign call without the token", async () => {
    for (const [method, url] of [["POST", "/brands/b1/campaigns"], ["GET", "/brands/b1/campaigns"], ["GET", "/campaigns/x"], ["POST", "/campaigns/x/cancel"]] as const) {
      const r = await call(method, url, method === "POST" ? { text: "x", at: NOON.toISOString() } : undefined, null);
      expect(r.statusCode, `${method} ${url}`).toBe(401);
      expect(r.json().error.code).toBe("UNAUTHORIZED");
    }
    expect((await call("POST", "/brands/b1/campaigns", { text: "x", at: NOON.toISOString() }, "wrong")).statusCode).toBe(401);
    expect(await db.prisma.campaign.count({ where: { text: "x" } })).toBe(0);
  });

  it("creates a once-only campaign with a coupon and a near-store audience", async () => {
    const r = await create({ at: "2026-06-02T10:00:00+08:00", couponCode: "C1", nearStoreId: "s1", radiusMeters: 3000 });
    expect(r.statusCode).toBe(201);
    const body = r.json();
    expect(body).toEqual({ campaignId: expect.any(String), audienceSize: 1, nextRunAt: "2026-06-02T02:00:00.000Z", timezone: "Asia/Shanghai" });
    const row = await db.prisma.campaign.findUniqueOrThrow({ where: { id: body.campaignId } });
    expect(row).toMatchObject({ brandId: "b1", text: "开业大促，全场7折", couponCode: "C1", cron: null, status: "scheduled", createdBy: "admin-api" });
    expect(row.audience).toEqual({ kind: "followers", nearStoreId: "s1", radiusMeters: 3000 });
  });

  it("creates a repeating campaign on a cron schedule in its time zone", async () => {
    const r = await create({ cron: "0 10 * * 1", timezone: "Europe/Berlin" });
    expect(r.statusCode).toBe(201);
    // NOON in Shanghai is 06:00 on Monday 1 June in Berlin: the first run is that day at 10:00 CEST
    expect(r.json()).toMatchObject({ audienceSize: 2, nextRunAt: "2026-06-01T08:00:00.000Z", timezone: "Europe/Berlin" });
    const got = await call("GET", `/campaigns/${r.json().campaignId}`);
    expect(got.json()).toMatchObject({ cron: "0 10 * * 1", timezone: "Europe/Berlin", status: "scheduled", nextRunAt: "2026-06-01T08:00:00.000Z" });
  });

  it.each([
    ["an invalid cron expression", { cron: "61 * * * *" }, "INVALID_INPUT", /cron/],
    ["an invalid time zone", { cron: "0 10 * * *", timezone: "Mars/Olympus" }, "INVALID_TIME_ZONE", /unknown time zone "Mars\/Olympus"/],
    ["an empty text", { text: "   ", at: "2026-06-02T10:00:00+08:00" }, "INVALID_INPUT", /text is empty/],
    ["an audience of zero", { tag: "nobody-has-this", at: "2026-06-02T10:00:00+08:00" }, "INVALID_INPUT", /audience is empty/],
    ["a coupon of another brand", { couponCode: "C2", at: "2026-06-02T10:00:00+08:00" }, "COUPON_WRONG_BRAND", /C2 belongs to brand b2, not b1/],
    ["an unknown coupon", { couponCode: "NOPE", at: "2026-06-02T10:00:00+08:00" }, "COUPON_NOT_FOUND", /unknown coupon/],
    ["no schedule", {}, "INVALID_INPUT", /exactly one of/],
    ["both at and cron", { at: "2026-06-02T10:00:00+08:00", cron: "0 10 * * *" }, "INVALID_INPUT", /exactly one of/],
    ["a date that is not ISO", { at: "next week" }, "INVALID_INPUT", /not an ISO date-time/],
    ["a store of another brand", { at: "2026-06-02T10:00:00+08:00", nearStoreId: "x1", radiusMeters: 1000 }, "NOT_ALLOWED", /x1 belongs to brand b2/],
    ["an unknown field", { at: "2026-06-02T10:00:00+08:00", colour: "red" }, "INVALID_INPUT", /colour/],
    ["a text that is not a string", { text: 42, at: "2026-06-02T10:00:00+08:00" }, "INVALID_INPUT", /body\.text/],
  ])("refuses %s with 400 and a clear message", async (_what, body, code, message) => {
    const r = await create(body);
    expect(r.statusCode).toBe(400);
    expect(r.json()).toMatchObject({ ok: false, error: { code } });
    expect(r.json().error.message).toMatch(message);
    expect(await db.prisma.campaign.count()).toBe(0);
  });

  it("answers 404 for an unknown brand or campaign", async () => {
    expect((await create({ at: NOON.toISOString() }, "nope")).statusCode).toBe(404);
    expect((await call("GET", "/brands/nope/campaigns")).statusCode).toBe(404);
    expect((await call("GET", "/campaigns/nope")).json()).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    expect((await call("POST", "/campaigns/nope/cancel")).statusCode).toBe(404);
  });

  it("lists a brand's campaigns page by page, newest first, with status, next run and delivery counts", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await create({ text: `活动 ${i}`, at: `2026-06-0${i + 2}T10:00:00+08:00` })).json().campaignId);
    await create({ text: "other brand", at: "2026-06-02T10:00:00+08:00" }, "b2");
    const first = (await call("GET", "/brands/b1/campaigns?limit=2")).json();
    expect(first).toMatchObject({ total: 5, limit: 2, offset: 0, nextOffset: 2 });
    const rest = (await call("GET", "/brands/b1/campaigns?limit=10&offset=2")).json();
    expect(rest.nextOffset).toBeNull();
    const all = [...first.items, ...rest.items];
    expect(new Set(all.map((c: { campaignId: string }) => c.campaignId))).toEqual(new Set(ids));
    expect(all.every((c: { brandId: string }) => c.brandId === "b1")).toBe(true);
    expect(all.find((c: { campaignId: string }) => c.campaignId === ids[0])).toMatchObject({
      status: "scheduled", nextRunAt: "2026-06-02T02:00:00.000Z", deliveries: { queued: 0, sent: 0, skipped: 0, failed: 0, claimed: 0 },
    });
    expect((await call("GET", "/brands/b1/campaigns?status=cancelled")).json().total).toBe(0);
    expect((await call("GET", "/brands/b1/campaigns?status=bogus")).statusCode).toBe(400);
  });

  it("cancel stops a repeating campaign and skips its queued messages; sent ones stay sent", async () => {
    const { campaignId } = (await create({ cron: "0 23 * * *" })).json();
    // 23:00 in Shanghai is inside quiet hours: the occurrence is planned and its rows wait queued
    await runTick({ db, config: testConfig(), sender: null }, NIGHT, { deliver: false });
    const before = (await call("GET", `/campaigns/${campaignId}`)).json();
    expect(before.deliveries.queued).toBe(2);

    const r = await call("POST", `/campaigns/${campaignId}/cancel`);
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ campaignId, status: "cancelled", previousStatus: "scheduled", skipped: 2 });
    const after = (await call("GET", `/campaigns/${campaignId}`)).json();
    expect(after).toMatchObject({ status: "cancelled", nextRunAt: null, deliveries: { queued: 0, skipped: 2 } });
    expect(await db.prisma.outboxMessage.count({ where: { campaignId, error: "campaign_cancelled" } })).toBe(2);

    // the next day's occurrence is never planned
    const tick = await runTick({ db, config: testConfig(), sender: null }, new Date(NIGHT.getTime() + 86_400_000), { deliver: false });
    expect(tick.due).toBe(0);
    expect(await db.prisma.campaignOccurrence.count({ where: { campaignId } })).toBe(1);
    // cancelling again is harmless
    expect((await call("POST", `/campaigns/${campaignId}/cancel`)).json()).toMatchObject({ previousStatus: "cancelled", skipped: 0 });
    expect((await call("GET", "/brands/b1/campaigns?status=cancelled")).json().total).toBe(1);
  });

  it("a row a racing snapshot queues after the cancel is skipped at send time, never sent", async () => {
    const { campaignId } = (await create({ at: "2026-06-02T10:00:00+08:00" })).json();
    expect((await call("POST", `/campaigns/${campaignId}/cancel`)).json()).toMatchObject({ skipped: 0 });
    // what another instance's snapshot, already running when the cancel landed, would still write
    await db.prisma.outboxMessage.create({ data: { dedupeKey: `c:${campaignId}:late:m1`, memberId: "m1", source: "campaign", campaignId, text: "开业大促", payload: { campaignId }, notBefore: NOON } });
    const sender = new FakeSender();
    await runTick({ db, config: testConfig(), sender }, new Date("2026-06-02T04:00:00Z"));
    expect(sender.sent).toHaveLength(0);
    expect(await db.prisma.outboxMessage.findFirstOrThrow({ where: { campaignId } })).toMatchObject({ status: "skipped", error: "campaign_cancelled" });
  });

  it("documents the campaign routes in OpenAPI", async () => {
    const doc = (await call("GET", "/openapi.json", undefined, null)).json();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/admin/api/brands/{brandId}/campaigns", "/admin/api/campaigns/{id}", "/admin/api/campaigns/{id}/cancel"]));
    const post = doc.paths["/admin/api/brands/{brandId}/campaigns"].post;
    expect(Object.keys(post.requestBody.content["application/json"].schema.properties)).toEqual(expect.arrayContaining(["text", "at", "cron", "timezone", "couponCode"]));
    expect(post.responses["201"]).toBeDefined();
  });
});
