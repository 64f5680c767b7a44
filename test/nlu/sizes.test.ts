import { describe, expect, it } from "vitest";
import { bareNumberSize, catalogSizes, findSizes, resolveSize, sizeIndex, sizeKey } from "../../src/nlu/sizes.ts";
import { normalizeText } from "../../src/nlu/text.ts";
import { RulesParser } from "../../src/nlu/rules-parser.ts";
import { ctx, itemTriples, rulesOnly } from "./fixtures.ts";

const CUP = ["中杯", "大杯", "超大杯"];
const SHIRT = ["S", "M", "L", "XL", "XXL"];
const JEANS = ["29", "30", "31", "32", "33", "34"];
const SHOES = ["40", "41", "42", "43", "44"];
const JACKET = ["170/88A", "175/92A", "180/96A", "185/100A"];
const PERFUME = ["50ml", "100ml"];
const BED = ["1.5米", "1.8米"];
const SOFA = ["双人位", "三人位"];

function sizeFor(text: string, sizes: string[]): string | null {
  const { lower, orig } = normalizeText(text);
  const idx = sizeIndex(sizes);
  return resolveSize(findSizes(lower, orig), sizes, idx) ?? (sizes.length ? bareNumberSize(lower, idx) : null);
}

describe("sizes resolved against the product's list", () => {
  it.each([
    ["大杯拿铁", CUP, "大杯"],
    ["中杯", CUP, "中杯"],
    ["超大杯美式", CUP, "超大杯"],
    ["a large latte", CUP, "大杯"],
    ["venti", CUP, "超大杯"],
    ["grande mocha", CUP, "大杯"],
    ["tall", CUP, "中杯"],
    ["小杯拿铁", CUP, "小杯"], // not on the menu: reported as asked
    ["L码衬衫", SHIRT, "L"],
    ["size m", SHIRT, "M"],
    ["XL的衬衫", SHIRT, "XL"],
    ["xxl", SHIRT, "XXL"],
    ["2XL", SHIRT, "XXL"],
    ["large shirt", SHIRT, "L"],
    ["大号衬衫", SHIRT, "L"],
    ["42码", SHOES, "42"],
    ["size 41 sneakers", SHOES, "41"],
    ["四十二码", SHOES, "42"],
    ["jeans 三十二 一条", JEANS, "32"], // a bare number in Chinese numerals (session 18)
    ["百分之七十的黑巧", ["55%", "70%", "85%"], "70%"], // a share said in words (session 18)
    ["要一双41的运动鞋", SHOES, "41"],
    ["32码牛仔裤", JEANS, "32"],
    ["腰围30", JEANS, "30"],
    ["32腰", JEANS, "32"],
    ["W31", JEANS, "31"],
    ["waist 33", JEANS, "33"],
    ["jeans 32", JEANS, "32"],
    ["175/92A", JACKET, "175/92A"],
    ["175/92a", JACKET, "175/92A"],
    ["175的夹克", JACKET, "175/92A"],
    ["50ml", PERFUME, "50ml"],
    ["100 ML", PERFUME, "100ml"],
    ["100毫升", PERFUME, "100ml"],
    ["1.8米的床", BED, "1.8米"],
    ["1.5m bed", BED, "1.5米"],
    ["一米八", BED, "1.8米"],
    ["1米8", BED, "1.8米"],
    ["180cm", BED, "1.8米"],
    ["三人位", SOFA, "三人位"],
    ["两人位", SOFA, "双人位"],
    ["双人沙发", SOFA, "双人位"],
    ["3-seater", SOFA, "三人位"],
    ["two seater", SOFA, "双人位"],
    ["大杯", [], null], // a product without sizes never has one
    ["拿铁", CUP, null],
    ["I'm hungry", SHIRT, null], // the m of I'm is not a size
    ["it's small", [], null],
  ])("%j with %j → %j", (text, sizes, want) => expect(sizeFor(text, sizes)).toBe(want));
});

describe("sizeKey compares spellings", () => {
  it.each([
    ["1.8米", "1.8m"], ["1.80m", "1.8m"], ["180cm", "1.8m"], ["三人位", "seat3"], ["双人位", "seat2"], ["3-seater", "seat3"],
    ["XL", "xl"], ["2XL", "xxl"], ["L码", "l"], ["42码", "42"], ["100毫升", "100ml"],
  ])("%j → %j", (s, key) => expect(sizeKey(s)).toBe(key));
});

describe("distances and dates are not sizes", () => {
  it.each(["附近500米", "28号下午", "12月3号"])("%j", (text) => {
    expect(sizeFor(text, [...BED, ...JEANS])).toBeNull();
  });
});

describe("dimensions written the way people type them", () => {
  const TYRE = ["700x25C", "700x28C", "700x32C"];
  const tyre = (text: string) => {
    const { lower, orig } = normalizeText(text);
    return resolveSize(findSizes(lower, orig, catalogSizes(lower, [{ sizes: TYRE }], orig)), TYRE);
  };
  it.each([
    ["两条700*25c的内胎", "700x25C"], ["700×28c", "700x28C"], ["外胎700x32", "700x32C"], // another sign, no letter
    ["外胎 32c 要一对", "700x32C"], ["the 28c road tyre", "700x28C"], // the last dimension alone, with its letter
  ])("%j → %s", (text, size) => expect(tyre(text)).toBe(size));
  it("a bare number is not the last dimension", () => expect(tyre("外胎 要 28 条")).toBeNull());
});

describe("a size named by its adjective", () => {
  const size = (text: string, sizes: string[]) => {
    const { lower, orig } = normalizeText(text);
    return resolveSize(findSizes(lower, orig, catalogSizes(lower, [{ sizes }], orig)), sizes);
  };
  it.each([
    ["down jacket cleaning, short one", ["短款", "长款"], "短款"], ["boot care for long boots", ["短靴", "长靴"], "长靴"],
    ["2 beef tripe (half portion)", ["整份", "半份"], "半份"], ["the deluxe gift box", ["标准款", "豪华款"], "豪华款"], ["要短的", ["短款", "长款"], "短款"],
  ])("%j → %s", (text, sizes, want) => expect(size(text, sizes)).toBe(want));
  it("not inside another word", () => expect(size("把刚才下单的花篮取消掉", ["单层", "双层"])).toBeNull());
});

describe("a unit typed as its pinyin initial", () => {
  const size = (text: string, sizes: string[]) => {
    const { lower, orig } = normalizeText(text);
    return resolveSize(findSizes(lower, orig, catalogSizes(lower, [{ sizes }], orig)), sizes);
  };
  it("1.5p is 1.5匹", () => expect(size("云佳 1.5p 一台", ["1匹", "1.5匹", "2匹"])).toBe("1.5匹"));
  it("not 3pm, nor a letter the sizes write themselves", () => {
    expect(size("明天3pm送", ["1匹", "3匹"])).toBeNull();
    expect(size("c1 700c 一台", ["700C", "26寸"])).toBe("700C");
  });
});

describe("a catalog whose sizes combine a word and a count of people (session 9)", () => {
  it("builds, and finds them: 一桌12人, 家庭3人", () => {
    const parser = new RulesParser({ brands: [{ id: "m", name: "面馆", aliases: [] }], products: [{ id: "set", brandId: "m", name: "聚餐套餐", aliases: [], sizes: ["一桌8人", "一桌12人", "家庭3人"], tags: [] }], coupons: [], staff: [], staffRoles: [], roles: [] } as never);
    expect(parser.parseSync("聚餐套餐 家庭3人的 来一份", ctx(null)).items).toEqual([{ productId: "set", quantity: 1, size: "家庭3人" }]);
  });
});

describe("sizes for adults and children said as the people (session 9)", () => {
  it("2个大人1个小孩 is two adult tickets and one child's", () => {
    const parser = new RulesParser({ brands: [{ id: "t", name: "游", aliases: [] }], products: [{ id: "tour", brandId: "t", name: "一日游", aliases: [], sizes: ["成人", "儿童"], tags: [] }], coupons: [], staff: [], staffRoles: [], roles: [] } as never);
    expect(parser.parseSync("一日游 2个大人1个小孩 周六", ctx(null)).items).toEqual([{ productId: "tour", quantity: 2, size: "成人" }, { productId: "tour", quantity: 1, size: "儿童" }]);
  });
});

describe("sizes written another way (session 9)", () => {
  it("a leading zero, a car's seats, a number said for the one size of that number and a unit", () => {
    expect(sizeKey("05号")).toBe(sizeKey("5号"));
    expect(sizeKey("7座")).toBe(sizeKey("7-seater"));
    expect(resolveSize(findSizes("size 54", "size 54"), ["52圈口", "54圈口", "56圈口"])).toBe("54圈口");
  });
});

describe("common size words said in their other words (session 10)", () => {
  const parser = rulesOnly({
    brands: [{ id: "g", name: "游戏馆", aliases: [] }],
    products: [
      { id: "seat", brandId: "g", name: "电竞座", aliases: ["seat", "seats"], sizes: ["3小时", "包夜"], tags: [] },
      { id: "cabin", brandId: "g", name: "小木屋", aliases: ["cabin"], sizes: ["大床房", "双床房"], tags: [] },
      { id: "headset", brandId: "g", name: "耳机", aliases: ["headset"], sizes: ["有线", "无线"], tags: [] },
      { id: "cola", brandId: "g", name: "可乐", aliases: ["cola"], sizes: ["罐装", "瓶装"], tags: [] },
    ],
  });
  const items = (text: string) => itemTriples(parser, text);
  it.each([
    ["电竞座 包个通宵 今晚", [["seat", "包夜", 1]]],
    ["2 seats tonight, overnight pls", [["seat", "包夜", 2]]],
    ["cabin, twin room, one night", [["cabin", "双床房", 1]]],
    ["a wireless headset", [["headset", "无线", 1]]],
    ["cola, 3 cans", [["cola", "罐装", 3]]],
  ])("%s", (text, want) => expect(items(text)).toEqual(want));
});

describe("lengths in ranges, counts per box, a measure without its word, SPF50+, sessions (session 10)", () => {
  const parser = rulesOnly({
    brands: [{ id: "a", name: "澜湾", aliases: [] }],
    products: [
      { id: "clean", brandId: "a", name: "上门洗缸", aliases: ["洗缸", "tank cleaning"], sizes: ["1米以下", "1-1.5米", "1.5米以上"], tags: [] },
      { id: "mask", brandId: "a", name: "修护面膜", aliases: [], sizes: ["单片", "10片/盒"], tags: [] },
      { id: "rf", brandId: "a", name: "热玛吉", aliases: [], sizes: ["全脸600发", "全脸900发", "眼周450发"], tags: [] },
      { id: "spf", brandId: "a", name: "防晒乳", aliases: [], sizes: ["SPF30", "SPF50+"], tags: [] },
      { id: "laser", brandId: "a", name: "腋下脱毛", aliases: ["underarm laser"], sizes: ["单次", "6次疗程"], tags: [] },
      { id: "ac", brandId: "a", name: "挂机空调", aliases: [], sizes: ["大1匹", "1.5匹"], tags: [] },
    ],
  });
  const items = (text: string) => itemTriples(parser, text);
  it.each([
    ["上门洗缸，我家缸1米2", [["clean", "1-1.5米", 1]]],
    ["tank cleaning for my 1.6m tank", [["clean", "1.5米以上", 1]]],
    ["洗缸 80公分的缸", [["clean", "1米以下", 1]]],
    ["修护面膜10片装的要两盒", [["mask", "10片/盒", 2]]],
    ["热玛吉900发 下单", [["rf", "全脸900发", 1]]],
    ["防晒乳SPF50的来一支", [["spf", "SPF50+", 1]]],
    ["underarm laser, 6 sessions", [["laser", "6次疗程", 1]]],
    // (a one-character word before the measure changes the size: 1匹 is no 大1匹)
    ["挂机空调一匹的 来一台", [["ac", "1匹", 1]]],
  ])("%s", (text, want) => expect(items(text)).toEqual(want));
});

describe("a Latin size word said without its Chinese kind-word (session 10)", () => {
  const parser = rulesOnly({
    brands: [{ id: "c", name: "光年影城", aliases: [] }],
    products: [{ id: "seat", brandId: "c", name: "观赛席", aliases: [], sizes: ["普通席", "VIP席"], tags: [] }],
  });
  const items = (text: string) => itemTriples(parser, text);
  it("两张VIP is two VIP席, a word with vip inside is not", () => {
    expect(items("观赛席 周六晚上 两张VIP")).toEqual([["seat", "VIP席", 2]]);
    expect(items("观赛席 vipcard")).toEqual([["seat", null, 1]]);
  });
});

describe("a size of several measures said by two of them (session 10)", () => {
  const parser = rulesOnly({
    brands: [{ id: "d", name: "数码港", aliases: [] }],
    products: [
      { id: "mon", brandId: "d", name: "电竞显示器", aliases: ["aoc"], sizes: ["24寸 165Hz", "27寸 2K 180Hz", "32寸 4K 144Hz"], tags: [] },
      { id: "case", brandId: "d", name: "手机壳", aliases: [], sizes: ["iPhone 15", "iPhone 15 Pro", "iPhone 15 Pro Max"], tags: [] },
    ],
  });
  const items = (text: string) => itemTriples(parser, text);
  it("27寸2k is the 27寸 2K 180Hz one; a model's words are not measures", () => {
    expect(items("AOC 27寸2k 来一台")).toEqual([["mon", "27寸 2K 180Hz", 1]]);
    expect(items("手机壳 iPhone 15 一个")).toEqual([["case", "iPhone 15", 1]]);
  });
});

describe("square metres in their spellings, and a one-letter size is no article (session 10)", () => {
  const parser = rulesOnly({
    brands: [{ id: "p", name: "印速达", aliases: [] }],
    products: [
      { id: "banner", brandId: "p", name: "喷绘", aliases: [], sizes: ["1平方米", "5平方米"], tags: [] },
      { id: "cal", brandId: "p", name: "挂历", aliases: ["wall calendar"], sizes: ["12寸", "A3"], tags: [] },
    ],
  });
  const items = (text: string) => itemTriples(parser, text);
  it.each([
    ["喷绘5个平方，户外挂的", [["banner", "5平方米", 1]]],
    ["喷绘 5平米", [["banner", "5平方米", 1]]],
    ["a 12 inch wall calendar", [["cal", "12寸", 1]]],
    ["挂历 a3", [["cal", "A3", 1]]],
  ])("%s", (text, want) => expect(items(text)).toEqual(want));
});

describe("hands and feet, and a size that is itself a count of a unit (session 10)", () => {
  const parser = rulesOnly({
    brands: [{ id: "n", name: "半糖", aliases: [] }],
    products: [
      { id: "cat", brandId: "n", name: "猫眼美甲", aliases: ["猫眼"], sizes: ["手部", "足部"], tags: [] },
      { id: "noodle", brandId: "n", name: "加面", aliases: ["面"], sizes: ["一两", "二两"], tags: [] },
    ],
  });
  const items = (text: string) => itemTriples(parser, text);
  it.each([
    ["猫眼 手脚都要 直接下单", [["cat", "手部", 1], ["cat", "足部", 1]]],
    ["猫眼 for my feet", [["cat", "足部", 1]]],
    ["猫眼做得超闪 手艺太好了", [["cat", null, 1]]],
    ["再加二两面", [["noodle", "二两", 1]]],
  ])("%s", (text, want) => expect(items(text)).toEqual(want));
});

describe("codes said as their number, degrees, two parts side by side, ears, magnification (session 10)", () => {
  const parser = rulesOnly({
    brands: [{ id: "h", name: "声悦", aliases: [] }],
    products: [
      { id: "bat", brandId: "h", name: "助听器电池", aliases: ["电池", "batteries"], sizes: ["A10", "A312", "A13", "A675"], tags: [] },
      { id: "aid", brandId: "h", name: "耳背式助听器", aliases: ["助听器"], sizes: ["单耳", "双耳"], tags: [] },
      { id: "mag", brandId: "h", name: "放大镜", aliases: ["magnifying glass"], sizes: ["3倍", "10倍"], tags: [] },
      { id: "driver", brandId: "h", name: "一号木", aliases: ["driver"], sizes: ["9°/S", "10.5°/R", "10.5°/S"], tags: [] },
      { id: "wedge", brandId: "h", name: "挖起杆", aliases: [], sizes: ["52°", "56°"], tags: [] },
    ],
  });
  const items = (text: string) => itemTriples(parser, text);
  it.each([
    ["312电池来两板", [["bat", "A312", 2]]],
    ["电池 10号的两板", [["bat", "A10", 2]]],
    ["4 packs of size 13 batteries", [["bat", "A13", 4]]],
    ["助听器 配一对", [["aid", "双耳", 1]]],
    ["助听器 左耳 only", [["aid", "单耳", 1]]],
    ["a 10x magnifying glass", [["mag", "10倍", 1]]],
    ["driver 10.5度 S杆 来一支", [["driver", "10.5°/S", 1]]],
    ["56度挖起杆一支", [["wedge", "56°", 1]]],
  ])("%s", (text, want) => expect(items(text)).toEqual(want));
});

describe("cooking styles in English, a size word typed with a homophone, seniors, a dozen (session 10)", () => {
  const parser = rulesOnly({
    brands: [{ id: "h", name: "海潮", aliases: [] }],
    products: [
      { id: "shrimp", brandId: "h", name: "濑尿虾", aliases: ["mantis shrimp"], sizes: ["椒盐", "白灼", "避风塘"], tags: [] },
      { id: "scallop", brandId: "h", name: "扇贝", aliases: ["scallops"], sizes: ["蒜蓉粉丝蒸", "芝士焗"], tags: [] },
      { id: "fish", brandId: "h", name: "东星斑", aliases: ["coral trout"], sizes: ["清蒸", "刺身"], tags: [] },
      { id: "buffet", brandId: "h", name: "自助餐", aliases: [], sizes: ["成人", "儿童", "长者"], tags: [] },
      { id: "beer", brandId: "h", name: "青岛啤酒", aliases: ["tsingtao"], sizes: ["瓶", "一打"], tags: [] },
    ],
  });
  const items = (text: string) => itemTriples(parser, text);
  it.each([
    ["1 jin salt and pepper mantis shrimp", [["shrimp", "椒盐", 1]]],
    ["steamed coral trout", [["fish", "清蒸", 1]]],
    ["6 scallops baked with cheese", [["scallop", "芝士焗", 6]]],
    ["濑尿虾焦盐 来两份", [["shrimp", "椒盐", 2]]],
    ["蒜容粉丝蒸扇贝 10只", [["scallop", "蒜蓉粉丝蒸", 10]]],
    ["自助餐 老人一位", [["buffet", "长者", 1]]],
    ["a dozen tsingtao", [["beer", "一打", 1]]],
  ])("%s", (text, want) => expect(items(text)).toEqual(want));
});

describe("a catalog's Chinese size word said in English, read through the dictionary (session 12)", () => {
  const parser = rulesOnly({
    brands: [{ id: "k", name: "木与瓷", aliases: [] }],
    products: [
      { id: "mug", brandId: "k", name: "马克杯", aliases: ["mug"], sizes: ["陶瓷", "玻璃", "不锈钢"], tags: [] },
      { id: "toast", brandId: "k", name: "吐司", aliases: ["toast"], sizes: ["全麦", "原味"], tags: [] },
      { id: "resole", brandId: "k", name: "换鞋底", aliases: ["resole"], sizes: ["橡胶底", "真皮底"], tags: [] },
      { id: "scarf", brandId: "k", name: "羊毛围巾", aliases: ["scarf"], sizes: ["羊毛", "羊绒"], tags: [] },
      { id: "cake", brandId: "k", name: "慕斯", aliases: ["mousse"], sizes: ["6寸", "8寸"], tags: [] },
      { id: "flat", brandId: "k", name: "整租公寓", aliases: ["flat"], sizes: ["一居", "两居", "三居"], tags: [] },
      { id: "groom", brandId: "k", name: "宠物美容", aliases: ["grooming"], sizes: ["猫", "小型犬", "大型犬"], tags: [] },
      { id: "bento", brandId: "k", name: "减脂便当", aliases: ["bento"], sizes: ["鸡胸肉款", "牛肉款", "三文鱼款"], tags: [] },
      { id: "neuter", brandId: "k", name: "公猫绝育", aliases: ["cat neutering"], sizes: [], tags: [] },
    ],
  });
  const items = (text: string) => itemTriples(parser, text);
  it.each([
    ["a stainless steel mug please", [["mug", "不锈钢", 1]]],
    ["2 ceramic mugs", [["mug", "陶瓷", 2]]],
    ["one whole wheat toast", [["toast", "全麦", 1]]],
    ["resole my boots with a leather sole", [["resole", "真皮底", 1]]],
    ["rubber resole x2", [["resole", "橡胶底", 2]]],
    // (a word of the product's own name names no size: the wool of 羊毛围巾)
    ["a wool scarf", [["scarf", null, 1]]],
    // (a size said in its own words is not read again in English)
    ["玻璃的 mug, not the ceramic one", [["mug", "玻璃", 1]]],
    // (a count and what it counts, the count right before it: 8寸 is "8 inch", 两居 "two bedrooms")
    ["an 8 inch mousse", [["cake", "8寸", 1]]],
    ["flat with two bedrooms", [["flat", "两居", 1]]],
    // (a size of one character; the word may be another product's too)
    ["grooming for my cat on friday", [["groom", "猫", 1]]],
    // (a kind-word at the end, 款 of 牛肉款, is not said)
    ["one salmon bento please", [["bento", "三文鱼款", 1]]],
  ])("%s", (text, want) => expect(items(text)).toEqual(want));
});

describe("a size of an amount and words after it, said by its amount (session 12)", () => {
  const parser = rulesOnly({
    brands: [{ id: "y", name: "一方书院", aliases: [] }],
    products: [
      { id: "calligraphy", brandId: "y", name: "书法课", aliases: [], sizes: ["单节体验", "8节基础班", "16节进阶班"], tags: [] },
      { id: "cupping", brandId: "y", name: "拔罐", aliases: [], sizes: ["单次", "5次疗程"], tags: [] },
    ],
  });
  const items = (text: string) => itemTriples(parser, text);
  it.each([
    ["书法课 报个8节的", [["calligraphy", "8节基础班", 1]]],
    ["书法课十六节那个", [["calligraphy", "16节进阶班", 1]]],
    ["拔罐买五次那个", [["cupping", "5次疗程", 1]]],
    // (a count of sessions said without 的 or 那个 is how many, of the size sold one session at a time)
    ["拔罐做两次", [["cupping", "单次", 2]]],
  ])("%s", (text, want) => expect(items(text)).toEqual(want));
});

describe("a ticket priced by the kind of day (session 12)", () => {
  const parser = rulesOnly({
    brands: [{ id: "z", name: "跳跳乐园", aliases: [] }],
    products: [{ id: "kid", brandId: "z", name: "儿童票", aliases: ["kids pass"], sizes: ["平日", "周末节假日"], tags: [] }],
  });
  const parse = (text: string) => parser.parseSync(text, ctx(null));
  it.each([
    ["周末儿童票四张", "周末节假日", 4],
    ["2 weekday kids passes", "平日", 2],
    ["3 weekend kids passes", "周末节假日", 3],
  ])("%s", (text, size, n) => {
    const r = parse(text);
    expect(r.items.map((i) => [i.productId, i.size, i.quantity])).toEqual([["kid", size, n]]);
    // (the kind of day prices the ticket; it names no date)
    expect(r.when).toBeNull();
  });
});

describe("a size of an amount and a flavour, said in either order (session 12)", () => {
  const parser = rulesOnly({
    brands: [{ id: "j", name: "健动力", aliases: [] }],
    products: [
      { id: "whey", brandId: "j", name: "乳清蛋白粉", aliases: ["乳清"], sizes: ["2磅巧克力味", "5磅香草味", "5磅巧克力味"], tags: [] },
      { id: "hen", brandId: "j", name: "散养土鸡", aliases: ["土鸡"], sizes: ["3斤左右", "4斤左右"], tags: [] },
      { id: "crab", brandId: "j", name: "帝王蟹", aliases: [], sizes: ["3-4斤", "5-6斤"], tags: [] },
    ],
  });
  const items = (text: string) => itemTriples(parser, text);
  it.each([
    ["乳清 香草的 五磅 要两桶", [["whey", "5磅香草味", 2]]],
    ["乳清五磅巧克力 一桶", [["whey", "5磅巧克力味", 1]]],
    // (a bound is no flavour: 4斤左右 is still read as a weight about so)
    ["土鸡一只 四斤左右", [["hen", "4斤左右", 1]]],
    // (two numerals side by side are about so many: 五六斤 is 5-6斤)
    ["帝王蟹要一只五六斤的", [["crab", "5-6斤", 1]]],
  ])("%s", (text, want) => expect(items(text)).toEqual(want));
});

describe("a size whose unit is 两 keeps it (session 19)", () => {
  const parser = new RulesParser({
    brands: [{ id: "x", name: "蟹府", aliases: [] }],
    products: [
      { id: "box", brandId: "x", name: "大闸蟹礼盒", aliases: ["蟹礼盒"], sizes: ["公3.5两母2.5两", "公4两母3两", "公5两母4两"], tags: [] },
      { id: "crab", brandId: "x", name: "母蟹", aliases: [], sizes: ["2.5两", "3两", "3.5两"], tags: [] },
      { id: "neck", brandId: "x", name: "鸭脖", aliases: [], sizes: ["1斤", "1.5斤"], tags: [] },
    ],
    coupons: [],
  });
  const items = (text: string) => itemTriples(parser, text);
  it.each([
    ["大闸蟹礼盒 公4两母3两的要两盒", [["box", "公4两母3两", 2]]],
    ["蟹礼盒公5两母4两拿一盒", [["box", "公5两母4两", 1]]],
    // (a weight that goes on in its tenths or a half: 三两五 is 3.5两, 一斤半 1.5斤)
    ["母蟹三两五 10只", [["crab", "3.5两", 10]]],
    ["鸭脖一斤半", [["neck", "1.5斤", 1]]],
  ])("%s", (text, want) => expect(items(text)).toEqual(want));
});

describe("a model said without its line's name (session 19)", () => {
  const models = ["iPhone 15", "iPhone 15 Pro", "iPhone 15 Pro Max", "iPhone 16 Pro", "Mate 60 Pro"];
  const parser = new RulesParser({
    brands: [{ id: "j", name: "机友汇", aliases: [] }],
    products: [
      { id: "film", brandId: "j", name: "防窥钢化膜", aliases: ["防窥膜"], sizes: models, tags: [] },
      { id: "case", brandId: "j", name: "磁吸壳", aliases: [], sizes: ["iPhone 16 Pro", "Galaxy 16 Pro"], tags: [] },
    ],
    coupons: [],
  });
  const items = (text: string) => itemTriples(parser, text);
  it.each([
    ["15pro的防窥膜来两张", [["film", "iPhone 15 Pro", 2]]],
    ["防窥膜 15 pro max 一张", [["film", "iPhone 15 Pro Max", 1]]],
    // (a number alone is no model: the 15 of "防窥膜15张" counts)
    ["防窥膜15张", [["film", null, 15]]],
    // (nor a number and words two lines share)
    ["磁吸壳 16 pro", [["case", null, 1]]],
  ])("%s", (text, want) => expect(items(text)).toEqual(want));
});

describe("a size that is a unit of time said as what it is hired by (session 19)", () => {
  const parser = new RulesParser({
    brands: [{ id: "q", name: "骑迹", aliases: [] }],
    products: [{ id: "mtb", brandId: "q", name: "山地车租赁", aliases: ["山地车"], sizes: ["小时", "天"], tags: [] }],
    coupons: [],
  });
  const items = (text: string) => itemTriples(parser, text);
  it.each([
    ["山地车两辆按天租", [["mtb", "天", 2]]],
    ["山地车三辆 天租", [["mtb", "天", 3]]],
    ["山地车一辆 按小时", [["mtb", "小时", 1]]],
  ])("%s", (text, want) => expect(items(text)).toEqual(want));
});

describe("a size of words and an amount said by its words alone (session 19)", () => {
  const parser = new RulesParser({
    brands: [{ id: "j", name: "净立方", aliases: [] }],
    products: [{ id: "foam", brandId: "j", name: "泡沫清洁剂", aliases: [], sizes: ["500ml", "整箱12瓶"], tags: [] }],
    coupons: [],
  });
  const items = (text: string) => itemTriples(parser, text);
  it("泡沫清洁剂整箱的来一箱", () => expect(items("泡沫清洁剂整箱的来一箱")).toEqual([["foam", "整箱12瓶", 1]]));
});
