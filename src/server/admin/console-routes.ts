// Admin API for the merchant console's pages: the order board and its moves, per-store stock (conditional edits and a
// CSV upload through the catalog import), coupons, the campaign composer's live preview, staff invites and store QR
// codes. Each route calls the use case the chat or the CLI calls; refusals come back as 4xx with that use case's code.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { z } from "zod";
import type { Db } from "../../db/database.ts";
import { loadBots } from "../../bot-config.ts";
import { previewCampaign } from "../../app/campaigns/create-campaign.ts";
import { createCoupon, listCoupons, pauseCoupon } from "../../app/coupons/manage-coupons.ts";
import { importCatalog } from "../../app/import-catalog.ts";
import { brandOrderBoard } from "../../app/ordering/order-board.ts";
import { moveOrder } from "../../app/ordering/order-lifecycle.ts";
import { setStock } from "../../app/ordering/set-stock.ts";
import { createStaffInvite, STAFF_ROLES } from "../../app/staff.ts";
import { readCatalogFile } from "../../catalog/read-catalog-file.ts";
import { CONFIRMED_STATUSES } from "../../domain/orders/order-state.ts";
import type { AppError } from "../../app/app-result.ts";
import { AdminError, adminRoute } from "./admin-api.ts";
import { campaignBody } from "./campaign-routes.ts";

const brandParams = z.object({ brandId: z.string().min(1) });
const storeParams = z.object({ storeId: z.string().min(1) });
const idParams = z.object({ id: z.string().min(1) });

/** A use-case refusal as the API's error: 404 for unknown things, 409 for conflicts, else 400. */
function refuse(e: AppError): never {
  const status = e.code === "NOT_FOUND" ? 404 : e.code === "CONFLICT" ? 409 : e.code === "NOT_ALLOWED" ? 403 : 400;
  throw new AdminError(status, e.code, e.message ?? e.code);
}

const boardOrder = z.object({
  orderId: z.string(), status: z.string(), storeId: z.string(), storeName: z.string(), fulfillment: z.string(), totalCents: z.number().int(), currency: z.string(),
  couponCode: z.string().nullable(), items: z.array(z.object({ name: z.string(), size: z.string(), quantity: z.number().int() })), createdAt: z.string(), updatedAt: z.string(),
});
const stockLine = z.object({ storeId: z.string(), productId: z.string(), productName: z.string(), size: z.string(), quantity: z.number().int(), priceCents: z.number().int(), currency: z.string() });
const stockBody = z.object({
  productId: z.string().min(1), size: z.string().max(40).default(""),
  quantity: z.number().int("must be a whole number").min(0, "stock must not be negative").max(10_000_000),
  expected: z.number().int().min(0).describe("the quantity the editor saw: the write only happens if it is still that (else 409)"),
});
const couponOut = z.object({
  code: z.string(), brandId: z.string(), title: z.string().nullable(), kind: z.string(), value: z.number().int(), minSpendCents: z.number().int(), channels: z.array(z.string()),
  validFrom: z.string(), validTo: z.string(), maxRedemptions: z.number().int().nullable(), perMemberLimit: z.number().int(), storeIds: z.array(z.string()), claimed: z.number().int(), redeemed: z.number().int(),
  paused: z.boolean(),
});
const couponBody = z.object({
  code: z.string(), title: z.string().optional(), kind: z.enum(["percent", "amount"]), value: z.number(), minSpendCents: z.number().optional(),
  channels: z.array(z.enum(["online", "offline"])).optional(), validFrom: z.string(), validTo: z.string(), maxRedemptions: z.number().nullable().optional(),
  perMemberLimit: z.number().optional(), storeIds: z.array(z.string()).optional(),
});

/** The t.me deep link of a store's QR code, through the brand's own bot when it has one (else the marketplace bot). */
async function storeLink(db: Db, store: { id: string; brandId: string }) {
  const bots = loadBots();
  const bot = bots.find((b) => b.brands !== "*" && b.brands.includes(store.brandId)) ?? bots.find((b) => b.brands === "*") ?? bots[0];
  const username = (await db.prisma.botAccount.findUnique({ where: { id: bot.id } }))?.username ?? null;
  // before the bot first started its username is unknown: the bot id stands in, and the page says so
  return { botId: bot.id, usernameKnown: !!username, link: `https://t.me/${username ?? bot.id}?start=store-${store.id}` };
}

export function consoleRoutes(db: Db, clock: () => Date) {
  const storeOf = async (storeId: string) => db.prisma.store.findUnique({ where: { id: storeId } });
  const brandOfStore = async ({ params }: { params: { storeId: string } }) => (await storeOf(params.storeId))?.brandId ?? null;
  const brandOfOrder = async ({ params }: { params: { id: string } }) => (await db.prisma.order.findUnique({ where: { id: params.id }, select: { brandId: true } }))?.brandId ?? null;
  async function brandOrThrow(brandId: string) {
    const b = await db.prisma.brand.findUnique({ where: { id: brandId } });
    if (!b) throw new AdminError(404, "NOT_FOUND", `no brand ${brandId}`);
    return b;
  }
  async function stockOf(brandId: string, storeId?: string) {
    const stores = await db.prisma.store.findMany({ where: { brandId, ...(storeId ? { id: storeId } : {}) }, orderBy: { id: "asc" } });
    const products = await db.prisma.product.findMany({ where: { brandId }, orderBy: { id: "asc" } });
    const rows = await db.prisma.inventory.findMany({ where: { storeId: { in: stores.map((s) => s.id) } } });
    const have = new Map(rows.map((r) => [`${r.storeId}|${r.productId}|${r.size}`, r.quantity]));
    return stores.flatMap((s) => products.flatMap((p) => {
      const sizes = (p.sizes as string[]).length ? (p.sizes as string[]) : [""];
      return sizes.map((size) => ({ storeId: s.id, productId: p.id, productName: p.name, size, quantity: have.get(`${s.id}|${p.id}|${size}`) ?? 0, priceCents: p.priceCents, currency: p.currency }));
    }));
  }

  return [
    adminRoute({
      method: "GET", path: "/brands/:brandId/orders", tag: "orders", summary: "The order board: every open order of the brand and the latest finished ones, newest first",
      params: brandParams, query: z.object({ storeId: z.string().min(1).optional() }), response: z.object({ items: z.array(boardOrder), statuses: z.array(z.string()) }),
      handler: async ({ params, query }) => {
        await brandOrThrow(params.brandId);
        return { items: await brandOrderBoard(db, { brandId: params.brandId, storeId: query.storeId }), statuses: [...CONFIRMED_STATUSES] };
      },
    }),
    adminRoute({
      method: "POST", path: "/orders/:id/move", tag: "orders", summary: "Move an order (accepted, ready, out_for_delivery, shipped, completed, cancelled) through the order state machine; the member is told",
      params: idParams, body: z.object({ to: z.enum(CONFIRMED_STATUSES) }), brandOf: brandOfOrder,
      response: z.object({ orderId: z.string(), from: z.string(), status: z.string() }),
      handler: async ({ params, body }) => {
        const r = await moveOrder(db, { orderId: params.id, to: body.to, actor: "admin:console", at: clock() });
        if (!r.ok) refuse(r.error);
        return { orderId: r.value.orderId, from: r.value.from, status: r.value.status };
      },
    }),
    adminRoute({
      method: "GET", path: "/brands/:brandId/products", tag: "stock", summary: "The brand's products with price, sizes, photo, aliases and tags (as imported)",
      params: brandParams,
      response: z.object({ items: z.array(z.object({ id: z.string(), name: z.string(), priceCents: z.number().int(), currency: z.string(), sizes: z.array(z.string()), aliases: z.array(z.string()), tags: z.array(z.string()), photoUrl: z.string().nullable() })) }),
      handler: async ({ params }) => {
        await brandOrThrow(params.brandId);
        const rows = await db.prisma.product.findMany({ where: { brandId: params.brandId }, orderBy: { id: "asc" } });
        return { items: rows.map((p) => ({ id: p.id, name: p.name, priceCents: p.priceCents, currency: p.currency, sizes: p.sizes as string[], aliases: p.aliases as string[], tags: p.tags as string[], photoUrl: p.photoUrl })) };
      },
    }),
    adminRoute({
      method: "GET", path: "/brands/:brandId/stock", tag: "stock", summary: "Stock of every product and size in the brand's stores (0 where no line exists yet)",
      params: brandParams, query: z.object({ storeId: z.string().min(1).optional() }), response: z.object({ items: z.array(stockLine) }),
      handler: async ({ params, query }) => {
        await brandOrThrow(params.brandId);
        return { items: await stockOf(params.brandId, query.storeId) };
      },
    }),
    adminRoute({
      method: "PUT", path: "/stores/:storeId/stock", tag: "stock",
      summary: "Set one line's stock, only if it is still `expected` (409 CONFLICT with the current quantity otherwise: two editors never silently overwrite each other)",
      params: storeParams, body: stockBody, brandOf: brandOfStore, response: z.object({ storeId: z.string(), productId: z.string(), size: z.string(), quantity: z.number().int() }),
      handler: async ({ params, body }) => {
        const r = await setStock(db, { storeId: params.storeId, ...body, at: clock() });
        if (!r.ok) refuse(r.error);
        return r.value;
      },
    }),
    adminRoute({
      method: "POST", path: "/brands/:brandId/stock/csv", tag: "stock",
      summary: "Upload stock as CSV (storeId,productId,size,quantity): the catalog import's checks, all rows or none",
      params: brandParams, body: z.object({ csv: z.string().min(1, "the file is empty").max(5_000_000, "the file is larger than 5 MB") }),
      response: z.object({ rows: z.number().int() }),
      handler: async ({ params, body }) => {
        await brandOrThrow(params.brandId);
        const dir = mkdtempSync(join(tmpdir(), "o2o-stock-"));
        try {
          const file = join(dir, "stock.csv");
          writeFileSync(file, body.csv);
          const read = readCatalogFile(file, { kind: "inventory" });
          if (read.errors.length) throw new AdminError(400, "INVALID_INPUT", read.errors.slice(0, 3).join("; "));
          const stores = new Set((await db.prisma.store.findMany({ where: { brandId: params.brandId }, select: { id: true } })).map((s) => s.id));
          const foreign = read.catalog.inventory.findIndex((r) => !stores.has(r.storeId));
          if (foreign >= 0) throw new AdminError(400, "INVALID_INPUT", `${read.where.inventory[foreign]}: store "${read.catalog.inventory[foreign].storeId}" is not a store of brand ${params.brandId}`);
          const r = await importCatalog(db, read.catalog, read.where, read, { at: clock() });
          if (!r.ok) throw new AdminError(400, "INVALID_INPUT", r.errors.slice(0, 3).join("; "));
          return { rows: read.catalog.inventory.length };
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      },
    }),
    adminRoute({
      method: "GET", path: "/brands/:brandId/coupons", tag: "coupons", summary: "The brand's coupons with claim and redemption counts",
      params: brandParams, response: z.object({ items: z.array(couponOut) }),
      handler: async ({ params }) => {
        await brandOrThrow(params.brandId);
        return { items: await listCoupons(db, params.brandId) };
      },
    }),
    adminRoute({
      method: "POST", path: "/brands/:brandId/coupons", tag: "coupons", status: 201,
      summary: "Create a coupon (the catalog's coupon rules: percent is the share paid, 1-100; validTo after validFrom; stores of the brand)",
      params: brandParams, body: couponBody, response: couponOut,
      handler: async ({ params, body }) => {
        await brandOrThrow(params.brandId);
        const r = await createCoupon(db, { ...body, brandId: params.brandId });
        if (!r.ok) refuse(r.error);
        return r.value;
      },
    }),
    adminRoute({
      method: "POST", path: "/coupons/:code/pause", tag: "coupons", summary: "Pause a coupon (no new claims; coupons already claimed stay usable) or resume it",
      params: z.object({ code: z.string().min(1).max(40) }), body: z.object({ paused: z.boolean() }), response: couponOut,
      brandOf: async ({ params }) => (await db.prisma.coupon.findUnique({ where: { code: params.code.trim().toUpperCase() }, select: { brandId: true } }))?.brandId ?? null,
      handler: async ({ params, body }) => {
        const r = await pauseCoupon(db, { code: params.code, paused: body.paused, at: clock() });
        if (!r.ok) refuse(r.error);
        return r.value;
      },
    }),
    adminRoute({
      method: "POST", path: "/brands/:brandId/campaigns/preview", tag: "campaigns",
      summary: "What a campaign would be if scheduled now: its audience size and first run, with every check of scheduling; nothing is written",
      params: brandParams, body: campaignBody,
      response: z.object({ audienceSize: z.number().int(), nextRunAt: z.string().nullable(), timezone: z.string(), text: z.string(), couponCode: z.string().nullable() }),
      handler: async ({ params, body }) => {
        await brandOrThrow(params.brandId);
        const r = await previewCampaign(db, { ...body, brandId: params.brandId }, clock());
        if (!r.ok) refuse(r.error);
        return { audienceSize: r.value.audienceSize, nextRunAt: r.value.nextRunAt, timezone: r.value.timezone, text: r.value.text, couponCode: r.value.couponCode };
      },
    }),
    adminRoute({
      method: "GET", path: "/brands/:brandId/staff", tag: "staff", summary: "Staff of the brand's stores (bound Telegram accounts marked) and open invites",
      params: brandParams,
      response: z.object({
        stores: z.array(z.object({ id: z.string(), name: z.string() })), roles: z.array(z.string()),
        staff: z.array(z.object({ id: z.string(), storeId: z.string(), name: z.string(), role: z.string(), bound: z.boolean().describe("a Telegram account is bound"), active: z.boolean() })),
        invites: z.array(z.object({ code: z.string(), storeId: z.string(), staffId: z.string().nullable(), expiresAt: z.string() })),
      }),
      handler: async ({ params }) => {
        await brandOrThrow(params.brandId);
        const stores = await db.prisma.store.findMany({ where: { brandId: params.brandId }, orderBy: { id: "asc" }, select: { id: true, name: true } });
        const ids = stores.map((s) => s.id);
        const [staff, invites] = await Promise.all([
          db.prisma.staff.findMany({ where: { storeId: { in: ids } }, orderBy: [{ storeId: "asc" }, { id: "asc" }] }),
          db.prisma.staffInvite.findMany({ where: { storeId: { in: ids }, usedAt: null, expiresAt: { gt: clock() } }, orderBy: { createdAt: "desc" } }),
        ]);
        return {
          stores,
          roles: [...STAFF_ROLES],
          staff: staff.map((s) => ({ id: s.id, storeId: s.storeId, name: s.name, role: s.role, bound: !!s.telegramUserId, active: s.active })),
          invites: invites.map((i) => ({ code: i.code, storeId: i.storeId, staffId: i.staffId, expiresAt: i.expiresAt.toISOString() })),
        };
      },
    }),
    adminRoute({
      method: "POST", path: "/stores/:storeId/staff/invites", tag: "staff", status: 201,
      summary: "A one-time invite code: the staff member sends `/staff CODE` to the brand's bot to bind their Telegram account (same as `o2o staff invite`)",
      params: storeParams, brandOf: brandOfStore, body: z.object({ role: z.enum(STAFF_ROLES).optional(), staffId: z.string().min(1).optional() }),
      response: z.object({ code: z.string(), storeId: z.string(), staffId: z.string().nullable(), role: z.string().nullable(), expiresAt: z.string() }),
      handler: async ({ params, body }) => {
        const r = await createStaffInvite(db, { storeId: params.storeId, staffId: body.staffId ?? null, role: body.role ?? null, at: clock() });
        if (!r.ok) refuse(r.error);
        return { ...r.value, expiresAt: r.value.expiresAt.toISOString() };
      },
    }),
    adminRoute({
      method: "GET", path: "/stores/:storeId/qr", tag: "staff", summary: "The store's printable QR code (its t.me deep link: scanning follows the brand and counts as a store visit), as SVG text or a PNG data URL",
      params: storeParams, brandOf: brandOfStore, query: z.object({ format: z.enum(["svg", "png"]).default("svg") }),
      response: z.object({ link: z.string(), botId: z.string(), usernameKnown: z.boolean(), format: z.string(), data: z.string() }),
      handler: async ({ params, query }) => {
        const store = await storeOf(params.storeId);
        if (!store) throw new AdminError(404, "NOT_FOUND", `no store ${params.storeId}`);
        const l = await storeLink(db, store);
        const qrcode = (await import("qrcode")).default as unknown as { toString(t: string, o: object): Promise<string>; toDataURL(t: string, o: object): Promise<string> };
        const opts = { errorCorrectionLevel: "M", margin: 2, width: 512 };
        const data = query.format === "svg" ? await qrcode.toString(l.link, { ...opts, type: "svg" }) : await qrcode.toDataURL(l.link, opts);
        return { ...l, format: query.format, data };
      },
    }),
  ];
}
