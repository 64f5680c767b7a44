// Campaign audiences: followers of the brand (not unfollowed) or all members, optionally narrowed to a tag and to
// members whose last consented area (Member.areaLat/areaLng, else the area store areaStoreId) lies within a radius
// of a store. Criteria combine with AND. Consent is never optional: members who opted out of marketing, who blocked
// the bot (unreachable), who were erased or merged away are never messaged; the delivery pipeline checks again at
// send time. Members are read in keyset batches (by member id) so a million followers never sit in memory at once.
import { z } from "zod";
import type { Db } from "../../db/database.ts";
import { haversineMeters } from "../../domain/geo/distance.ts";
import { query, type Params } from "../../db/sql.ts";

/** The Campaign.audience JSON column. */
export const audienceSchema = z.object({
  kind: z.enum(["followers", "all"]).default("followers"),
  nearStoreId: z.string().min(1).optional(),
  radiusMeters: z.number().positive().max(20_000_000).optional(),
  tag: z.string().min(1).optional(),
});
export type Audience = z.infer<typeof audienceSchema>;

export function describeAudience(brandId: string, a: Audience): string {
  const parts = [a.kind === "followers" ? `followers of ${brandId}` : "all members"];
  if (a.tag) parts.push(`tagged "${a.tag}"`);
  if (a.nearStoreId) parts.push(`within ${a.radiusMeters} m of ${a.nearStoreId}`);
  return parts.join(", ");
}

/** One member of a batch, with what the snapshot needs to decide and schedule their row. */
export interface AudienceMember {
  id: string;
  timezone: string | null;
  marketingOptOut: boolean;
  unreachable: boolean;
}

interface Row extends AudienceMember {
  areaLat: number | null;
  areaLng: number | null;
  areaStoreId: string | null;
}

export interface NearFilter {
  lat: number;
  lng: number;
  radius: number;
  box: { minLat: number; maxLat: number; minLng: number; maxLng: number };
  /** stores within the radius: members known only by their area store count when it is one of these */
  storeIds: string[];
}

function boundingBox(lat: number, lng: number, radius: number) {
  const dLat = (radius / 6_371_000) * (180 / Math.PI);
  const cos = Math.max(0.01, Math.cos((lat * Math.PI) / 180));
  const dLng = Math.min(180, dLat / cos);
  return { minLat: lat - dLat, maxLat: lat + dLat, minLng: lng - dLng, maxLng: lng + dLng };
}

export async function nearFilter(db: Db, a: Audience): Promise<NearFilter | null> {
  if (!a.nearStoreId || !a.radiusMeters) return null;
  const store = await db.prisma.store.findUnique({ where: { id: a.nearStoreId }, select: { lat: true, lng: true } });
  if (!store) throw new Error(`unknown store ${a.nearStoreId}`);
  const box = boundingBox(store.lat, store.lng, a.radiusMeters);
  const candidates = await db.prisma.store.findMany({
    where: { lat: { gte: box.minLat, lte: box.maxLat }, lng: { gte: box.minLng, lte: box.maxLng } },
    select: { id: true, lat: true, lng: true },
  });
  const storeIds = candidates.filter((s) => haversineMeters(store.lat, store.lng, s.lat, s.lng) <= a.radiusMeters!).map((s) => s.id);
  return { lat: store.lat, lng: store.lng, radius: a.radiusMeters, box, storeIds };
}

function inRadius(near: NearFilter | null, r: Row, storePos: Map<string, boolean>): boolean {
  if (!near) return true;
  if (r.areaLat !== null && r.areaLng !== null) return haversineMeters(near.lat, near.lng, r.areaLat, r.areaLng) <= near.radius;
  return r.areaStoreId !== null && storePos.get(r.areaStoreId) === true;
}

/**
 * `FROM … WHERE …` of the audience (no consent filter) for members with key in (after, upTo], and the keyset
 * column. The range is stated on both joined keys so each database scans only the batch's slice of either index.
 */
export function audienceFrom(
  p: Params, brandId: string, a: Audience, near: NearFilter | null, after: string, upTo: string | null = null, join: (p: Params) => string = () => "",
): { from: string; key: string } {
  const range = (col: string) => `${col} > ${p.v(after)}${upTo === null ? "" : ` AND ${col} <= ${p.v(upTo)}`}`;
  // SQLite without statistics would pick the (brandId, unfollowedAt) index and scan every follower per batch;
  // a unary + keeps it on the primary key's memberId range (PostgreSQL gets ANALYZE instead)
  const noIndex = p.provider === "sqlite" ? "+" : "";
  const driving =
    a.kind === "followers"
      ? `FROM "Follow" f JOIN "Member" m ON m."id" = f."memberId" ${join(p)} WHERE ${noIndex}f."brandId" = ${p.v(brandId)} AND ${noIndex}f."unfollowedAt" IS NULL AND ${range(`f."memberId"`)} AND ${range(`m."id"`)}`
      : `FROM "Member" m ${join(p)} WHERE ${range(`m."id"`)}`;
  const key = a.kind === "followers" ? `f."memberId"` : `m."id"`;
  const where = [`m."erasedAt" IS NULL`, `m."mergedIntoId" IS NULL`];
  if (a.tag) where.push(`EXISTS (SELECT 1 FROM "MemberTag" t WHERE t."memberId" = m."id" AND t."tag" = ${p.v(a.tag)})`);
  if (near) {
    const inBox = `(m."areaLat" BETWEEN ${p.v(near.box.minLat)} AND ${p.v(near.box.maxLat)} AND m."areaLng" BETWEEN ${p.v(near.box.minLng)} AND ${p.v(near.box.maxLng)})`;
    where.push(near.storeIds.length ? `(${inBox} OR (m."areaLat" IS NULL AND m."areaStoreId" IN ${p.list(near.storeIds)}))` : inBox);
  }
  return { from: `${driving} AND ${where.join(" AND ")}`, key };
}

function batchSql(p: Params, brandId: string, a: Audience, near: NearFilter | null, after: string, limit: number): string {
  const { from, key } = audienceFrom(p, brandId, a, near, after);
  return `SELECT m."id" AS "id", m."timezone" AS "timezone", m."marketingOptOut" AS "marketingOptOut", m."unreachable" AS "unreachable",
    m."areaLat" AS "areaLat", m."areaLng" AS "areaLng", m."areaStoreId" AS "areaStoreId"
    ${from} ORDER BY ${key} LIMIT ${p.v(limit)}`;
}

/**
 * Yields the audience in batches of up to `batchSize`, every member the criteria match, consent flags included
 * (the caller skips and counts opted-out and unreachable members).
 */
export async function* audienceBatches(db: Db, brandId: string, audience: Audience, batchSize = 5000): AsyncGenerator<AudienceMember[]> {
  const near = await nearFilter(db, audience);
  const storePos = new Map((near?.storeIds ?? []).map((id) => [id, true]));
  let after = "";
  for (;;) {
    const rows = await query<Row>(db, (p) => batchSql(p, brandId, audience, near, after, batchSize));
    if (!rows.length) return;
    after = rows[rows.length - 1].id;
    const members = rows
      .filter((r) => inRadius(near, r, storePos))
      .map((r) => ({ id: r.id, timezone: r.timezone, marketingOptOut: Boolean(r.marketingOptOut), unreachable: Boolean(r.unreachable) }));
    if (members.length) yield members;
    if (rows.length < batchSize) return;
  }
}

/** How many members a campaign would message now (matching, not opted out, reachable). */
export async function countAudience(db: Db, brandId: string, audience: Audience): Promise<number> {
  if (!audience.nearStoreId) {
    // one COUNT for the common case; the near filter needs the exact distance, so it walks the batches instead
    const rows = await query<{ n: number | bigint }>(db, (p) => {
      const { from } = audienceFrom(p, brandId, audience, null, "");
      return `SELECT COUNT(*) AS "n" ${from} AND m."marketingOptOut" = false AND m."unreachable" = false`;
    });
    return Number(rows[0]?.n ?? 0);
  }
  let n = 0;
  for await (const batch of audienceBatches(db, brandId, audience)) n += batch.filter((m) => !m.marketingOptOut && !m.unreachable).length;
  return n;
}

/**
 * Keyset batch boundaries over the audience's driving table (followers: Follow, all: Member): the key of every
 * `batchSize`-th member after `after`, or null when fewer remain. Batches are (previous, boundary].
 */
export async function nextBoundary(db: Db, brandId: string, audience: Audience, after: string, batchSize: number): Promise<string | null> {
  const rows = await query<{ k: string }>(db, (p) =>
    audience.kind === "followers"
      ? // only columns of the primary key: an index-only scan (batches are at most batchSize, fewer when some unfollowed)
        `SELECT f."memberId" AS "k" FROM "Follow" f WHERE f."memberId" > ${p.v(after)} AND ${p.provider === "sqlite" ? "+" : ""}f."brandId" = ${p.v(brandId)} ORDER BY f."memberId" LIMIT 1 OFFSET ${p.v(batchSize - 1)}`
      : `SELECT m."id" AS "k" FROM "Member" m WHERE m."id" > ${p.v(after)} ORDER BY m."id" LIMIT 1 OFFSET ${p.v(batchSize - 1)}`,
  );
  return rows[0]?.k ?? null;
}
