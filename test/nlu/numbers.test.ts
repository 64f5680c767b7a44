import { describe, expect, it } from "vitest";
import { digitsWritten, findQuantities, parseChineseInt, parseNumber, quantityAfter, quantityBefore } from "../../src/nlu/numbers.ts";

describe("parseChineseInt", () => {
  it.each([
    ["一", 1], ["两", 2], ["俩", 2], ["三", 3], ["十", 10], ["十二", 12], ["二十", 20], ["二十五", 25], ["一百", 100],
    ["一百零五", 105], ["一百五", 150], ["两千五", 2500], ["五百", 500], ["一万", 10000], ["零", 0],
  ])("%s → %i", (s, n) => expect(parseChineseInt(s)).toBe(n));

  it.each(["", "abc", "二两", "杯"])("%j is not a numeral", (s) => expect(parseChineseInt(s)).toBeNull());
});

describe("parseNumber", () => {
  it.each([
    ["3", 3], ["1.5", 1.5], ["十二", 12], ["两", 2], ["twelve", 12], ["a", 1], ["an", 1], ["a couple of", 2], ["a dozen", 12], ["半", 0.5],
  ])("%j → %d", (s, n) => expect(parseNumber(s)).toBe(n));
});

describe("findQuantities: counts with a measure word or multiplier", () => {
  it.each([
    ["两杯拿铁", [2]],
    ["一双42码运动鞋", [1]],
    ["3件衬衫", [3]],
    ["latte x2", [2]],
    ["2x latte", [2]],
    ["三杯卡布", [3]],
    ["十二个牛角包", [12]],
    ["来俩拿铁", [2]],
    ["两杯拿铁和一个牛角包", [2, 1]],
    ["32码牛仔裤", []], // a size, not a count
    ["附近500米", []], // a distance
    ["明天3点", []], // a time
    ["领取gxg30", []], // a code
    ["广百一盒月饼", [1]], // 百 ends the brand name, it does not make "110"
    ["周二两杯", [2]], // 二 belongs to 周二
    ["xl衬衫", []],
  ])("%j → %j", (text, values) => expect(findQuantities(text).map((q) => q.value)).toEqual(values));
});

describe("quantities next to an item", () => {
  it.each([
    ["i want two ", 2], ["get me 3 ", 3], ["a ", 1], ["a couple of ", 2], ["two large ", 2], ["2", 2], ["order ", null], ["", null],
  ])("before: %j → %j", (prefix, n) => expect(quantityBefore(prefix)).toBe(n));
  it.each([
    ["8/10 for the kemu 3 ", null], ["book my level 2 ", null], ["this room 5 ", null], ["get me 3 ", 3], ["latte 2 ", 2],
  ])("a number after a word a determiner names is its label, no count: %j → %j", (prefix, n) => expect(quantityBefore(prefix)).toBe(n));
  it.each([
    ["on 2 trousers and shorten the ", null], ["2 shirts plus ", null], ["2 large ", 2], ["two pairs of ", 2],
  ])("a count with \"and\" after it counts what came before: %j → %j", (prefix, n) => expect(quantityBefore(prefix)).toBe(n));

  it.each([
    ["两杯", 2], [" x3", 3], ["来一支", 1], ["，要2杯", 2], ["", null], ["和一个", null],
  ])("after: %j → %j", (suffix, n) => expect(quantityAfter(suffix)?.value ?? null).toBe(n));
});

describe("more of Chinese's measure words (session 9)", () => {
  it.each([
    ["两笼虾饺", 2], ["冲两版一寸照", 2], ["扫描30页", 30], ["KT板 三块", 3], ["要两饼", 2],
  ])("%s counts", (text, n) => {
    expect(findQuantities(text).map((q) => q.value)).toContain(n);
  });
  it("a 块 of money counts nothing", () => {
    expect(findQuantities("这个30块钱")).toEqual([]);
    expect(findQuantities("要20块的那个")).toEqual([]);
  });
});

describe("pinyin counts use the common measure words only (session 9)", () => {
  it("Liuzhou is a city, not six 轴", () => {
    expect(findQuantities("pick up at the liuzhou gubu store")).toEqual([]);
  });
});

describe("English counts with a word between, and pieces glued to the number (session 14)", () => {
  it.each([
    ["2 extra bags of paintballs", [2]],
    ["three more bottles", [3]],
    ["30pcs", [30]],
  ])("%j → %j", (text, values) => expect(findQuantities(text).map((q) => q.value)).toEqual(values));
  it("a code is no count", () => expect(findQuantities("code abc30pcs")).toEqual([]));
});

describe("Chinese numerals written as digits for reading sizes (session 18)", () => {
  it("decimals, fractions and numbers of ten or more; counts stay as they are", () => {
    expect(digitsWritten("喷嘴零点四的")?.text).toBe("喷嘴0.4的");
    expect(digitsWritten("艾琳 四分之一的")?.text).toBe("艾琳 1/4的");
    expect(digitsWritten("头围五十七 一顶")?.text).toBe("头围57 一顶");
    expect(digitsWritten("珍珠米二十五公斤十袋")?.text).toBe("珍珠米25公斤十袋");
    expect(digitsWritten("拿铁两杯")).toBeNull();
  });
  it("a span of the rewritten text maps back to the words it stands for", () => {
    const d = digitsWritten("喷嘴零点四的 拾个")!;
    const at = d.text.indexOf("0.4");
    expect(d.back({ start: at, end: at + 3 })).toEqual({ start: 2, end: 5 });
    expect(d.rewritten({ start: at, end: at + 3 })).toBe(true);
    expect(d.rewritten({ start: 0, end: 2 })).toBe(false);
  });
});

describe("more English counters (session 19)", () => {
  it.each([
    ["3 buckets", 3],
    ["four sheets", 4],
    ["2 cartons", 2],
  ])("%s", (text, n) => expect(findQuantities(text).map((q) => q.value)).toEqual([n]));
});

describe("a count in English right after an item (session 19)", () => {
  it.each([
    [" 10 pcs + 蛋黄粽", 10],
    [" 2 packs, 湿巾", 2],
  ])("%s", (text, n) => expect(quantityAfter(text)?.value).toBe(n));
  it("a number with no counter is no count after it", () => expect(quantityAfter(" 10 蛋黄粽")).toBeNull());
});
