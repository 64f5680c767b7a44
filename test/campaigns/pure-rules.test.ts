// Pure campaign rules as tables: cron occurrences in a zone, quiet hours, send-time decisions, the slot rule.
import { describe, expect, it } from "vitest";
import { nextOccurrences, occurrencesBetween, parseCron } from "../../src/app/campaigns/cron-schedule.ts";
import { decideDelivery, type DueRow } from "../../src/outbox/send-rules.ts";
import { dueInstants } from "../../src/app/campaigns/plan-campaigns.ts";
import { DEFAULT_QUIET_HOURS, parseQuietHours, quietUntil } from "../../src/outbox/quiet-hours.ts";
import { MemoryRateLimiter, newLimiterState, recordDone, recordSend, waitMs } from "../../src/outbox/rate-limiter.ts";

const iso = (d: Date | null | undefined) => d?.toISOString() ?? null;

describe("cron schedules", () => {
  it.each([
    ["61 * * * *", /minute/],
    ["bogus", /expected 5 or 6 fields/],
    ["*/10 * * * * *", /once a minute/],
    ["", /empty/],
  ])("refuses %j", (expr, message) => {
    const r = parseCron(expr);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(message);
  });

  it.each([
    // expression, zone, after, until, expected instants
    ["0 10 * * *", "Asia/Shanghai", "2026-06-01T00:00:00Z", "2026-06-03T00:00:00Z", ["2026-06-01T02:00:00.000Z", "2026-06-02T02:00:00.000Z"]],
    ["0 10 * * *", "Asia/Shanghai", "2026-06-01T02:00:00Z", "2026-06-01T02:00:00Z", []],
    ["30 9 * * 1", "Europe/Berlin", "2026-06-01T00:00:00Z", "2026-06-09T00:00:00Z", ["2026-06-01T07:30:00.000Z", "2026-06-08T07:30:00.000Z"]],
    // spring forward in Berlin: 02:30 does not exist on 2026-03-29, it fires at the transition (03:00 CEST)
    ["30 2 * * *", "Europe/Berlin", "2026-03-28T12:00:00Z", "2026-03-29T12:00:00Z", ["2026-03-29T01:00:00.000Z"]],
    // fall back: 02:30 happens twice on 2026-10-25, it fires once
    ["30 2 * * *", "Europe/Berlin", "2026-10-24T12:00:00Z", "2026-10-25T12:00:00Z", ["2026-10-25T00:30:00.000Z"]],
    ["0 0 L * *", "UTC", "2026-02-01T00:00:00Z", "2026-03-02T00:00:00Z", ["2026-02-28T00:00:00.000Z"]],
  ])("%s in %s between %s and %s", (expr, zone, after, until, expected) => {
    const s = parseCron(expr);
    if (!s.ok) throw new Error(s.error);
    expect(occurrencesBetween(s.value, zone, new Date(after), new Date(until)).map(iso)).toEqual(expected);
  });

  it("finds the next occurrence", () => {
    const s = parseCron("0 10 1 * *");
    if (!s.ok) throw new Error(s.error);
    expect(nextOccurrences(s.value, "Asia/Shanghai", new Date("2026-06-01T02:00:00Z"), 2).map(iso)).toEqual(["2026-07-01T02:00:00.000Z", "2026-08-01T02:00:00.000Z"]);
  });

  const created = new Date("2026-05-01T00:00:00Z");
  it.each([
    // last planned, now, expected due (campaign "0 10 * * *" Asia/Shanghai = 02:00Z)
    [null, "2026-06-01T01:59:00Z", []],
    [null, "2026-06-01T02:00:00Z", ["2026-06-01T02:00:00.000Z"]],
    ["2026-06-01T02:00:00Z", "2026-06-01T02:00:00Z", []],
    ["2026-06-01T02:00:00Z", "2026-06-01T09:00:00Z", []],
    // down for two days: only the latest missed occurrence, and only within the catch-up window (6 h)
    ["2026-06-01T02:00:00Z", "2026-06-03T03:00:00Z", ["2026-06-03T02:00:00.000Z"]],
    ["2026-06-01T02:00:00Z", "2026-06-03T09:00:00Z", []],
  ])("a cron campaign last planned at %s is due at %s: %j", (last, now, expected) => {
    const c = { at: null, cron: "0 10 * * *", timezone: "Asia/Shanghai", createdAt: created };
    expect(dueInstants(c, last ? new Date(last) : null, new Date(now), 6 * 3_600_000).map(iso)).toEqual(expected);
  });

  it("does not fire an occurrence that came before the campaign was created", () => {
    const c = { at: null, cron: "0 10 * * *", timezone: "Asia/Shanghai", createdAt: new Date("2026-06-01T02:30:00Z") };
    expect(dueInstants(c, null, new Date("2026-06-01T03:00:00Z"), 6 * 3_600_000)).toEqual([]);
  });

  it.each([
    [null, "2026-06-01T01:00:00Z", []],
    [null, "2026-06-01T02:00:00Z", ["2026-06-01T02:00:00.000Z"]],
    [null, "2026-07-01T00:00:00Z", ["2026-06-01T02:00:00.000Z"]],
    ["2026-06-01T02:00:00Z", "2026-07-01T00:00:00Z", []],
  ])("a one-off campaign last planned at %s is due at %s: %j", (last, now, expected) => {
    const c = { at: new Date("2026-06-01T02:00:00Z"), cron: null, timezone: "Asia/Shanghai", createdAt: created };
    expect(dueInstants(c, last ? new Date(last) : null, new Date(now), 6 * 3_600_000).map(iso)).toEqual(expected);
  });
});

describe("quiet hours", () => {
  it.each([
    ["2026-06-01T13:59:00Z", "Asia/Shanghai", null], // 21:59 local
    ["2026-06-01T14:00:00Z", "Asia/Shanghai", "2026-06-02T00:00:00.000Z"], // 22:00 → 08:00 next day
    ["2026-06-01T19:30:00Z", "Asia/Shanghai", "2026-06-02T00:00:00.000Z"], // 03:30
    ["2026-06-02T00:00:00Z", "Asia/Shanghai", null], // 08:00 sharp: over
    ["2026-06-01T21:00:00Z", "Europe/Berlin", "2026-06-02T06:00:00.000Z"], // 23:00 CEST → 08:00 CEST
    ["2026-06-01T03:00:00Z", "America/New_York", "2026-06-01T12:00:00.000Z"], // 23:00 EDT
  ])("at %s in %s the message waits until %s", (now, zone, until) => {
    expect(iso(quietUntil(new Date(now), zone, DEFAULT_QUIET_HOURS))).toBe(until);
  });

  it.each([["22:00-08:00", { startMinute: 1320, endMinute: 480 }], ["off", { startMinute: 0, endMinute: 0 }], ["13:00-14:30", { startMinute: 780, endMinute: 870 }], ["25:00-1", null]])(
    "parses %j",
    (spec, expected) => expect(parseQuietHours(spec)).toEqual(expected),
  );
});

describe("send-time decisions", () => {
  const base: DueRow = { source: "campaign", marketingOptOut: false, unreachable: false, erased: false, stillFollowing: true, timezone: null, promotionsSentToday: 0 };
  const policy = { frequencyCap: 2, quietHours: DEFAULT_QUIET_HOURS, defaultTimeZone: "Asia/Shanghai" };
  const noon = new Date("2026-06-01T04:00:00Z");
  const night = new Date("2026-06-01T15:00:00Z");
  it.each([
    ["a promotion at noon", base, noon, { kind: "send" }],
    ["an unsubscribed member", { ...base, marketingOptOut: true }, noon, { kind: "skip", reason: "unsubscribed" }],
    ["a member who blocked the bot", { ...base, unreachable: true }, noon, { kind: "skip", reason: "unreachable" }],
    ["an erased member", { ...base, erased: true }, noon, { kind: "skip", reason: "erased" }],
    ["a member who unfollowed", { ...base, stillFollowing: false }, noon, { kind: "skip", reason: "unfollowed" }],
    ["the third promotion of the day", { ...base, promotionsSentToday: 2 }, noon, { kind: "skip", reason: "frequency_cap" }],
    ["a promotion at 23:00", base, night, { kind: "defer", until: new Date("2026-06-02T00:00:00Z") }],
    ["a promotion at 23:00 for a member in Berlin (17:00)", { ...base, timezone: "Europe/Berlin" }, night, { kind: "send" }],
    ["a follow-up at 23:00", { ...base, source: "follow_up", stillFollowing: null }, night, { kind: "defer", until: new Date("2026-06-02T00:00:00Z") }],
    ["an order update at 23:00 to an unsubscribed member", { ...base, source: "order", marketingOptOut: true }, night, { kind: "send" }],
    ["an order update to an unreachable member", { ...base, source: "order", unreachable: true }, noon, { kind: "skip", reason: "unreachable" }],
    ["an order update at 23:00 to a member past the frequency cap", { ...base, source: "order", promotionsSentToday: 9 }, night, { kind: "send" }],
    ["a staff order card at 23:00", { ...base, source: "staff", marketingOptOut: true, stillFollowing: null }, night, { kind: "send" }],
    ["an unpaid reminder to an unsubscribed member", { ...base, source: "follow_up", marketingOptOut: true, stillFollowing: null }, noon, { kind: "skip", reason: "unsubscribed" }],
  ])("%s", (_name, row, now, expected) => {
    expect(decideDelivery(row as DueRow, now as Date, policy)).toEqual(expected);
  });
});

describe("the rate rules", () => {
  function maxInAnySecond(times: number[]): number {
    let max = 0;
    for (let i = 0, j = 0; i < times.length; i++) {
      while (times[i] - times[j] >= 1000) j++;
      max = Math.max(max, i - j + 1);
    }
    return max;
  }
  /**
   * Drives the rules with a simulated clock. `stall` holds the sender back now and then (a slow query); `delay`
   * is each message's trip to the Bot API (its answer comes back as long again). Returns the arrival times.
   */
  function simulate(rate: number, messages: number, stall: (n: number) => number = () => 0, delay: (n: number) => number = () => 1): number[] {
    const rules = { rate, guardMs: 2 };
    const s = newLimiterState();
    const arrivals: number[] = [];
    let now = 1_000_000;
    for (let n = 0; n < messages; n++) {
      now += stall(n);
      let w: number;
      while ((w = waitMs(s, now, rules)) > 0) now += w;
      const entry = recordSend(s, now, rules);
      arrivals.push(now + delay(n));
      recordDone(s, entry, now + 2 * delay(n));
    }
    return arrivals.sort((a, b) => a - b);
  }
  const achieved = (t: number[]) => (t.length - 1) / ((t[t.length - 1] - t[0]) / 1000);

  it.each([1, 7, 30, 100, 1000])("never puts more than %i in any one-second window, and uses the rate fully", (rate) => {
    const sent = simulate(rate, rate * 5 + 1, () => 0, () => 50); // a 100 ms round trip costs nothing
    expect(maxInAnySecond(sent)).toBeLessThanOrEqual(rate);
    expect(achieved(sent)).toBeGreaterThanOrEqual(rate * 0.99);
  });

  it.each([30, 1000])("catches up after the sender stalls, still never above %i in a second", (rate) => {
    const sent = simulate(rate, rate * 5, (n) => (n % 100 === 0 ? 20 : 0));
    expect(maxInAnySecond(sent)).toBeLessThanOrEqual(rate);
    expect(achieved(sent)).toBeGreaterThanOrEqual(rate * 0.97);
  });

  it.each([10, 30, 1000])("stays under %i a second at the receiver whatever the network jitter", (rate) => {
    // every 7th message is 40 ms slow on its way (a new connection, a busy event loop)
    const sent = simulate(rate, rate * 5, () => 0, (n) => (n % 7 === 0 ? 40 : 1));
    expect(maxInAnySecond(sent)).toBeLessThanOrEqual(rate);
    expect(achieved(sent)).toBeGreaterThanOrEqual(rate * 0.9); // each late message costs its lateness once
  });

  it.each([30, 100])("a late answer costs once, not again every second after it (%i/s)", (rate) => {
    // one message's answer takes 400 ms (a retransmit); every other round trip is 2 ms
    const sent = simulate(rate, rate * 10 + 1, () => 0, (n) => (n === 5 ? 200 : 1));
    expect(maxInAnySecond(sent)).toBeLessThanOrEqual(rate);
    expect(achieved(sent)).toBeGreaterThanOrEqual(rate * 0.99);
  });

  it("counts a late answer only while that message may still be in the receiver's window", () => {
    // rate 10; message 0 is answered after 600 ms, so it may have arrived as late as 598 ms (the fastest trip is 2 ms)
    const rules = { rate: 10, guardMs: 2 };
    const s = newLimiterState();
    const worstArrival: number[] = [];
    let now = 0;
    for (let n = 0; n < 40; n++) {
      let w: number;
      while ((w = waitMs(s, now, rules)) > 0) now += w;
      const e = recordSend(s, now, rules);
      worstArrival.push(n === 0 ? now + 598 : now);
      recordDone(s, e, n === 0 ? now + 600 : now + 2);
      // the 11th goes once fewer than 10 messages can have arrived in the last second: message 1 (at 50 ms) has
      // left the window, message 0 has not — not a whole second after message 0's answer
      if (n === 10) expect(now).toBeCloseTo(1052, 6);
    }
    expect(maxInAnySecond(worstArrival.sort((a, b) => a - b))).toBeLessThanOrEqual(10);
  });

  it("at 1000/s with answers out of order, never more than 1000 in any second of the latest possible arrivals", () => {
    // round trips of 1-40 ms in a fixed pseudo-random order: answers overtake each other all the time
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const rules = { rate: 1000, guardMs: 2 };
    const s = newLimiterState();
    const latest: number[] = [];
    const answers: { at: number; e: ReturnType<typeof recordSend> }[] = [];
    let now = 0;
    for (let n = 0; n < 10_000; n++) {
      let w: number;
      while ((w = waitMs(s, now, rules)) > 0) {
        now += Math.min(w, 0.25); // answers arrive while the sender waits
        for (const a of answers.filter((x) => x.at <= now)) recordDone(s, a.e, a.at);
        answers.splice(0, answers.length, ...answers.filter((x) => x.at > now));
      }
      const rtt = 1 + Math.floor(random() * 40);
      const e = recordSend(s, now, rules);
      answers.push({ at: now + rtt, e });
      latest.push(now + rtt - 1); // the latest it can have arrived: its answer minus the fastest trip (1 ms)
    }
    expect(maxInAnySecond(latest.sort((a, b) => a - b))).toBeLessThanOrEqual(1000);
    // it remembers about a second of sends, not all of them
    expect(s.answered.length - s.head + s.inFlight.size).toBeLessThan(1200);
    expect(s.answered.length).toBeLessThan(3000);
  });

  it("takes a send never answered (a dead worker) as answered 10 s after it left", () => {
    const rules = { rate: 10, guardMs: 2 };
    const s = newLimiterState();
    let now = 0;
    for (let n = 0; n < 10; n++) {
      let w: number;
      while ((w = waitMs(s, now, rules)) > 0) now += w;
      recordSend(s, now, rules); // never answered
    }
    // ten in flight: the eleventh waits until the first counts as answered at 10 s, then one second (+ guard) more
    let w: number;
    while ((w = waitMs(s, now, rules)) > 0) now += w;
    expect(now).toBeCloseTo(10_000 + 1000 + 2, 0);
  });

  it("holds everything during a pause", async () => {
    let now = 1000;
    const limiter = new MemoryRateLimiter(30, 5, () => now);
    await limiter.pause(5000);
    const got = limiter.acquire();
    now = 5001;
    expect(await got).not.toBeNull();
  });
});
