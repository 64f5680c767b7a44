import { describe, expect, it } from "vitest";
import { CatalogMatcher } from "../../src/nlu/catalog-matcher.ts";
import { Lexicon } from "../../src/nlu/lexicon.ts";
import { normalizeText } from "../../src/nlu/text.ts";
import { RulesParser } from "../../src/nlu/rules-parser.ts";
import { defaultCorpusContext } from "../../src/nlu/eval.ts";
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

describe("English product mentions in a trade no corpus has: a kayak and paddle shop", () => {
  const p = (id: string, name: string, aliases: string[], sizes: string[], tags: string[]) => ({ id, brandId: "bw", name, aliases, sizes, tags });
  const kayakShop = {
    brands: [{ id: "bw", name: "蓝水划艇", aliases: ["Bluewater"] }],
    products: [
      p("deckbag", "甲板包", ["deck bag"], ["5L", "20L"], ["bag"]),
      p("drybag", "卷口防水袋", ["roll-top bag"], ["10L", "20L"], ["bag", "防水袋"]),
      p("tandem", "双人皮划艇", ["tandem kayak"], ["双人"], ["kayak"]),
      p("solo", "单人皮划艇", ["solo kayak", "single kayak"], ["单人"], ["kayak"]),
      p("alupaddles", "铝合金桨", ["aluminium paddle", "alloy paddles"], ["210cm", "220cm"], ["paddle"]),
      p("paddles", "碳纤维桨", ["carbon paddle", "carbon paddles"], ["210cm", "220cm"], ["paddle"]),
      p("cooler", "保温箱", ["cooler box"], ["10L", "20L"], []), p("trip", "湖上一日游", ["lake trip"], [], []),
      p("skirt", "防浪裙", ["neoprene spray skirts"], [], []), p("pfd", "浮力背心", ["PFD"], [], []), p("extra", "加时", ["extra hours"], ["1小时", "2小时"], []),
    ],
    stores: [], coupons: [],
  };
  const parser = new RulesParser(kayakShop as never);
  const items = (text: string) => parser.parseSync(text, defaultCorpusContext()).items;
  it("a name with a hyphen said with a space or run together", () => {
    expect(items("2 roll top bags, 20L")).toEqual([{ productId: "drybag", quantity: 2, size: "20L" }]);
    expect(items("one rolltop bag 20L")).toEqual([{ productId: "drybag", quantity: 1, size: "20L" }]);
  });
  it("an English head noun that is also a category word, with a size that picks the product", () => {
    expect(items("a bag, 10L please")).toEqual([{ productId: "drybag", quantity: 1, size: "10L" }]);
    expect(items("帮我order一个双人kayak")).toEqual([{ productId: "tandem", quantity: 1, size: "双人" }]);
  });
  it("without a size it stays the category", () => expect(items("do you sell kayaks?")).toEqual([]));
  it("words joined by or / and / a comma that each make a name with a noun said once", () => {
    expect(items("carbon or alloy paddles?").map((i) => i.productId)).toEqual(["paddles", "alupaddles"]);
    expect(items("which paddle is lighter, carbon or alloy?").map((i) => i.productId)).toEqual(["paddles", "alupaddles"]);
    expect(items("carbon or not, I just want it light")).toEqual([]);
  });
  // (offered as a choice, neither size is chosen: session 19)
  it("a head no size can pick (the trip of 'lake trip') does not keep the sizes after it from another head", () => {
    expect(items("which box size for a 3 day trip, 10L or 20L?")).toEqual([{ productId: "cooler", quantity: 1, size: null }]);
    expect(items("a box for a 3 day trip, 10L and 20L")).toEqual([{ productId: "cooler", quantity: 1, size: "10L" }, { productId: "cooler", quantity: 1, size: "20L" }]);
  });
  it("a name glued to a count in Chinese, not to a bare number", () => {
    expect(items("救生衣 PFD2件")).toEqual([{ productId: "pfd", quantity: 2, size: null }]);
    expect(items("solo kayak2个")).toEqual([{ productId: "solo", quantity: 2, size: null }]);
    expect(items("code PFD8")).toEqual([]);
  });
  it("a head noun in the singular or the plural, whichever the name uses", () =>
    expect(items("2 carbon paddles and a skirt")).toEqual([{ productId: "paddles", quantity: 2, size: null }, { productId: "skirt", quantity: 1, size: null }]));
  it("a head noun inside a size is its unit, not a product", () =>
    expect(items("a tandem kayak for 1 hour").map((i) => i.productId)).toEqual(["tandem"]));
  it("a head word of a product already named says that product again", () =>
    expect(items("2 carbon paddles, 220cm paddles")).toEqual([{ productId: "paddles", quantity: 2, size: "220cm" }]));
});

describe("an English service said as a verb and its object, in any order or form (a boatyard)", () => {
  const p = (id: string, aliases: string[]) => ({ id, brandId: "yard", name: `服务${id.length}${id[0]}`, aliases, sizes: [], tags: [] });
  const yard = {
    brands: [{ id: "yard", name: "船坞", aliases: ["Wax Works"] }],
    products: [
      p("cleaning", ["boat cleaning"]), p("rental", ["kayak rental"]), p("seals", ["seal replacement"]), p("rudder", ["fit a rudder"]),
      p("hull", ["hull repair"]), p("waxing", ["hull waxing"]), p("wax", ["boat wax"]), p("patches", ["sail patches"]), p("tow", ["tow in"]),
    ],
    stores: [], coupons: [],
  };
  const parser = new RulesParser(yard as never);
  const items = (text: string) => parser.parseSync(text, defaultCorpusContext()).items.map((i) => `${i.productId}×${i.quantity}`);
  it.each([
    ["can you clean my boat tomorrow", ["cleaning×1"]], // boat cleaning
    ["please clean 2 boats", ["cleaning×2"]],
    ["2 rental kayaks for saturday", ["rental×2"]], // kayak rental
    ["I'd like to rent 3 kayaks", ["rental×3"]],
    ["need the seals replaced", ["seals×1"]], // seal replacement
    ["rudder fitted by friday", ["rudder×1"]], // fit a rudder
    ["fitting a rudder", ["rudder×1"]],
    ["repair my hull pls", ["hull×1"]], // hull repair
    ["wax the hull", ["waxing×1"]], // hull waxing, not the product boat wax nor the brand Wax Works
    ["2 tins of boat wax", ["wax×2"]],
    ["can you clean my old wooden boat", ["cleaning×1"]], // words describing the object between
    ["patch 2 sails", ["patches×2"]], // sail patches
    ["engine died, we need to be towed in", ["tow×1"]], // a phrasal verb alone: tow in
  ])("%j → %j", (text, want) => expect(items(text)).toEqual(want));
  it.each(["my boat is clean", "the hull looks fine", "seals and dolphins"])("%j names no service", (text) => expect(items(text)).toEqual([]));
});

describe("English names with small numbers, and words that are a name with an -er", () => {
  const p = (id: string, name: string, aliases: string[]) => ({ id, brandId: "g1", name, aliases, sizes: [], tags: [] });
  const grill = new RulesParser({
    brands: [{ id: "g1", name: "炭火小馆", aliases: [] }],
    products: [p("wineglass", "红酒杯", ["wine glass"]), p("set2", "双人烤肉套餐", ["grill set for two"]), p("pass10", "十次卡", ["10-visit pass"]), p("smoker", "烟熏炉", ["smoker"]), p("roaster", "烤箱", ["roaster"])],
    stores: [], coupons: [],
  } as never);
  const items = (text: string) => grill.parseSync(text, defaultCorpusContext()).items.map((i) => `${i.productId}×${i.quantity}`);
  it("a number word said as a digit and a digit as a word", () => {
    expect(items("grill set for 2 + 2 beers")).toEqual(["set2×1"]);
    expect(items("one ten visit pass please")).toEqual(["pass10×1"]);
  });
  it("a noun compound is not its words the other way round with 'of'", () => {
    expect(items("need glass of wine with dinner")).toEqual([]); // no wine glass
    expect(items("2 wine glasses")).toEqual(["wineglass×2"]);
  });
  it("a phrase with one of its words replaced by another is no typo of it", () => {
    expect(items("a grill kit for two")).toEqual([]); // not "grill set for two"
    expect(items("a grill sett for two")).toEqual(["set2×1"]); // a typo
  });
  it("a word without the name's -er is not its typo", () => {
    expect(items("does the fish smoke well here")).toEqual([]); // smoke, not smoker
    expect(items("roast duck tonight")).toEqual([]); // roast, not roaster
    expect(items("a smokr pls")).toEqual(["smoker×1"]); // still a typo
  });
});

describe("homophone typos of two-character names (session 10)", () => {
  const m = new CatalogMatcher({
    brands: [{ id: "t", name: "百草堂", aliases: [] }],
    products: [
      { id: "gouqi", brandId: "t", name: "枸杞", aliases: [], sizes: [], tags: [] },
      { id: "aoshu", brandId: "t", name: "奥数", aliases: [], sizes: [], tags: [] },
      { id: "insole", brandId: "t", name: "鞋垫", aliases: [], sizes: [], tags: [] },
      { id: "pad", brandId: "t", name: "薄垫", aliases: [], sizes: [], tags: [] },
      { id: "dance", brandId: "t", name: "街舞", aliases: [], sizes: [], tags: [] },
      { id: "rug", brandId: "t", name: "马衣", aliases: [], sizes: [], tags: [] },
    ],
    coupons: [],
  } as never);
  const found = (text: string) => m.findMentions(normalizeText(text).lower, null).map((x) => x.id);
  it("a character typed for one that sounds the same, in the same tone, names the product", () => {
    expect(found("老板 狗杞 半斤")).toEqual(["gouqi"]);
    expect(found("俺家娃要报奥树")).toEqual(["aoshu"]);
  });
  it("not in another tone, and not with a word of the platform's own (the 店 of 鞋店)", () => {
    expect(found("薄点好背")).toEqual([]);
    expect(found("最近的修鞋店在哪")).toEqual([]);
  });
  it("a character of the platform's words (the 午 of 下午) typed where the text makes no word of it (session 18)", () => {
    expect(found("街午单节课一节")).toEqual(["dance"]);
    // (but a numeral counts: the 一 of 一个 is no 衣)
    expect(found("骑马一个钟")).toEqual([]);
  });
});

describe("a Latin name with a Chinese kind-word said in English (session 10)", () => {
  const m = new CatalogMatcher({
    brands: [{ id: "d", name: "数码港", aliases: [] }],
    products: [{ id: "sd", brandId: "d", name: "闪迪存储卡", aliases: ["SD卡"], sizes: [], tags: [] }, { id: "mat", brandId: "d", name: "TPE垫", aliases: [], sizes: [], tags: [] }],
    coupons: [],
  } as never);
  const found = (text: string) => m.findMentions(normalizeText(text).lower, null).map((x) => x.id);
  it("SD卡 is an SD card, TPE垫 a TPE mat", () => {
    expect(found("two 128GB SD cards please")).toEqual(["sd"]);
    expect(found("a TPE mat")).toEqual(["mat"]);
  });
});

describe("a span of time is no typo of a name (session 19)", () => {
  const parser = new RulesParser({
    brands: [{ id: "t", name: "桶藏", aliases: [] }],
    products: [
      { id: "monte", brandId: "t", name: "蒙特2号", aliases: ["Monte 2"], sizes: ["单支", "10支装"], tags: [] },
      { id: "locker", brandId: "t", name: "雪茄柜租赁", aliases: ["humidor locker"], sizes: ["小柜位", "大柜位"], tags: [] },
    ],
    coupons: [],
  } as never);
  const ids = (text: string) => parser.parseSync(text, defaultCorpusContext()).items.map((i) => i.productId);
  it("rent a humidor locker for 2 months", () => expect(ids("rent a humidor locker for 2 months")).toEqual(["locker"]));
  it("a Monte 2 is still one", () => expect(ids("a Monte 2 please")).toEqual(["monte"]));
});
