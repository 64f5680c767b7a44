// Signing in to the Mini App in a plain browser, as a hostile user would try it: a name alone gets nobody in unless the
// operator turned LOCAL_SIGN_IN on; the Telegram Login Widget and the bot's one-time link are checked; sessions end
// on the server; forget-me from the browser needs a confirmation; sign-in attempts are throttled.
import pino from "pino";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findBot } from "../../src/bot-config.ts";
import { loadDemoIfEmpty } from "../../src/app/load-demo-catalog.ts";
import { resolveMember } from "../../src/app/members.ts";
import { createSignInLink } from "../../src/app/sessions.ts";
import { signLoginWidget } from "../../src/miniapp/login-widget.ts";
import { buildServer } from "../../src/server/http-server.ts";
import { miniAppRoutes } from "../../src/server/routes/mini-app.ts";
import { Throttle } from "../../src/server/throttle.ts";
import { freshDb, type TestDb } from "../support/databases.ts";
import { NOON } from "../support/engine.ts";

const SECRET = "web-identity-secret";
const MARKET_TOKEN = "1000:market-token";
const nowSec = Math.floor(NOON.getTime() / 1000);

describe("web identity", () => {
  let db: TestDb;
  let closed: FastifyInstance;
  let open: FastifyInstance;
  let now = NOON.getTime();
  const clock = () => new Date(now);
  beforeAll(async () => {
    db = await freshDb("sqlite");
    await loadDemoIfEmpty(db);
    const routes = (localSignIn: boolean) => miniAppRoutes({
      db, clock, publicUrl: "http://shop.test", secret: SECRET, localSignIn, bots: [{ bot: findBot("marketplace"), token: MARKET_TOKEN }],
      throttle: new Throttle({ free: 10, baseDelayMs: 2000, maxDelayMs: 15 * 60_000, clock: () => now }),
    });
    closed = await buildServer({ logger: pino({ level: "silent" }), isReady: () => true, routes: [routes(false)] });
    open = await buildServer({ logger: pino({ level: "silent" }), isReady: () => true, routes: [routes(true)] });
  });
  afterAll(async () => {
    await closed.close();
    await open.close();
    await db.drop();
  });

  const jarOf = (r: { headers: Record<string, unknown> }) => String(r.headers["set-cookie"]).split(";")[0];

  it("refuses impersonation by name or phone unless LOCAL_SIGN_IN=1", async () => {
    const victim = await resolveMember(db, { channel: "web", externalId: "phone:13800138000", displayName: "Victim" });
    const members = await db.prisma.member.count();
    for (const name of ["13800138000", "Victim", "victim "]) {
      const r = await closed.inject({ method: "POST", url: "/app/api/session", payload: { name }, headers: { "accept-language": "en" } });
      expect(r.statusCode).toBe(403);
      expect(r.json().error).toMatchObject({ code: "LOCAL_SIGN_IN_DISABLED" });
      expect(r.json().error.message).toMatch(/Telegram/);
      expect(r.headers["set-cookie"]).toBeUndefined();
    }
    expect(await db.prisma.member.count()).toBe(members);
    expect((await closed.inject("/app/api/auth")).json()).toMatchObject({ localSignIn: false });
    // with it on (the demo shop), the same name is that member
    const r = await open.inject({ method: "POST", url: "/app/api/session", payload: { name: "138 0013 8000" } });
    expect(r.json().member.id).toBe(victim.id);
    expect((await open.inject("/app/api/auth")).json()).toMatchObject({ localSignIn: true });
  });

  it("signs in with the Telegram Login Widget, and refuses forged or stale widget data", async () => {
    const data = signLoginWidget({ id: 424242, first_name: "Lin", username: "lin", auth_date: nowSec - 60 }, MARKET_TOKEN);
    const ok = await closed.inject({ method: "POST", url: "/app/api/session/telegram", payload: data });
    expect(ok.statusCode).toBe(200);
    const cookie = jarOf(ok);
    expect(String(ok.headers["set-cookie"])).toMatch(/HttpOnly/);
    expect(String(ok.headers["set-cookie"])).toMatch(/SameSite=Lax/);
    const me = (await closed.inject({ url: "/app/api/me", headers: { cookie } })).json();
    const ident = await db.prisma.memberIdentity.findUnique({ where: { channel_externalId: { channel: "telegram", externalId: "424242" } } });
    expect(me.member.id).toBe(ident?.memberId);
    const forged = { ...data, id: 1 };
    expect((await closed.inject({ method: "POST", url: "/app/api/session/telegram", payload: forged })).statusCode).toBe(401);
    const wrongBot = signLoginWidget({ id: 424242, auth_date: nowSec - 60 }, "666:other-bot");
    expect((await closed.inject({ method: "POST", url: "/app/api/session/telegram", payload: wrongBot })).statusCode).toBe(401);
    const stale = signLoginWidget({ id: 424242, auth_date: nowSec - 2 * 86_400 }, MARKET_TOKEN);
    expect((await closed.inject({ method: "POST", url: "/app/api/session/telegram", payload: stale })).statusCode).toBe(401);
  });

  it("a one-time link from the bot signs in once, for ten minutes", async () => {
    const m = await resolveMember(db, { channel: "telegram", externalId: "777001", displayName: "Link User" });
    const { url } = await createSignInLink(db, { memberId: m.id, publicUrl: "http://shop.test", at: clock() });
    const token = new URL(url).searchParams.get("signin")!;
    const first = await closed.inject({ method: "POST", url: "/app/api/session/link", payload: { token } });
    expect(first.statusCode).toBe(200);
    expect((await closed.inject({ url: "/app/api/me", headers: { cookie: jarOf(first) } })).json().member.id).toBe(m.id);
    const again = await closed.inject({ method: "POST", url: "/app/api/session/link", payload: { token } });
    expect(again.statusCode).toBe(401);
    expect(again.json().error.code).toBe("BAD_SIGN_IN_LINK");
    const late = new URL((await createSignInLink(db, { memberId: m.id, publicUrl: "http://shop.test", at: clock() })).url).searchParams.get("signin")!;
    now += 11 * 60_000;
    try {
      expect((await closed.inject({ method: "POST", url: "/app/api/session/link", payload: { token: late } })).statusCode).toBe(401);
    } finally {
      now -= 11 * 60_000;
    }
  });

  it("signing out revokes the session on the server; a tampered token is refused", async () => {
    const m = await resolveMember(db, { channel: "telegram", externalId: "777002" });
    const token = new URL((await createSignInLink(db, { memberId: m.id, publicUrl: "http://shop.test", at: clock() })).url).searchParams.get("signin")!;
    const r = await closed.inject({ method: "POST", url: "/app/api/session/link", payload: { token } });
    const bearer = { authorization: `Bearer ${r.json().token}` };
    expect((await closed.inject({ url: "/app/api/orders", headers: bearer })).statusCode).toBe(200);
    expect((await closed.inject({ url: "/app/api/orders", headers: { authorization: `Bearer ${r.json().token}x` } })).statusCode).toBe(401);
    await closed.inject({ method: "DELETE", url: "/app/api/session", headers: bearer });
    const after = await closed.inject({ url: "/app/api/orders", headers: bearer });
    expect(after.statusCode).toBe(401);
    expect(after.json().error.reason).toBe("BAD_SESSION");
  });

  it("forgets the signed-in member from the browser only after an explicit confirmation", async () => {
    const m = await resolveMember(db, { channel: "telegram", externalId: "777003", displayName: "Bye" });
    const token = new URL((await createSignInLink(db, { memberId: m.id, publicUrl: "http://shop.test", at: clock() })).url).searchParams.get("signin")!;
    const cookie = jarOf(await closed.inject({ method: "POST", url: "/app/api/session/link", payload: { token } }));
    const unconfirmed = await closed.inject({ method: "DELETE", url: "/app/api/me", headers: { cookie }, payload: {} });
    expect(unconfirmed.statusCode).toBe(400);
    expect(unconfirmed.json().error.code).toBe("CONFIRMATION_REQUIRED");
    expect(await db.prisma.member.findUnique({ where: { id: m.id } })).not.toBeNull();
    const done = await closed.inject({ method: "DELETE", url: "/app/api/me", headers: { cookie }, payload: { confirm: true } });
    expect(done.json()).toMatchObject({ ok: true, forgotten: true });
    expect(await db.prisma.member.findUnique({ where: { id: m.id } })).toBeNull();
    expect((await closed.inject({ url: "/app/api/me", headers: { cookie } })).statusCode).toBe(401);
  });

  it("throttles sign-ins: 200 name sign-ins from one address make a handful of members, not 200", async () => {
    const before = await db.prisma.member.count();
    const codes: number[] = [];
    for (let i = 0; i < 200; i++) {
      const r = await open.inject({ method: "POST", url: "/app/api/session", payload: { name: `bot-${i}` }, remoteAddress: "192.0.2.50" });
      codes.push(r.statusCode);
    }
    expect(codes.filter((c) => c === 200).length).toBeLessThanOrEqual(10);
    expect(codes.filter((c) => c === 429).length).toBeGreaterThanOrEqual(190);
    expect((await db.prisma.member.count()) - before).toBeLessThanOrEqual(10);
  });
});
