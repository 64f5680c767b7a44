import { describe, expect, it } from "vitest";
import { normalizeText } from "../../src/nlu/text.ts";
import { parseWhen } from "../../src/nlu/when.ts";
import { NOW } from "./fixtures.ts";

// NOW is Wednesday 2026-11-25 10:00 in Asia/Shanghai.
const when = (text: string, now = NOW, tz = "Asia/Shanghai") => parseWhen(normalizeText(text).lower, now, tz);
const at = (mmdd: string, hhmm: string) => `2026-${mmdd}T${hhmm}:00+08:00`;

describe("relative dates and times in Chinese", () => {
  it.each([
    ["明天下午三点", at("11-26", "15:00")],
    ["后天上午10点", at("11-27", "10:00")],
    ["大后天下午四点", at("11-28", "16:00")],
    ["周六上午", at("11-28", "10:00")],
    ["星期天下午两点", at("11-29", "14:00")],
    ["礼拜五", at("11-27", "10:00")],
    ["周三下午", at("11-25", "15:00")], // today is Wednesday
    ["下周一", at("11-30", "10:00")],
    ["下周一下午", at("11-30", "15:00")],
    ["下个星期三晚上", at("12-02", "19:00")],
    ["下下周一", at("12-07", "10:00")],
    ["周末", at("11-28", "10:00")],
    ["下周末", at("12-05", "10:00")],
    ["今晚8点", at("11-25", "20:00")],
    ["今晚7点 4个人", at("11-25", "19:00")], // a count of people after the hour is no minutes
    ["周六晚上9点 8位", at("11-28", "21:00")],
    ["今晚7点30", at("11-25", "19:30")],
    ["今晚凌晨1点", at("11-26", "01:00")],
    ["今晚七点三十", at("11-25", "19:30")],
    ["今天中午", at("11-25", "12:00")],
    ["明早", at("11-26", "09:00")],
    ["明早8点", at("11-26", "08:00")],
    ["明天3点一刻", at("11-26", "15:15")],
    ["明天下午两点半", at("11-26", "14:30")],
    ["中午1点", at("11-25", "13:00")],
    ["下午", at("11-25", "15:00")], // still ahead today
    ["晚上", at("11-25", "19:00")],
    ["3点", at("11-25", "15:00")], // a bare 3 is the afternoon
    ["9点", at("11-26", "09:00")], // 9 am has passed: tomorrow
    ["12月31日晚上8点半", at("12-31", "20:30")],
    ["12月5号下午", at("12-05", "15:00")],
    ["28号下午", at("11-28", "15:00")],
    ["1月2号", "2027-01-02T10:00:00+08:00"], // already past this year
    ["晚上12点", at("11-26", "00:00")],
    ["下周二两点", at("12-01", "14:00")],
  ])("%j → %s", (text, iso) => expect(when(text)).toBe(iso));
});

describe("relative dates and times in English", () => {
  it.each([
    ["tomorrow 3pm", at("11-26", "15:00")],
    ["this Saturday 10am", at("11-28", "10:00")],
    ["next monday morning", at("11-30", "10:00")],
    ["next Saturday", at("12-05", "10:00")],
    ["on Friday", at("11-27", "10:00")],
    ["at 15:30", at("11-25", "15:30")],
    ["at 3", at("11-25", "15:00")],
    ["tonight at 7", at("11-25", "19:00")],
    ["tomorrow evening at 7:30", at("11-26", "19:30")],
    ["this afternoon", at("11-25", "15:00")],
    ["day after tomorrow at noon", at("11-27", "12:00")],
    ["Dec 5 2pm", at("12-05", "14:00")],
    ["5th of December", at("12-05", "10:00")],
    ["the 28th at 2pm", at("11-28", "14:00")],
    ["this weekend", at("11-28", "10:00")],
    ["3 o'clock", at("11-25", "15:00")],
    ["10:30am", at("11-25", "10:30")],
    ["tmr 9am", at("11-26", "09:00")],
  ])("%j → %s", (text, iso) => expect(when(text)).toBe(iso));
});

describe("no time", () => {
  it.each(["来杯拿铁", "早上好", "good morning", "晚上好", "便宜一点", "I sat down", "附近500米", "5 stars", "GXG30", ""])(
    "%j → null",
    (text) => expect(when(text)).toBeNull(),
  );
});

describe("time zones", () => {
  it("resolves in the bot's zone, whatever the instant", () => {
    const now = new Date("2026-07-01T02:00:00Z"); // 22:00 on June 30 in New York
    expect(when("tomorrow 3pm", now, "America/New_York")).toBe("2026-07-01T15:00:00-04:00");
    expect(when("明天下午三点", now, "Asia/Shanghai")).toBe("2026-07-02T15:00:00+08:00");
  });
  it("moves a time inside a DST gap forward, east of UTC too", () => {
    expect(when("tomorrow 2:30am", new Date("2026-03-07T15:00:00Z"), "America/New_York")).toBe("2026-03-08T03:30:00-04:00");
    expect(when("tomorrow 2:30am", new Date("2026-03-28T10:00:00Z"), "Europe/Berlin")).toBe("2026-03-29T03:30:00+02:00");
  });
  it("reads a time in a repeated (fall-back) hour as the first one, west and east of UTC", () => {
    expect(when("tomorrow 1:30am", new Date("2026-10-31T15:00:00Z"), "America/New_York")).toBe("2026-11-01T01:30:00-04:00");
    expect(when("tomorrow 2:30am", new Date("2026-10-24T10:00:00Z"), "Europe/Berlin")).toBe("2026-10-25T02:30:00+02:00");
  });
  it("falls back to UTC for an unknown zone", () => {
    expect(when("tomorrow 3pm", NOW, "Not/AZone")).toBe("2026-11-26T15:00:00+00:00");
  });
});

describe("the dialects' day and period words, and an English day with a bare hour (session 9)", () => {
  it.each([
    ["明儿个后晌", at("11-26", "15:00")],
    ["礼拜六下半天", at("11-28", "15:00")],
    ["后日朝早九点", at("11-27", "09:00")],
    ["听日晏昼三点", at("11-26", "15:00")],
    ["thursday 4", at("11-26", "16:00")],
    ["tmr 3", at("11-26", "15:00")],
    ["sat 10", at("11-28", "10:00")],
  ])("%s", (text, expected) => {
    expect(when(text)).toBe(expected);
  });
  it("a count after a day is no hour, and a Cantonese good morning is no time", () => {
    expect(when("sat 10 people")).toBe(at("11-28", "10:00"));
    expect(when("早晨！要半只烧鹅")).toBeNull();
  });
});

describe("of several weekdays, the one said with a time (session 9)", () => {
  it.each([
    ["下周六用，下周五下午来取", at("12-04", "15:00")],
    ["孩子下周一要用 周日傍晚前送到", at("11-29", "18:00")],
    ["周六或者周日都行", at("11-28", "10:00")],
  ])("%s", (text, expected) => {
    expect(when(text)).toBe(expected);
  });
});

describe("a month and a day written with a dot, said of a day (session 10)", () => {
  const now = new Date("2026-11-25T10:00:00+08:00");
  it("12.20入住 is the 20th of December; 1.5号主线 and 3.6米 are no dates", () => {
    expect(parseWhen("家庭房 12.20入住 住4晚", now, "Asia/Shanghai")).toBe("2026-12-20T10:00:00+08:00");
    expect(parseWhen("再要两卷1.5号主线", now, "Asia/Shanghai")).toBeNull();
    expect(parseWhen("黑坑竿 3.6 来一根", now, "Asia/Shanghai")).toBeNull();
  });
});

describe("a verb's 下 before a weekday, lunch after a day, 下昼, a decimal said with 零点 (session 11)", () => {
  it.each([
    ["想约个师傅处理下 周五傍晚", "2026-11-27T18:00:00+08:00"],
    ["下周五傍晚", "2026-12-04T18:00:00+08:00"],
    ["any branch open tomorrow lunch?", "2026-11-26T12:00:00+08:00"],
    ["周日下昼得闲冇", "2026-11-29T15:00:00+08:00"],
  ])("%s → %s", (text, iso) => expect(when(text)).toBe(iso));
  it.each(["子线 零点八 来两卷", "lunch set for two"])("%s has no time", (text) => expect(when(text)).toBeNull());
});

describe("晚 alone after a day is the evening (session 13)", () => {
  it.each([
    ["雷雨VIP两张 周六晚", "2026-11-28T19:00:00+08:00"],
    ["下周六晚", "2026-12-05T19:00:00+08:00"],
    ["12月5号晚", "2026-12-05T19:00:00+08:00"],
    ["周六晚8点", "2026-11-28T20:00:00+08:00"],
  ])("%s → %s", (text, when) => expect(parseWhen(text, NOW, "Asia/Shanghai")).toBe(when));
});

describe("a month and a day with a slash, said with a time of the day (session 14)", () => {
  it.each([
    ["全屋款，12/19 上午", "2026-12-19T10:00:00+08:00"],
    ["12/19 下午3点", "2026-12-19T15:00:00+08:00"],
  ])("%s", (text, want) => expect(when(text)).toBe(want));
  it("a rating said before a time of the day is no date", () => expect(when("4/5 上午去的")?.slice(0, 10)).not.toBe("2027-04-05"));
});

describe("a holiday said with a time of that day is that day (session 19)", () => {
  it.each([
    ["礼花弹 元旦晚上放", "2027-01-01T19:00:00+08:00"],
    // (the lunar new year of 2027 is on 6 February: its eve is the 5th, 元宵 the 20th)
    ["除夕晚上八点", "2027-02-05T20:00:00+08:00"],
    ["元宵节晚上小区放烟花", "2027-02-20T19:00:00+08:00"],
    ["中秋节晚上", "2027-09-15T19:00:00+08:00"],
    ["平安夜 7点半", "2026-12-24T07:30:00+08:00"],
    ["圣诞节那天晚上", "2026-12-25T19:00:00+08:00"],
    ["christmas eve 7pm", "2026-12-24T19:00:00+08:00"],
    ["new year's eve", "2026-12-31T10:00:00+08:00"],
  ])("%s → %s", (text, want) => expect(when(text)).toBe(want));
  it("a holiday that has passed this year is next year's", () => expect(when("国庆节上午")).toBe("2027-10-01T10:00:00+08:00"));
  it.each(["圣诞树要一棵", "腊八蒜500克的要三罐", "元宵两袋", "跨年演唱会的票"])("%s names no day", (text) => expect(when(text)).toBeNull());
});

describe("a solar term, and a holiday said with 那天, is that day (session 20)", () => {
  it.each([
    // (冬至 falls on 22 December in 2026, on the 21st in 2025 and 2028; 清明 on 5 April in 2027)
    ["冬至那天送到", "2026-12-22T10:00:00+08:00"],
    ["清明节上午来拿", "2027-04-05T10:00:00+08:00"],
    ["立春那天", "2027-02-04T10:00:00+08:00"],
  ])("%s → %s", (text, want) => expect(when(text)).toBe(want));
  it.each(["冬至吃汤圆还是饺子", "清明团子两盒"])("%s names no day", (text) => expect(when(text)).toBeNull());
});

describe("lunch after a date; the dialects' afternoon and days (session 21)", () => {
  it.each([
    ["20-table hall for Dec 19 lunch please", "2026-12-19T12:00:00+08:00"],
    ["婚宴 16桌 下周六 lunch", "2026-12-05T12:00:00+08:00"],
    // (后儿个 in the north is the day after tomorrow; 过晌 its afternoon; 明仔载 下晡 in Minnan)
    ["约个签证顾问 后儿个上午", "2026-11-27T10:00:00+08:00"],
    ["周五过晌", "2026-11-27T15:00:00+08:00"],
    ["明仔载下晡", "2026-11-26T15:00:00+08:00"],
  ])("%s → %s", (text, want) => expect(when(text)).toBe(want));
  it("lunch said alone names no day", () => expect(when("公司团建lunch吃啥")).toBeNull());
});

describe("a day of next month or this month; a holiday by which or on which; a span from now (session 23)", () => {
  it.each([
    ["上门护理 下个月10号开始", "2026-12-10T10:00:00+08:00"],
    ["日本团 下月5号出发", "2026-12-05T10:00:00+08:00"],
    ["本月28号下午", "2026-11-28T15:00:00+08:00"],
    ["next month on the 5th 3pm", "2026-12-05T15:00:00+08:00"],
    ["元旦前发到成都", "2027-01-01T10:00:00+08:00"],
    ["婚礼在元旦", "2027-01-01T10:00:00+08:00"],
    // (a span from now, to the minute: now is 10:00)
    ["半小时后到店取", "2026-11-25T10:30:00+08:00"],
    ["两个小时之后送到", "2026-11-25T12:00:00+08:00"],
    ["pickup at the Jianshe Rd store in 30 min", "2026-11-25T10:30:00+08:00"],
  ])("%s → %s", (text, want) => expect(when(text)).toBe(want));
  it.each(["元旦快乐", "元宵两袋", "下个月中旬再说"])("%s names no day", (text) => expect(when(text)).toBeNull());
});
