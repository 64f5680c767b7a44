// How `o2o nlu eval` scores a line: what a user would notice, not the spelling of a label.
import { describe, expect, it } from "vitest";
import { evaluate, parseCorpus } from "../../src/nlu/eval.ts";
import { emptyResult, type CatalogSnapshot, type IntentParser, type ParseResult } from "../../src/nlu/intent.ts";

const catalog: CatalogSnapshot = {
  brands: [{ id: "venue", name: "球馆", aliases: [] }, { id: "shop", name: "球店", aliases: [] }],
  products: [],
  coupons: [],
  staff: [
    { name: "王教练", role: "coach", brandId: "venue" },
    { name: "李师傅", role: "stringer", brandId: "venue" },
    { name: "赵师傅", role: "stringer", brandId: "shop" },
  ],
};
/** answers every line the same way */
const answering = (r: Partial<ParseResult>): IntentParser => ({ parse: async () => ({ ...emptyResult("book_appointment", 1), ...r }) });
const line = (expect: object) => parseCorpus(JSON.stringify({ text: "x", expect: { ...emptyResult("book_appointment"), ...expect } }));

describe("nlu eval: a booking's brand", () => {
  it("naming the one brand a role works for, or not naming it, books the same stores: both count right", async () => {
    const named = await evaluate(answering({ role: "coach", brandId: null }), line({ role: "coach", brandId: "venue" }), catalog);
    expect(named.all.entityAccuracy.brandId).toBe(1);
    const unnamed = await evaluate(answering({ role: "coach", brandId: "venue" }), line({ role: "coach", brandId: null }), catalog);
    expect(unnamed.all.entityAccuracy.brandId).toBe(1);
  });
  it("a role two brands staff needs the brand said", async () => {
    const r = await evaluate(answering({ role: "stringer", brandId: null }), line({ role: "stringer", brandId: "shop" }), catalog);
    expect(r.all.entityAccuracy.brandId).toBe(0);
  });
  it("a wrong brand is wrong, and without the catalog the labels compare as written", async () => {
    expect((await evaluate(answering({ role: "coach", brandId: "shop" }), line({ role: "coach", brandId: null }), catalog)).all.entityAccuracy.brandId).toBe(0);
    expect((await evaluate(answering({ role: "coach", brandId: null }), line({ role: "coach", brandId: "venue" }))).all.entityAccuracy.brandId).toBe(0);
  });
});
