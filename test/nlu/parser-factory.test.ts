// A catalog the rules parser cannot read must not leave the merchant's bot unable to answer.
import { describe, expect, it } from "vitest";
import { safeRulesParser } from "../../src/nlu/parser-factory.ts";
import { Lexicon } from "../../src/nlu/lexicon.ts";
import { defaultCorpusContext } from "../../src/nlu/eval.ts";
import type { CatalogSnapshot } from "../../src/nlu/intent.ts";

describe("building the rules parser", () => {
  const snapshot = {
    brands: [{ id: "t", name: "茶语", aliases: [] }],
    // (a size that is no text: a catalog read from a damaged row)
    products: [{ id: "tea", brandId: "t", name: "乌龙奶茶", aliases: [], sizes: ["中杯", null], tags: [] }],
    coupons: [],
  } as unknown as CatalogSnapshot;

  it("a catalog it chokes on is read without sizes, and the operator is told", () => {
    const logged: string[] = [];
    const parser = safeRulesParser(snapshot, new Lexicon({ ...snapshot, products: [] }), (msg) => logged.push(msg));
    const result = parser.parseSync("来两杯乌龙奶茶", defaultCorpusContext());
    expect(result).toMatchObject({ intent: "order", items: [{ productId: "tea", quantity: 2, size: null }] });
    expect(logged).toEqual(["rules parser could not read the catalog; parsing without sizes"]);
  });

  it("a sound catalog is read whole, and nothing is logged", () => {
    const logged: string[] = [];
    const sound = { ...snapshot, products: [{ ...snapshot.products[0], sizes: ["中杯", "大杯"] }] };
    const parser = safeRulesParser(sound, new Lexicon(sound), (msg) => logged.push(msg));
    expect(parser.parseSync("来两杯大杯乌龙奶茶", defaultCorpusContext()).items).toEqual([{ productId: "tea", quantity: 2, size: "大杯" }]);
    expect(logged).toEqual([]);
  });
});
