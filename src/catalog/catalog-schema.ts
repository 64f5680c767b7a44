// The catalog file format (docs/catalog-format.md), validated row by row with zod.
import { z } from "zod";
import { IMPORT_ROWS, MINUTES, TEXT } from "../domain/limits.ts";

const id = z.string().trim().min(1, "must not be empty").max(TEXT.id, `is longer than ${TEXT.id} characters`);
const text = (max: number) => z.string().max(max, `is longer than ${max} characters`);
const name = text(TEXT.name).trim().min(1, "must not be empty");
const stringList = (each: number, count: number) =>
  z.array(text(each).trim().min(1)).max(count, `has more than ${count} entries`).default([]);
const HH_MM = "(?:[01]\\d|2[0-3]):[0-5]\\d|24:00";
const openHoursPattern = new RegExp(`^\\s*(?:${HH_MM})-(?:${HH_MM})\\s*(?:,\\s*(?:${HH_MM})-(?:${HH_MM})\\s*)*$`);

const wholeMinutes = (min: number, max: number) =>
  z.number().int("must be a whole number of minutes").min(min, `must be at least ${min}`).max(max, `must be at most ${max}`);
/** the delivery promise ("within 15 minutes"): delivery is offered only from stores whose estimate keeps it */
const deliveryPromiseMinutes = wholeMinutes(1, MINUTES.deliveryPromiseMax).optional();
/** minutes to make an order, before the ride (absent: the estimate's default) */
const prepMinutes = wholeMinutes(0, MINUTES.prepMax).optional();

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export const SERVICES = ["delivery", "pickup", "appointment", "ship"] as const;

export const brandRow = z.object({
  id,
  name,
  aliases: stringList(TEXT.alias, TEXT.aliasesPerRow),
  timezone: text(64).refine(isTimeZone, "is not a known IANA time zone").default("Asia/Shanghai"),
  deliveryPromiseMinutes,
  prepMinutes,
});

export const storeRow = z
  .object({
    id,
    brandId: id,
    name,
    lat: z.number().min(-90, "must be between -90 and 90").max(90, "must be between -90 and 90"),
    lng: z.number().min(-180, "must be between -180 and 180").max(180, "must be between -180 and 180"),
    address: text(TEXT.address).default(""),
    openHours: text(200).regex(openHoursPattern, 'must look like "07:00-22:00" (several ranges separated by commas)').default("00:00-24:00"),
    timezone: text(64).refine(isTimeZone, "is not a known IANA time zone").default("Asia/Shanghai"),
    services: z.array(z.enum(SERVICES)).default([]),
    deliveryRadiusMeters: z.number().int("must be a whole number").min(0, "must not be negative").default(0),
    flagship: z.boolean().default(false),
    phone: text(TEXT.phone).optional(),
    /** delivery tracking: the courier counts as arrived within this many metres of the customer (absent: STORE_DEFAULTS) */
    arrivalMeters: z.number().int("must be a whole number").min(0, "must not be negative").max(5000, "must be at most 5000").optional(),
    /** arrival completes the order by itself (else the courier confirms with one tap) */
    autoCompleteOnArrival: z.boolean().optional(),
    /** the store's own promise and preparation time win over its brand's */
    deliveryPromiseMinutes,
    prepMinutes,
  })
  // A flagship ships nationwide (docs/catalog-format.md): make that explicit in its services.
  .transform((s) => (s.flagship && !s.services.includes("ship") ? { ...s, services: [...s.services, "ship" as const] } : s));

export const productRow = z.object({
  id,
  brandId: id,
  name,
  aliases: stringList(TEXT.alias, TEXT.aliasesPerRow),
  priceCents: z.number().int("must be whole cents").min(0, "must not be negative"),
  currency: z.string().regex(/^[A-Z]{3}$/, "must be a 3-letter ISO code like CNY").default("CNY"),
  sizes: stringList(TEXT.size, TEXT.sizesPerRow),
  tags: stringList(TEXT.tag, TEXT.tagsPerRow),
  photoUrl: text(TEXT.url).url().optional(),
  description: text(TEXT.description).optional(),
});

export const inventoryRow = z.object({
  storeId: id,
  productId: id,
  size: text(TEXT.size).trim().default(""),
  quantity: z.number().int("must be a whole number").min(0, "must not be negative"),
});

const instant = z
  .string()
  .refine((s) => /^\d{4}-\d{2}-\d{2}T/.test(s) && !Number.isNaN(Date.parse(s)), "must be an ISO 8601 date-time like 2026-01-01T00:00:00+08:00")
  .transform((s) => new Date(s));

export const couponRow = z
  .object({
    code: z.string().trim().regex(/^[A-Za-z0-9_-]{2,40}$/, "must be 2-40 letters, digits, - or _").transform((c) => c.toUpperCase()),
    brandId: id,
    title: text(TEXT.couponTitle).optional(),
    kind: z.enum(["percent", "amount"]),
    value: z.number().int("must be a whole number").positive("must be positive"),
    minSpendCents: z.number().int().min(0, "must not be negative").default(0),
    channels: z.array(z.enum(["online", "offline"])).min(1, "needs at least one channel").default(["online", "offline"]),
    validFrom: instant,
    validTo: instant,
    maxRedemptions: z.number().int().positive("must be positive").nullable().optional(),
    perMemberLimit: z.number().int().positive("must be positive").default(1),
    storeIds: z.array(id).max(IMPORT_ROWS.stores, `has more than ${IMPORT_ROWS.stores} entries`).default([]),
  })
  .refine((c) => c.kind !== "percent" || c.value <= 100, { message: "a percent coupon's value is the percent paid, 1-100", path: ["value"] })
  .refine((c) => c.validFrom < c.validTo, { message: "must be after validFrom", path: ["validTo"] });

const workingHoursRow = z.object({
  weekday: z.number().int().min(1).max(7),
  start: z.string().regex(/^\d{2}:\d{2}$/),
  end: z.string().regex(/^\d{2}:\d{2}$/),
});

export const staffRow = z.object({
  id,
  storeId: id,
  name,
  role: text(TEXT.role).trim().min(1).default("staff"),
  workingHours: z.array(workingHoursRow).max(50, "has more than 50 entries").default([]),
});

/**
 * A staff role and the words customers use for it: titles, synonyms and the services it does, per language
 * ({"role":"optometrist","labels":{"zh":["验光师","验光"],"en":["optometrist","eye test"]}}). Absent labels are
 * inferred from the role id and from staff names that end in a title (see src/nlu/lexicon.ts).
 */
export const roleRow = z.object({
  role: id,
  labels: z.object({ zh: stringList(TEXT.alias, TEXT.aliasesPerRow), en: stringList(TEXT.alias, TEXT.aliasesPerRow) }).partial().default({}),
});

export const KINDS = ["brands", "stores", "products", "inventory", "coupons", "staff", "roles"] as const;
export type Kind = (typeof KINDS)[number];

export const rowSchemas = {
  brands: brandRow,
  stores: storeRow,
  products: productRow,
  inventory: inventoryRow,
  coupons: couponRow,
  staff: staffRow,
  roles: roleRow,
} as const;

export type BrandRow = z.infer<typeof brandRow>;
export type StoreRow = z.infer<typeof storeRow>;
export type ProductRow = z.infer<typeof productRow>;
export type InventoryRow = z.infer<typeof inventoryRow>;
export type CouponRow = z.infer<typeof couponRow>;
export type StaffRow = z.infer<typeof staffRow>;
export type RoleRow = z.infer<typeof roleRow>;

export interface Catalog {
  brands: BrandRow[];
  stores: StoreRow[];
  products: ProductRow[];
  inventory: InventoryRow[];
  coupons: CouponRow[];
  staff: StaffRow[];
  roles: RoleRow[];
}

export function emptyCatalog(): Catalog {
  return { brands: [], stores: [], products: [], inventory: [], coupons: [], staff: [], roles: [] };
}
