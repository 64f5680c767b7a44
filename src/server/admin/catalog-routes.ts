// Admin API: the brands and stores a merchant's other calls refer to.
import { z } from "zod";
import type { Db } from "../../db/database.ts";
import { AdminError, adminRoute, pageFrom, pageQuery, pageSchema } from "./admin-api.ts";

const brandSchema = z.object({ id: z.string(), name: z.string(), timezone: z.string(), stores: z.number().int(), followers: z.number().int() });
const storeSchema = z.object({
  id: z.string(), name: z.string(), lat: z.number(), lng: z.number(), address: z.string(), openHours: z.string(), timezone: z.string(),
  services: z.array(z.string()), deliveryRadiusMeters: z.number().int(), flagship: z.boolean(), active: z.boolean(),
});

export function catalogRoutes(db: Db) {
  return [
    adminRoute({
      method: "GET", path: "/brands", tag: "catalog", summary: "Brands with their store and follower counts",
      query: pageQuery, response: pageSchema(brandSchema), scopesItself: true,
      handler: async ({ query, principal }) => {
        // a brand manager sees only their brand
        const where = principal.brandId ? { id: principal.brandId } : {};
        const [total, brands] = await Promise.all([
          db.prisma.brand.count({ where }),
          db.prisma.brand.findMany({ where, orderBy: { id: "asc" }, skip: query.offset, take: query.limit, include: { _count: { select: { stores: true } } } }),
        ]);
        const followers = await db.prisma.follow.groupBy({ by: ["brandId"], where: { brandId: { in: brands.map((b) => b.id) }, unfollowedAt: null }, _count: { _all: true } });
        const f = new Map(followers.map((x) => [x.brandId, x._count._all]));
        return pageFrom(brands.map((b) => ({ id: b.id, name: b.name, timezone: b.timezone, stores: b._count.stores, followers: f.get(b.id) ?? 0 })), total, query);
      },
    }),
    adminRoute({
      method: "GET", path: "/brands/:brandId/stores", tag: "catalog", summary: "A brand's stores",
      params: z.object({ brandId: z.string().min(1) }), query: pageQuery, response: pageSchema(storeSchema),
      handler: async ({ params, query }) => {
        if (!(await db.prisma.brand.findUnique({ where: { id: params.brandId } }))) throw new AdminError(404, "NOT_FOUND", `no brand ${params.brandId}`);
        const where = { brandId: params.brandId };
        const [total, stores] = await Promise.all([
          db.prisma.store.count({ where }),
          db.prisma.store.findMany({ where, orderBy: { id: "asc" }, skip: query.offset, take: query.limit }),
        ]);
        return pageFrom(stores.map((s) => ({
          id: s.id, name: s.name, lat: s.lat, lng: s.lng, address: s.address, openHours: s.openHours, timezone: s.timezone,
          services: s.services as string[], deliveryRadiusMeters: s.deliveryRadiusMeters, flagship: s.flagship, active: s.active,
        })), total, query);
      },
    }),
  ];
}
