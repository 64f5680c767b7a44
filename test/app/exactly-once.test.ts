// Things that must happen once, under concurrency and retries (README.md "What happens once, and how").
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importCatalogFile } from "../../src/app/import-catalog.ts";
import { claimCoupon, redeemAtTill } from "../../src/app/coupons/coupon-use-cases.ts";
import { resolveMember } from "../../src/app/members.ts";
import { confirmOrder } from "../../src/app/ordering/order-lifecycle.ts";
import { quoteOrder } from "../../src/app/ordering/quote-order.ts";
import { DATABASES, freshDb, type TestDb } from "../support/databases.ts";
import { tempFile } from "../support/catalog.ts";
import { NOON } from "../support/engine.ts";

const catalog = {
  brands: [{ id: "cafe", name: "Cafe" }],
  stores: [{ id: "cafe-1", brandId: "cafe", name: "Cafe 1", lat: 23.13, lng: 113.32, services: ["pickup", "delivery"], deliveryRadiusMeters: 5000 }],
  products: [{ id: "bean", brandId: "cafe", name: "Beans", priceCents: 5000 }],
  inventory: [{ storeId: "cafe-1", productId: "bean", quantity: 10 }],
  coupons: [
    { code: "ONCE", brandId: "cafe", kind: "amount", value: 100, validFrom: "2026-01-01T00:00:00+08:00", validTo: "2027-01-01T00:00:00+08:00", maxRedemptions: 1, perMemberLimit: 1 },
    { code: "MINE", brandId: "cafe", kind: "amount", value: 100, validFrom: "2026-01-01T00:00:00+08:00", validTo: "2027-01-01T00:00:00+08:00", perMemberLimit: 1 },
  ],
};

describe.each(DATABASES)("exactly once on %s", (kind) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await freshDb(kind);
    const r = await importCatalogFile(db, tempFile("c.json", JSON.stringify(catalog)));
    expect(r.ok).toBe(true);
  });
  afterAll(async () => db.drop());

  it("100 concurrent till redemptions of one member's single-use coupon: exactly 1 succeeds", async () => {
    const m = await resolveMember(db, { channel: "local", externalId: "till-1" });
    expect((await claimCoupon(db, { memberId: m.id, code: "MINE", botBrandIds: null, at: NOON })).ok).toBe(true);
    const results = await Promise.all(Array.from({ length: 100 }, () => redeemAtTill(db, { storeId: "cafe-1", code: "MINE", memberRef: "till-1", amountCents: 5000, at: NOON })));
    expect(results.filter((r) => r.ok).length).toBe(1);
    expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.error.code === "COUPON_ALREADY_REDEEMED")).toBe(true);
    expect(await db.prisma.redemption.count({ where: { couponCode: "MINE" } })).toBe(1);
  });

  it("a coupon with 1 total redemption, claimed by 20 members who all redeem at once: exactly 1 succeeds", async () => {
    const members = await Promise.all(Array.from({ length: 20 }, (_, i) => resolveMember(db, { channel: "local", externalId: `many-${i}` })));
    for (const m of members) expect((await claimCoupon(db, { memberId: m.id, code: "ONCE", botBrandIds: null, at: NOON })).ok).toBe(true);
    const results = await Promise.all(members.map((_, i) => redeemAtTill(db, { storeId: "cafe-1", code: "ONCE", memberRef: `many-${i}`, at: NOON })));
    expect(results.filter((r) => r.ok).length).toBe(1);
    expect((await db.prisma.coupon.findUniqueOrThrow({ where: { code: "ONCE" } })).redeemedCount).toBe(1);
  });

  it("100 concurrent orders for 10 units of stock: exactly 10 succeed, stock ends at 0", async () => {
    const quotes = [];
    for (let i = 0; i < 100; i++) {
      const m = await resolveMember(db, { channel: "local", externalId: `buyer-${i}` });
      const q = await quoteOrder(db, { memberId: m.id, botId: "marketplace", botBrandIds: null, items: [{ productId: "bean", quantity: 1, size: null }], fulfillment: "pickup", location: { lat: 23.13, lng: 113.32 }, at: NOON });
      if (!q.ok) throw new Error(JSON.stringify(q.error));
      quotes.push({ memberId: m.id, orderId: q.value.orderId });
    }
    const signer = { publicUrl: "http://x", secret: "s" };
    const results = await Promise.all(quotes.map((q) => confirmOrder(db, { ...q, at: NOON, signer })));
    expect(results.filter((r) => r.ok).length).toBe(10);
    expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.error.code === "OUT_OF_STOCK")).toBe(true);
    expect((await db.prisma.inventory.findFirstOrThrow({ where: { storeId: "cafe-1", productId: "bean" } })).quantity).toBe(0);
    expect(await db.prisma.order.count({ where: { status: "pending_payment" } })).toBe(10);
  });
});
