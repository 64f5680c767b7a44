// Use cases of the console's Coupons page: a brand's coupons with claim and redemption counts, and a new coupon,
// validated by the catalog's own coupon schema (percent 1-100, end after start…) and written by the catalog import,
// so a coupon made in the browser is exactly one a catalog file could have made.
import type { Db } from "../../db/database.ts";
import { couponRow, emptyCatalog, type Catalog } from "../../catalog/catalog-schema.ts";
import { importCatalog } from "../import-catalog.ts";
import { failWith, okValue, type AppResult } from "../app-result.ts";

export interface CouponOut {
  code: string;
  brandId: string;
  title: string | null;
  kind: string;
  value: number;
  minSpendCents: number;
  channels: string[];
  validFrom: string;
  validTo: string;
  maxRedemptions: number | null;
  perMemberLimit: number;
  storeIds: string[];
  claimed: number;
  redeemed: number;
  /** paused by the merchant: no new claims */
  paused: boolean;
}

const out = (c: Awaited<ReturnType<Db["prisma"]["coupon"]["findMany"]>>[number]): CouponOut => ({
  code: c.code, brandId: c.brandId, title: c.title, kind: c.kind, value: c.value, minSpendCents: c.minSpendCents, channels: c.channels as string[],
  validFrom: c.validFrom.toISOString(), validTo: c.validTo.toISOString(), maxRedemptions: c.maxRedemptions, perMemberLimit: c.perMemberLimit,
  storeIds: c.storeIds as string[], claimed: c.claimedCount, redeemed: c.redeemedCount, paused: c.pausedAt !== null,
});

export async function listCoupons(db: Db, brandId: string): Promise<CouponOut[]> {
  return (await db.prisma.coupon.findMany({ where: { brandId }, orderBy: { code: "asc" } })).map(out);
}

/** Use case: a merchant creates a coupon; an existing code is refused (the catalog import would overwrite it). */
export async function createCoupon(db: Db, raw: unknown): Promise<AppResult<CouponOut>> {
  const parsed = couponRow.safeParse(raw);
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    return failWith("INVALID_INPUT", `${i.path.join(".") || "coupon"}: ${i.message}`, { field: i.path.join(".") });
  }
  const row = parsed.data;
  if (await db.prisma.coupon.findUnique({ where: { code: row.code } })) return failWith("CONFLICT", `a coupon ${row.code} exists already; pick another code`, { field: "code" });
  const stores = await db.prisma.store.findMany({ where: { id: { in: row.storeIds } }, select: { id: true, brandId: true } });
  const foreign = row.storeIds.find((id) => !stores.some((s) => s.id === id && s.brandId === row.brandId));
  if (foreign) return failWith("INVALID_INPUT", `store "${foreign}" is not a store of brand ${row.brandId}`, { field: "storeIds" });
  const catalog: Catalog = { ...emptyCatalog(), coupons: [row] };
  const where = { brands: [], stores: [], products: [], inventory: [], coupons: ["coupon"], staff: [], roles: [] };
  const r = await importCatalog(db, catalog, where);
  if (!r.ok) return failWith("INVALID_INPUT", r.errors[0]);
  return okValue(out(await db.prisma.coupon.findUniqueOrThrow({ where: { code: row.code } })));
}

/** Use case: pause a coupon (no new claims; claimed ones stay usable) or resume it. */
export async function pauseCoupon(db: Db, input: { code: string; paused: boolean; at: Date }): Promise<AppResult<CouponOut>> {
  const code = input.code.trim().toUpperCase();
  const { count } = await db.prisma.coupon.updateMany({ where: { code }, data: { pausedAt: input.paused ? input.at : null } });
  if (count !== 1) return failWith("NOT_FOUND", `no coupon ${code}`);
  return okValue(out(await db.prisma.coupon.findUniqueOrThrow({ where: { code } })));
}
