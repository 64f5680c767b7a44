// The catalog lexicon: roles, titles and category words come from the catalog data, whatever the trade.
import { describe, expect, it } from "vitest";
import type { CatalogSnapshot } from "../../src/nlu/intent.ts";
import { brandKinds, englishStaffNames, Lexicon, roleWords, TermMatcher, titleInName } from "../../src/nlu/lexicon.ts";
import { RulesParser } from "../../src/nlu/rules-parser.ts";
import { normalizeText } from "../../src/nlu/text.ts";
import { ctx } from "./fixtures.ts";

describe("titles in staff names", () => {
  it.each([
    ["张药师", "药师"],
    ["王设计师", "设计师"],
    ["李验光师", "验光师"],
    ["欧阳花艺师", "花艺师"],
    ["Tony老师", "老师"],
    ["Leo总监", "总监"],
    ["王小明（验光师）", "验光师"],
    ["陈医生", "医生"],
    ["小林", null],
    ["王小明", null],
    ["阿杰", null],
    ["Kevin", null],
    ["", null],
  ])("%j → %j", (name, title) => expect(titleInName(name)).toBe(title));
});

describe("role words", () => {
  it("joins declared labels, the role id and titles from staff names, longest first", () => {
    const [r] = roleWords({
      roles: [{ role: "optometrist", labels: { zh: ["验光"], en: ["eye test"] } }],
      staff: [{ name: "李验光师", role: "optometrist" }, { name: "周敏", role: "optometrist" }],
    });
    expect(r.role).toBe("optometrist");
    expect(r.labels).toEqual(["optometrist", "eye test", "验光师", "验光"]);
    expect(r).toMatchObject({ zh: "验光", en: "eye test" });
  });

  it("a role without labels is known by its id, and a staff-only catalog still has roles", () => {
    const roles = roleWords({ staff: [{ name: "Sam", role: "hair_stylist" }, { name: "Ann", role: "staff" }] });
    // (and by its last word, a person's: "stylist")
    expect(roles.find((r) => r.role === "hair_stylist")?.labels).toEqual(["hair stylist", "stylist"]);
    // the default role "staff" is not a word anyone books by
    expect(roles.find((r) => r.role === "staff")?.labels).toEqual([]);
  });
});

describe("term matching", () => {
  const m = new TermMatcher([{ text: "eye test", id: "a" }, { text: "验光", id: "b" }, { text: "test", id: "c" }]);
  it.each([
    ["book an eye test", ["a"]],
    ["two eye tests", ["a"]],
    ["明天验光", ["b"]],
    ["contest", []],
    ["testing", []],
    ["test", ["c"]],
  ])("%j → %j", (text, ids) => expect(m.find(normalizeText(text).lower).map((x) => x.id)).toEqual(ids));
});

const catalog = (over: Partial<CatalogSnapshot>): CatalogSnapshot => ({ brands: [], products: [], coupons: [], ...over });

describe("catalogs that could trip the rules", () => {
  it("a catalog with no staff books nobody and still understands orders", () => {
    const p = new RulesParser(catalog({ brands: [{ id: "b", name: "小茶馆", aliases: [] }], products: [{ id: "p", brandId: "b", name: "乌龙茶", aliases: [], sizes: [], tags: [] }] }));
    expect(p.parseSync("来两杯乌龙茶", ctx())).toMatchObject({ intent: "order", items: [{ productId: "p", quantity: 2, size: null }], role: null });
    expect(p.parseSync("明天下午三点预约", ctx())).toMatchObject({ intent: "book_appointment", role: null });
  });

  it("products named with common words (茶, 水, 包) do not turn other sentences into orders", () => {
    const p = new RulesParser(catalog({
      brands: [{ id: "b", name: "街角小店", aliases: [] }],
      products: ["茶", "水", "包"].map((n, i) => ({ id: `p${i}`, brandId: "b", name: n, aliases: [], sizes: [], tags: [] })),
    }));
    expect(p.parseSync("我的订单到哪了", ctx()).intent).toBe("order_status");
    expect(p.parseSync("你好", ctx()).intent).toBe("greeting");
    expect(p.parseSync("删除我的数据", ctx()).intent).toBe("forget_me");
  });

  it("a brand named like a role is a brand; the role is booked with a booking verb", () => {
    const snap = catalog({
      brands: [{ id: "florist-brand", name: "花艺师", aliases: [] }],
      products: [{ id: "rose", brandId: "florist-brand", name: "玫瑰花束", aliases: [], sizes: [], tags: [] }],
      roles: [{ role: "florist", labels: { zh: ["花艺师"] } }],
      staff: [{ name: "林花艺师", role: "florist" }],
    });
    const p = new RulesParser(snap);
    expect(p.parseSync("关注花艺师", ctx())).toMatchObject({ intent: "follow", brandId: "florist-brand" });
    expect(p.parseSync("明天下午三点约花艺师", ctx()).intent).toBe("book_appointment");
  });

  it("a 2,000-character message of product names is parsed without a crash and books nothing", () => {
    const p = new RulesParser(catalog({
      brands: [{ id: "b", name: "书店", aliases: [] }],
      products: Array.from({ length: 50 }, (_, i) => ({ id: `p${i}`, brandId: "b", name: `书名${i}号`, aliases: [], sizes: [], tags: [] })),
      roles: [{ role: "host", labels: { zh: ["领读人"] } }],
    }));
    const text = Array.from({ length: 400 }, (_, i) => `书名${i % 50}号`).join("").slice(0, 2000);
    const r = p.parseSync(text, ctx());
    expect(r.intent).not.toBe("book_appointment");
    expect(r.items.length).toBeGreaterThan(0);
  });

  it("category words come from product tags: one brand's tag names that brand", () => {
    const lex = new Lexicon(catalog({
      products: [
        { id: "a", brandId: "eyes", name: "镜架", aliases: [], sizes: [], tags: ["眼镜", "glasses"] },
        { id: "b", brandId: "flowers", name: "玫瑰", aliases: [], sizes: [], tags: ["鲜花", "glasses"] },
      ],
    }));
    const brandOf = (t: string) => lex.categoryBrand(lex.categoriesIn(normalizeText(t).lower), null);
    expect(brandOf("附近哪里配眼镜")).toBe("eyes");
    expect(brandOf("想买鲜花")).toBe("flowers");
    expect(brandOf("glasses")).toBe(null); // both brands carry it
  });
});

describe("a title the grammar does not know", () => {
  it("is learned from the names of two staff of one role", () => {
    const [leader] = roleWords({ staff: [{ name: "周领骑", role: "ride_leader" }, { name: "邓领骑", role: "ride_leader" }] });
    expect(leader.labels).toContain("领骑");
  });
  it("not from one name of a role that has a Chinese word, nor from an ending two roles share", () => {
    const roles = roleWords({ roles: [{ role: "ride_leader", labels: { zh: ["领队"] } }], staff: [{ name: "周领骑", role: "ride_leader" }, { name: "王小明", role: "a" }, { name: "李小明", role: "b" }] });
    expect(roles.flatMap((r) => r.labels)).not.toContain("领骑");
    expect(roles.flatMap((r) => r.labels)).not.toContain("小明");
  });
});

describe("an English title with a typo", () => {
  const lx = new Lexicon({ brands: [], products: [], coupons: [], roles: [{ role: "dentist", labels: { en: ["dentist", "whitening"] } }] } as never);
  const roles = (t: string) => lx.rolesIn(normalizeText(t).lower).map((m) => m.id);
  it("is still the title", () => expect(roles("can i see a dentst today at 4")).toEqual(["dentist"]));
  it("a service's word is left exact", () => expect(roles("2 whitning strips")).toEqual([]));
});

describe("staff names as English speakers say them, and titles after 小/老/阿 (session 9)", () => {
  it("a surname and a title in English: Dr. Tu, Master Chen, Coach Wang", () => {
    expect(englishStaffNames("涂大夫")).toEqual(["dr tu", "dr. tu", "doctor tu"]);
    expect(englishStaffNames("陈师傅")).toEqual(["master chen"]);
    expect(englishStaffNames("小王教练")).toEqual(["coach wang"]);
    expect(englishStaffNames("Kevin老师")).toEqual([]);
    expect(englishStaffNames("王小明")).toEqual([]);
  });
  it("the title of a name that starts with 小, 老 or 阿 before the surname", () => {
    expect(titleInName("小林化妆师")).toBe("化妆师");
    expect(titleInName("老周")).toBeNull();
  });
  it("naming them so books their role", () => {
    const parser = new RulesParser({ brands: [{ id: "b", name: "杏林", aliases: [] }], products: [], coupons: [], staff: [{ name: "涂大夫", role: "physician", brandId: "b" }, { name: "陈师傅", role: "tailor", brandId: "b" }], staffRoles: ["physician", "tailor"], roles: [] } as never);
    expect(parser.parseSync("can I book Dr. Tu on Friday morning?", ctx(null))).toMatchObject({ intent: "book_appointment", role: "physician", when: "2026-11-27T10:00:00+08:00" });
    expect(parser.parseSync("Can Master Chen take in my gown tomorrow morning?", ctx(null))).toMatchObject({ intent: "book_appointment", role: "tailor" });
  });
});

describe("a booking label said with the English verb (session 9)", () => {
  it("订房 is also 'book个房'", () => {
    const parser = new RulesParser({ brands: [{ id: "b", name: "茶楼", aliases: [] }], products: [], coupons: [], staff: [{ name: "梁部长", role: "room_host", brandId: "b" }], staffRoles: ["room_host"], roles: [{ role: "room_host", labels: { zh: ["订房"], en: ["private room"] } }] } as never);
    expect(parser.parseSync("后天早上九点 想book个房 十个人", ctx(null))).toMatchObject({ intent: "book_appointment", role: "room_host", when: "2026-11-27T09:00:00+08:00" });
  });
});

describe("a staff name in Latin letters with a title, said alone (session 9)", () => {
  it("Yoyo is Yoyo美睫师", () => {
    const parser = new RulesParser({ brands: [{ id: "b", name: "睫美", aliases: [] }], products: [], coupons: [], staff: [{ name: "Yoyo美睫师", role: "lash_tech", brandId: "b" }], staffRoles: ["lash_tech"], roles: [] } as never);
    expect(parser.parseSync("lash refill w/ Yoyo, fri 6pm", ctx(null))).toMatchObject({ intent: "book_appointment", role: "lash_tech", when: "2026-11-27T18:00:00+08:00" });
  });
});

describe("a role without words is asked for by its id's last word, when that names a person (session 10)", () => {
  const lex = new Lexicon({
    brands: [{ id: "a", name: "澜湾", aliases: [] }],
    products: [{ id: "clean", brandId: "a", name: "上门洗缸", aliases: ["tank cleaning"], sizes: [], tags: [] }],
    coupons: [],
    staff: [{ name: "陈师傅", role: "tank_technician" }, { name: "林老师", role: "dimsum_class" }],
    staffRoles: ["tank_technician", "dimsum_class"],
    roles: [],
  } as never);
  it("technician for tank_technician; no class for dimsum_class", () => {
    expect(lex.roleWordsIn("book a cleaning technician").map((m) => m.id)).toEqual(["tank_technician"]);
    expect(lex.roleWordsIn("a yoga class")).toEqual([]);
  });
});

describe("a role the catalog gives no words does what its id says before the person (session 11)", () => {
  it("scrub_master does the scrub; rod_repairer the rod repair", () => {
    const lex = new Lexicon({
      brands: [{ id: "b", name: "玉汤", aliases: [] }],
      products: [
        { id: "scrub", brandId: "b", name: "东北搓澡", aliases: ["搓澡", "scrub"], sizes: [], tags: [] },
        { id: "repair", brandId: "b", name: "修竿", aliases: ["rod repair"], sizes: [], tags: [] },
        { id: "rod", brandId: "b", name: "碳素鱼竿", aliases: ["fishing rod"], sizes: [], tags: [] },
      ],
      coupons: [], staff: [{ name: "王师傅", role: "scrub_master", brandId: "b" }, { name: "老刘", role: "rod_repairer", brandId: "b" }], staffRoles: [], roles: [],
    } as never);
    expect(lex.roleOfProduct("scrub")).toBe("scrub_master");
    expect(lex.roleOfProduct("repair")).toBe("rod_repairer");
    expect(lex.roleOfProduct("rod")).toBeNull();
  });
});

describe("the kind of shop a brand is, after any shorter name, and in English (session 11)", () => {
  it("母婴店 of 乐贝多母婴店 beside 乐贝多母婴; 4s店; clothing store", () => {
    const kinds = brandKinds([
      { id: "l", name: "乐贝多母婴生活馆", aliases: ["乐贝多", "乐贝多母婴", "乐贝多母婴店"] },
      { id: "q", name: "青岚汽车", aliases: ["青岚", "青岚4S店"] },
      { id: "s", name: "拾衣服饰", aliases: ["Shiyi", "Shiyi Clothing"] },
    ]).map((k) => `${k.text}→${k.id}`);
    expect(kinds).toEqual(expect.arrayContaining(["母婴店→l", "4s店→q", "clothing store→s", "clothing shop→s"]));
  });
});

describe("the kind of shop a brand is in English, in two or three words (session 12)", () => {
  it("animal hospital, adventure park, dumpling restaurant, nail salon", () => {
    const kinds = brandKinds([
      { id: "y", name: "佑宠", aliases: ["YouPet", "YouPet Animal Hospital"] },
      { id: "w", name: "野趣岛", aliases: ["Wild Isle", "Wild Isle Adventure Park"] },
      { id: "f", name: "福满园", aliases: ["Fumanyuan", "Fumanyuan Dumplings"] },
      { id: "b", name: "半糖", aliases: ["Half Sugar", "Half Sugar Nails"] },
    ]).map((k) => `${k.text}→${k.id}`);
    expect(kinds).toEqual(expect.arrayContaining(["animal hospital→y", "adventure park→w", "dumpling restaurant→f", "nail salon→b"]));
  });
  it("a rink, a bathhouse, a bar end in 场, 堂, 吧", () => {
    const kinds = brandKinds([
      { id: "b", name: "冰纷", aliases: ["冰纷冰场"] },
      { id: "t", name: "北汤府", aliases: ["北汤府澡堂"] },
      { id: "n", name: "极速", aliases: ["极速网吧"] },
    ]).map((k) => `${k.text}→${k.id}`);
    expect(kinds).toEqual(expect.arrayContaining(["冰场→b", "澡堂→t", "网吧→n"]));
  });
});
