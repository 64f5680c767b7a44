// The rows of a new quote, written in plain SQL: the member's previous open quote is cancelled (one open quote per
// member) with its location consent, then the order, its lines, its first status change and the location consent
// for it. This runs on most chat turns that order something, where Prisma's query compiler cost several times the
// statements themselves.
import { newId } from "../../db/ids.ts";
import { execute, executeAsyncCommit, providerOfTarget, query, type Params, type SqlTarget } from "../../db/sql.ts";
import { QUOTE } from "../../domain/orders/order-state.ts";

export interface QuoteRows {
  memberId: string;
  brandId: string;
  botId?: string | null;
  storeId: string;
  creditedStoreId: string;
  campaignId: string | null;
  source: string | null;
  fulfillment: string;
  subtotalCents: number;
  discountCents: number;
  totalCents: number;
  currency: string;
  couponCode: string | null;
  expiresAt: Date;
  at: Date;
  location: { lat: number; lng: number };
  items: { productId: string; name: string; size: string; quantity: number; unitPriceCents: number }[];
}

/**
 * On PostgreSQL the rows go in one statement (data-modifying CTEs: atomic on its own, one round trip instead of
 * six, so it needs no transaction around it); on SQLite, where a statement costs no round trip, one statement each
 * inside the caller's transaction.
 */
export async function writeQuoteRows(on: SqlTarget, q: QuoteRows): Promise<{ id: string }> {
  const now = new Date();
  const id = newId();
  const order = (p: Params) => `INSERT INTO "Order" ("id", "memberId", "brandId", "botId", "storeId", "creditedStoreId", "campaignId", "source", "status",
      "fulfillment", "subtotalCents", "discountCents", "totalCents", "currency", "couponCode", "expiresAt", "createdAt", "updatedAt")
    VALUES (${p.v(id)}, ${p.v(q.memberId)}, ${p.v(q.brandId)}, ${p.v(q.botId ?? null)}, ${p.v(q.storeId)}, ${p.v(q.creditedStoreId)}, ${p.v(q.campaignId)}, ${p.v(q.source)}, ${p.v(QUOTE)},
      ${p.v(q.fulfillment)}, ${p.v(q.subtotalCents)}, ${p.v(q.discountCents)}, ${p.v(q.totalCents)}, ${p.v(q.currency)}, ${p.v(q.couponCode)}, ${p.ts(q.expiresAt)}, ${p.ts(now)}, ${p.ts(now)})`;
  const items = (p: Params) => `INSERT INTO "OrderItem" ("id", "orderId", "productId", "name", "size", "quantity", "unitPriceCents") VALUES
    ${q.items.map((i) => `(${p.v(newId())}, ${p.v(id)}, ${p.v(i.productId)}, ${p.v(i.name)}, ${p.v(i.size)}, ${p.v(i.quantity)}, ${p.v(i.unitPriceCents)})`).join(", ")}`;
  const firstChange = (p: Params) => `INSERT INTO "OrderStatusChange" ("id", "orderId", "from", "to", "actor", "at") VALUES (${p.v(newId())}, ${p.v(id)}, NULL, ${p.v(QUOTE)}, 'member', ${p.ts(now)})`;
  const consent = (p: Params) => `INSERT INTO "Consent" ("id", "memberId", "purpose", "orderId", "lat", "lng", "grantedAt") VALUES
    (${p.v(newId())}, ${p.v(q.memberId)}, 'location', ${p.v(id)}, ${p.v(q.location.lat)}, ${p.v(q.location.lng)}, ${p.ts(q.at)})`;
  const cancelStale = (p: Params) => `UPDATE "Order" SET "status" = 'cancelled', "updatedAt" = ${p.ts(now)} WHERE "memberId" = ${p.v(q.memberId)} AND "status" = ${p.v(QUOTE)} RETURNING "id"`;

  if (providerOfTarget(on) === "postgresql") {
    // every part sees the snapshot from before the statement: the new order is not among the stale ones, and the
    // foreign keys of its lines are checked at the end of the statement, once the order is in. Committed
    // asynchronously (sql.ts executeAsyncCommit): a quote holds no stock and no money, and confirming it commits
    // synchronously, which makes the quote durable too
    await executeAsyncCommit(on, (p) => `WITH stale AS (${cancelStale(p)}),
      stale_consent AS (DELETE FROM "Consent" WHERE "purpose" = 'location' AND "orderId" IN (SELECT "id" FROM stale)),
      new_order AS (${order(p)}),
      new_items AS (${items(p)}),
      new_change AS (${firstChange(p)})
      ${consent(p)}`);
    return { id };
  }
  const stale = await query<{ id: string }>(on, cancelStale);
  if (stale.length) await execute(on, (p) => `DELETE FROM "Consent" WHERE "purpose" = 'location' AND "orderId" IN ${p.list(stale.map((s) => s.id))}`);
  await execute(on, order);
  await execute(on, items);
  await execute(on, firstChange);
  await execute(on, consent);
  return { id };
}
