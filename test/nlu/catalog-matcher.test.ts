import { describe, expect, it } from "vitest";
import { CatalogMatcher } from "../../src/nlu/catalog-matcher.ts";
import { Lexicon } from "../../src/nlu/lexicon.ts";
import { normalizeText } from "../../src/nlu/text.ts";
import { demoSnapshot } from "./fixtures.ts";

const matcher = new CatalogMatcher(demoSnapshot());
const ids = (text: string, allowed: string[] | null = null) =>
  matcher.findMentions(normalizeText(text).lower, allowed ? new Set(allowed) : null).map((m) => `${m.kind}:${m.id}`);

describe("brands and products by name, alias, case, script", () => {
  it.each([
    ["附近有星巴克吗", ["brand:starbucks"]],
    ["STARBUCKS", ["brand:starbucks"]],
    ["星爸爸", ["brand:starbucks"]],
    ["尚品宅配", ["brand:spzp"]],
    ["shangpin home", ["brand:spzp"]],
    ["gxg男装", ["brand:gxg"]],
    ["广百", ["brand:grandbuy"]],
    ["来杯拿铁", ["product:sb-latte"]],
    ["caffe latte", ["product:sb-latte"]], // the longer alias wins
    ["Latte", ["product:sb-latte"]],
    ["lattes", ["product:sb-latte"]],
    ["抹茶星冰乐", ["product:sb-frappuccino"]],
    ["美式咖啡", ["product:sb-americano"]],
    ["两杯拿铁一个牛角包", ["product:sb-latte", "product:sb-croissant"]],
    ["GXG的牛仔裤", ["brand:gxg", "product:gxg-jeans"]],
    ["mooncakes", ["product:gb-mooncake"]],
    ["nordic sofa", ["product:spzp-sofa-nordic"]],
  ])("%j → %j", (text, want) => expect(ids(text)).toEqual(want));
});

describe("typos and pinyin", () => {
  it.each([
    ["latee", ["product:sb-latte"]],
    ["capuccino", ["product:sb-cappuccino"]],
    ["cappucino please", ["product:sb-cappuccino"]],
    ["americcano", ["product:sb-americano"]],
    ["crossant", ["product:sb-croissant"]],
    ["starbuks nearby", ["brand:starbucks"]],
    ["natie", ["product:sb-latte"]],
    ["na tie", ["product:sb-latte"]],
    ["xingbake", ["brand:starbucks"]],
    ["xing ba ke", ["brand:starbucks"]],
    ["kabuqinuo", ["product:sb-cappuccino"]],
    ["来杯xingbingle", ["product:sb-frappuccino"]],
    ["europian sofa", ["product:spzp-sofa-eu"]],
    ["卡不奇诺", ["product:sb-cappuccino"]], // homophone typo of a long name
    ["星八克", ["brand:starbucks"]],
  ])("%j → %j", (text, want) => expect(ids(text)).toEqual(want));

  it.each([
    "I'm late", // late is a word, not a latte typo
    "short sleeves",
    "speakers",
    "没事", // sounds like 美式 but is a common word
    "商品", // sounds like 尚品
    "latte8", // a coupon code, not a latte
    "gxg30",
    "hello there",
  ])("%j matches nothing", (text) => expect(ids(text)).toEqual([]));
});

describe("brand restriction (a brand bot)", () => {
  it("ignores other brands", () => {
    expect(ids("附近有星巴克吗", ["gxg"])).toEqual([]);
    expect(ids("来杯拿铁", ["gxg"])).toEqual([]);
    expect(ids("来杯拿铁", ["starbucks"])).toEqual(["product:sb-latte"]);
  });
});

const lexicon = new Lexicon(demoSnapshot());

describe("category words (the catalog's product tags) name a brand when only one brand sells them", () => {
  it.each([
    ["附近有咖啡店吗", null, "starbucks"],
    ["想买个沙发", null, "spzp"],
    ["家具", null, "spzp"],
    ["买点衣服", null, "gxg"],
    ["送女朋友的礼物", null, "grandbuy"],
    ["起床了", null, null], // 床 in 起床 is not a bed
    ["咖啡", ["gxg"], null],
    ["你好", null, null],
  ])("%j (%j) → %j", (text, allowed, brand) =>
    expect(lexicon.categoryBrand(lexicon.categoriesIn(normalizeText(text).lower), allowed ? new Set(allowed as string[]) : null)).toBe(brand));
});

describe("a service said as a verb", () => {
  const tailor = new CatalogMatcher({
    brands: [], stores: [], coupons: [],
    products: [{ id: "hem", brandId: "t", name: "改裤长", aliases: ["hem"], sizes: [] }, { id: "polish", brandId: "t", name: "擦鞋", aliases: ["polish"], sizes: [] }],
  } as never);
  const found = (text: string) => tailor.findMentions(normalizeText(text).lower, null).map((m) => m.id);
  it("takes its participle", () => {
    expect(found("3 pairs of pants hemmed")).toEqual(["hem"]);
    expect(found("shoes polished by friday")).toEqual(["polish"]);
  });
  it("not a longer word that starts the same", () => expect(found("hemisphere")).toEqual([]));
});

describe("hundreds of names sharing a first word", () => {
  const words = ["classic", "urban", "cozy", "swift"];
  const shop = new CatalogMatcher({
    brands: [], stores: [], coupons: [],
    products: [
      ...Array.from({ length: 400 }, (_, i) => ({ id: `p${i}`, brandId: "b", name: `soft ${words[i % 4]} ${i}`, aliases: [], sizes: [] })),
      { id: "soft", brandId: "b", name: "soft", aliases: [], sizes: [] },
      { id: "soft-c", brandId: "b", name: "soft c", aliases: [], sizes: [] },
    ],
  } as never);
  const found = (text: string) => shop.findMentions(normalizeText(text).lower, null).map((m) => m.id);
  it("find the one said, a shorter one, and a plural of a one-word name", () => {
    expect(found("2 x soft urban 257 please")).toEqual(["p257"]);
    expect(found("soft urban257")).toEqual(["p257"]);
    expect(found("a soft c and two softs")).toEqual(["soft-c", "soft"]);
    expect(found("soft urban 9999")).toEqual(["soft"]);
  });
});
