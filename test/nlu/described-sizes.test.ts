import { describe, expect, it } from "vitest";
import { describedSize, describedSizes } from "../../src/nlu/described-sizes.ts";
import { defaultCorpusContext } from "../../src/nlu/eval.ts";
import { itemLines, rulesFromCatalog } from "./fixtures.ts";

describe("sizes a description gives an amount for (session 13)", () => {
  it("reads each size's amount or range, in the unit the description writes, and open bounds", () => {
    expect(describedSizes("按锅计，小锅2人，中锅3-4人，大锅5-6人", ["小锅", "中锅", "大锅"]).map((d) => [d.size, d.lo, d.hi, d.unit])).toEqual([
      ["小锅", 2, 2, "人"], ["中锅", 3, 4, "人"], ["大锅", 5, 6, "人"],
    ]);
    expect(describedSizes("中号4-6钱/只，大号6-8钱/只，虾王8钱以上", ["中号", "大号", "虾王"]).map((d) => [d.size, d.lo, d.hi])).toEqual([
      ["中号", 4, 6], ["大号", 6, 8], ["虾王", 8, Infinity],
    ]);
    // (a letter size is read as a word, not inside one; a size inside a longer one is that one's)
    expect(describedSizes("头围 S 55-56cm，M 57-58cm，适合 small heads", ["S", "M"]).map((d) => [d.size, d.lo, d.hi, d.unit])).toEqual([["S", 55, 56, "cm"], ["M", 57, 58, "cm"]]);
  });
  it("gives nothing for prices, one size alone, or no description", () => {
    expect(describedSizes("小份18元，大份25元", ["小份", "大份"])).toEqual([]);
    expect(describedSizes("小锅2人", ["小锅", "大锅"])).toEqual([]);
    expect(describedSizes(null, ["小锅", "大锅"])).toEqual([]);
  });
  it("finds the one size whose amount holds what is said, in any of the unit's spellings", () => {
    const pots = describedSizes("小锅2人，中锅3-4人，大锅5-6人", ["小锅", "中锅", "大锅"]);
    expect(describedSize("4个人吃", pots)?.size).toBe("中锅");
    expect(describedSize("我们五位", pots)?.size).toBe("大锅");
    expect(describedSize("10个人", pots)).toBeNull();
    const grades = describedSizes("中号4-6钱/只，大号6-8钱/只，虾王8钱以上", ["中号", "大号", "虾王"]);
    expect(describedSize("要6-8钱的", grades)?.size).toBe("大号");
    // (on the bound of two it names neither)
    expect(describedSize("8钱的", grades)).toBeNull();
    // (a body measure in cm may be said without its unit)
    const helmets = describedSizes("按头围选：S 55-56cm，M 57-58cm", ["S", "M"]);
    expect(describedSize("我头围58", helmets)?.size).toBe("M");
    expect(describedSize("头围57的", helmets)?.size).toBe("M");
  });
  it("in a message: the pot for four, and the four are not four pots", () => {
    const shop = rulesFromCatalog({
      brands: [{ id: "a", name: "阿螺记" }],
      products: [{ id: "pot", brandId: "a", name: "螺蛳鸭脚煲", aliases: ["鸭脚煲"], sizes: ["小锅", "中锅", "大锅"], description: "小锅2人，中锅3-4人，大锅5-6人" }],
    });
    expect(itemLines(shop, "螺蛳鸭脚煲 4个人吃 今晚7点")).toEqual(["pot×1/中锅"]);
    expect(shop.parseSync("鸭脚煲大锅两个", defaultCorpusContext()).items).toEqual([{ productId: "pot", quantity: 2, size: "大锅" }]);
  });
});
