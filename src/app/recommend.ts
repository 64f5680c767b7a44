// Use case: recommend a brand's products to a member from their purchases and stated styles (deterministic ranking).
import type { Db } from "../db/database.ts";
import { QUOTE } from "../domain/orders/order-state.ts";
import { rankProducts, type Candidate, type Purchase, type Ranked } from "../domain/recommend/rank-products.ts";
import { loadCatalogView, type ProductInfo } from "./catalog-view.ts";

export interface Recommendation extends Ranked {
  product: ProductInfo;
}

export async function recommendFor(db: Db, input: { memberId: string; brandIds: string[] | null; storeId?: string | null; limit?: number }): Promise<Recommendation[]> {
  const view = await loadCatalogView(db);
  const products = [...view.products.values()].filter((p) => !input.brandIds || input.brandIds.includes(p.brandId));
  const ids = products.map((p) => p.id);
  const [items, stockRows, sold, tags] = await Promise.all([
    db.prisma.orderItem.findMany({ where: { order: { memberId: input.memberId, status: { in: ["paid", "accepted", "ready", "out_for_delivery", "shipped", "completed"] } } }, orderBy: { id: "desc" }, take: 50 }),
    db.prisma.inventory.groupBy({ by: ["productId"], where: { productId: { in: ids }, ...(input.storeId ? { storeId: input.storeId } : {}) }, _sum: { quantity: true } }),
    db.prisma.orderItem.groupBy({ by: ["productId"], where: { productId: { in: ids }, order: { status: { notIn: [QUOTE, "cancelled"] } } }, _sum: { quantity: true } }),
    db.prisma.memberTag.findMany({ where: { memberId: input.memberId, tag: { startsWith: "style:" } } }),
  ]);
  const stock = new Map(stockRows.map((r) => [r.productId, r._sum.quantity ?? 0]));
  const soldBy = new Map(sold.map((r) => [r.productId, r._sum.quantity ?? 0]));
  const history: Purchase[] = items.map((i) => ({ productId: i.productId, name: i.name, tags: view.products.get(i.productId)?.tags ?? [], size: i.size, unitPriceCents: i.unitPriceCents }));
  const candidates: Candidate[] = products.map((p) => ({ id: p.id, name: p.name, priceCents: p.priceCents, tags: p.tags, sizes: p.sizes, stock: stock.get(p.id) ?? 0, sold: soldBy.get(p.id) ?? 0 }));
  return rankProducts(candidates, history, tags.map((t) => t.tag.replace(/^style:/, "")))
    .slice(0, input.limit ?? 3)
    .map((r) => ({ ...r, product: view.products.get(r.productId)! }));
}
