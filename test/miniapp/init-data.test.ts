import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { dataCheckString, signInitData, validateInitData, INIT_DATA_MAX_AGE_SECONDS } from "../../src/miniapp/init-data.ts";
import { cookieValue, signSessionToken, unsignSessionToken, webIdentityOf } from "../../src/miniapp/web-session.ts";

const TOKEN = "123456:TEST-bot-token";
const NOW = new Date("2026-11-25T04:00:00Z");
const nowSec = Math.floor(NOW.getTime() / 1000);
const user = JSON.stringify({ id: 4242, first_name: "Li", language_code: "zh-hans" });

describe("Telegram initData", () => {
  it("accepts data signed with the bot token, as Telegram documents the algorithm", () => {
    const fields = { auth_date: String(nowSec - 60), query_id: "AAH", user };
    const raw = signInitData(fields, TOKEN);
    // independent computation of the documented hash
    const secret = createHmac("sha256", "WebAppData").update(TOKEN).digest();
    const check = Object.entries(fields).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => `${k}=${v}`).join("\n");
    expect(new URLSearchParams(raw).get("hash")).toBe(createHmac("sha256", secret).update(check).digest("hex"));
    const r = validateInitData(raw, TOKEN, NOW);
    expect(r).toMatchObject({ ok: true, value: { user: { id: 4242 }, queryId: "AAH" } });
  });

  it("sorts fields by key and leaves out only the hash", () => {
    expect(dataCheckString(new URLSearchParams("user=u&hash=x&auth_date=1&signature=s"))).toBe("auth_date=1\nsignature=s\nuser=u");
  });

  it.each([
    ["a hash made with another bot's token", () => signInitData({ auth_date: String(nowSec), user }, "999:other"), "BAD_HASH"],
    ["a changed user id under the original hash", () => signInitData({ auth_date: String(nowSec), user }, TOKEN).replace("4242", "4243"), "BAD_HASH"],
    ["an auth_date older than 24 h", () => signInitData({ auth_date: String(nowSec - INIT_DATA_MAX_AGE_SECONDS - 1), user }, TOKEN), "STALE"],
    ["an auth_date far in the future", () => signInitData({ auth_date: String(nowSec + 3600), user }, TOKEN), "STALE"],
    ["no hash at all", () => `auth_date=${nowSec}&user=${encodeURIComponent(user)}`, "MALFORMED"],
    ["a signed payload without a user", () => signInitData({ auth_date: String(nowSec) }, TOKEN), "NO_USER"],
    ["garbage", () => "hello", "MALFORMED"],
  ])("refuses %s", (_what, make, reason) => {
    expect(validateInitData(make(), TOKEN, NOW)).toEqual({ ok: false, reason });
  });
});

describe("local web sign-in sessions", () => {
  const SECRET = "payment-secret";

  it("round-trips a signed session token and refuses a forged one", () => {
    const token = signSessionToken(SECRET, "session-secret-1");
    expect(unsignSessionToken(SECRET, token)).toBe("session-secret-1");
    expect(unsignSessionToken("other-secret", token)).toBeNull();
    const sig = token.slice(token.lastIndexOf(".") + 1);
    expect(unsignSessionToken(SECRET, `session-secret-2.${sig}`)).toBeNull();
    expect(unsignSessionToken(SECRET, `${token}x`)).toBeNull();
    expect(unsignSessionToken(SECRET, "%%%")).toBeNull();
  });

  it.each([
    ["138 0013 8000", "phone:13800138000"],
    ["+86 138-0013-8000", "phone:+8613800138000"],
    ["  Li  Lei ", "name:li lei"],
    ["小明", "name:小明"],
  ])("identifies %j as %s", (input, externalId) => {
    expect(webIdentityOf(input).externalId).toBe(externalId);
  });

  it("reads one cookie out of a Cookie header", () => {
    expect(cookieValue("a=1; o2o_session=x%2Ey; b=2", "o2o_session")).toBe("x.y");
    expect(cookieValue("a=1", "o2o_session")).toBeNull();
  });
});
