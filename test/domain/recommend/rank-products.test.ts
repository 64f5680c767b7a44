import { describe, expect, it } from "vitest";
import { rankProducts, type Candidate, type Purchase } from "../../../src/domain/recommend/rank-products.ts";

const c = (id: string, tags: string[], over: Partial<Candidate> = {}): Candidate => ({ id, name: id, priceCents: 100_000, tags, sizes: [], stock: 5, sold: 0, ...over });
const sofaEu: Purchase = { productId: "sofa-eu", name: "欧式沙发", tags: ["sofa", "style:欧式"], size: "三人位", unitPriceCents: 899_900 };

describe("rankProducts", () => {
  it.each([
    ["a shared style beats a shared category", [sofaEu], [c("bed-nordic", ["bed", "style:北欧"]), c("wardrobe-eu", ["wardrobe", "style:欧式"]), c("sofa-nordic", ["sofa", "style:北欧"])], "wardrobe-eu", "style"],
    ["a shared category when no style matches", [sofaEu], [c("bed-nordic", ["bed", "style:北欧"]), c("sofa-nordic", ["sofa", "style:北欧"])], "sofa-nordic", "category"],
    ["cold start: best seller", [], [c("a", ["x"], { sold: 3 }), c("b", ["y"], { sold: 40 })], "b", "best_seller"],
    ["out of stock is never recommended", [sofaEu], [c("wardrobe-eu", ["style:欧式"], { stock: 0 }), c("bed", ["bed"])], "bed", "best_seller"],
  ])("%s", (_n, history, candidates, first, reason) => {
    const [top] = rankProducts(candidates, history);
    expect(top.productId).toBe(first);
    expect(top.reason).toBe(reason);
  });

  it("never recommends what the member already bought, and names the purchase it leans on", () => {
    const ranked = rankProducts([c("sofa-eu", ["sofa", "style:欧式"]), c("wardrobe-eu", ["wardrobe", "style:欧式"])], [sofaEu]);
    expect(ranked.map((r) => r.productId)).toEqual(["wardrobe-eu"]);
    expect(ranked[0].because?.name).toBe("欧式沙发");
  });

  it("a stated style preference counts without history", () => {
    const [top] = rankProducts([c("a", ["style:北欧"]), c("b", ["style:欧式"])], [], ["欧式"]);
    expect(top.productId).toBe("b");
  });
});
