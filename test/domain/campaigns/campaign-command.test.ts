// The merchant's /campaign syntax: parts in any order, labelled or recognised by their look, forgiving of spaces,
// full-width bars and Chinese or English words; what it cannot place becomes the text.
import { describe, expect, it } from "vitest";
import {
  DEFAULT_NEAR_RADIUS_METERS, looksLikeCron, looksLikeTime, mergeDrafts, missingParts, parseCampaignCommand, parseCampaignReply, parseRadiusMeters,
  type CampaignDraft,
} from "../../../src/domain/campaigns/campaign-command.ts";

describe("parseCampaignCommand", () => {
  it.each<[string, CampaignDraft]>([
    [
      "明天10:00 | GXG 天河店今天开业，全场7折 | coupon GXG30 | near gxg-tianhe 3km",
      { when: { kind: "at", text: "明天10:00" }, text: "GXG 天河店今天开业，全场7折", couponCode: "GXG30", near: { storeId: "gxg-tianhe", radiusMeters: 3000 } },
    ],
    [
      "GXG 天河店今天开业 ｜ 券：GXG30 ｜ 明天上午10点 ｜ 附近 gxg-tianhe 500米",
      { text: "GXG 天河店今天开业", couponCode: "GXG30", when: { kind: "at", text: "明天上午10点" }, near: { storeId: "gxg-tianhe", radiusMeters: 500 } },
    ],
    ["now | 新品上市", { when: { kind: "now" }, text: "新品上市" }],
    ["立即 | 新品上市 | 全部", { when: { kind: "now" }, text: "新品上市", audience: "all" }],
    ["新品上市 | 0 10 * * 1 | tz Europe/Berlin", { text: "新品上市", when: { kind: "cron", expression: "0 10 * * 1" }, timezone: "Europe/Berlin" }],
    ["text: 周末特惠 | cron: 0 9 * * 6 | 时区 Asia/Shanghai", { text: "周末特惠", when: { kind: "cron", expression: "0 9 * * 6" }, timezone: "Asia/Shanghai" }],
    ["2026-06-02T10:00:00+08:00 | hello", { when: { kind: "at", text: "2026-06-02T10:00:00+08:00" }, text: "hello" }],
    ["tomorrow 10am | Grand opening, 30% off | to all", { when: { kind: "at", text: "tomorrow 10am" }, text: "Grand opening, 30% off", audience: "all" }],
    ["At our Tianhe store: 30% off | at 10:30", { text: "At our Tianhe store: 30% off", when: { kind: "at", text: "10:30" } }],
    ["To celebrate, 30% off | 明天", { text: "To celebrate, 30% off", when: { kind: "at", text: "明天" } }],
    ["门店今天开业 | 现在", { text: "门店今天开业", when: { kind: "now" } }],
    ["券后价只要99 | now", { text: "券后价只要99", when: { kind: "now" } }],
    ["sale | near gxg-tianhe", { text: "sale", near: { storeId: "gxg-tianhe", radiusMeters: DEFAULT_NEAR_RADIUS_METERS } }],
    ["sale | near gxg-tianhe 2 km | tag vip", { text: "sale", near: { storeId: "gxg-tianhe", radiusMeters: 2000 }, tag: "vip" }],
    ["sale | 不用券", { text: "sale", couponCode: null }],
    ["a | b", { text: "a | b" }],
    ["", {}],
    ["  |  | ", {}],
  ])("%s", (input, draft) => {
    const r = parseCampaignCommand(input);
    expect(r.problems).toEqual([]);
    expect(r.draft).toEqual(draft);
  });

  it.each([
    ["sale | coupon", [{ kind: "empty", label: "coupon" }]],
    ["sale | near", [{ kind: "empty", label: "near" }]],
    ["sale | near gxg-tianhe far", [{ kind: "bad_radius", value: "far" }]],
    ["sale | audience vips", [{ kind: "bad_audience", value: "vips" }]],
    ["sale | tz", [{ kind: "empty", label: "tz" }]],
  ])("names what is wrong in %s", (input, problems) => {
    expect(parseCampaignCommand(input).problems).toEqual(problems);
  });
});

describe("the look of a part", () => {
  it.each([
    ["明天10:00", true], ["明天上午10点", true], ["后天下午三点半", true], ["周六 10点", true], ["6月3日 上午10点", true],
    ["tomorrow 10am", true], ["10:30", true], ["2026-06-02 10:00", true], ["2026-06-02T10:00:00+08:00", true], ["next monday morning", true],
    ["GXG 天河店今天开业，全场7折", false], ["今天开业", false], ["新品上市", false], ["7折", false], ["hello", false], ["", false],
  ])("looksLikeTime(%s) = %s", (s, want) => expect(looksLikeTime(s)).toBe(want));

  it.each([
    ["0 10 * * 1", true], ["*/15 9-18 * * mon-fri", true], ["0 0 10 * * *", true], ["10 12 2026 5 1", false], ["0 10 * *", false], ["a b c d e", false],
  ])("looksLikeCron(%s) = %s", (s, want) => expect(looksLikeCron(s)).toBe(want));

  it.each([
    ["3km", 3000], ["3 公里", 3000], ["500m", 500], ["500米", 500], ["1.5", 1500], ["800", 800], ["2千米", 2000], ["far", null], ["0", null],
  ])("parseRadiusMeters(%s) = %s", (s, want) => expect(parseRadiusMeters(s)).toBe(want));
});

describe("the guided flow's draft", () => {
  it("a later answer fills in and corrects an earlier one", () => {
    const first = parseCampaignCommand("coupon GXG30").draft;
    expect(missingParts(first)).toEqual(["text", "when"]);
    const second = mergeDrafts(first, parseCampaignCommand("开业大促").draft);
    expect(missingParts(second)).toEqual(["when"]);
    const third = mergeDrafts(second, parseCampaignCommand("明天10点 | 不用券").draft);
    expect(third).toEqual({ text: "开业大促", when: { kind: "at", text: "明天10点" }, couponCode: null });
    expect(missingParts(third)).toEqual([]);
  });
});

describe("parseCampaignReply", () => {
  it.each<[string, "text" | "when" | null, CampaignDraft]>([
    ["明天开业，全场7折", "text", { text: "明天开业，全场7折" }],
    ["明天10点", "text", { text: "明天10点" }],
    ["coupon GXG30", "text", { couponCode: "GXG30" }],
    ["开业大促 | 现在", "text", { text: "开业大促", when: { kind: "now" } }],
    ["现在", "when", { when: { kind: "now" } }],
    ["下周一上午", "when", { when: { kind: "at", text: "下周一上午" } }],
    ["0 10 * * 1", "when", { when: { kind: "cron", expression: "0 10 * * 1" } }],
    ["tz Asia/Tokyo", "when", { timezone: "Asia/Tokyo" }],
    ["不用券", null, { couponCode: null }],
  ])("%s (asked for %s)", (input, expecting, draft) => {
    expect(parseCampaignReply(input, expecting).draft).toEqual(draft);
  });
});
