// CRM: the member's last consented area and tags, the data campaign audiences select on (src/app/campaigns/audience.ts).
// Consent: the area is a coarse cell (two decimals, about 1 km), taken from a location the member shared, kept
// after the order is done only as this cell and the store whose area holds it — never a live or exact location.
// "Forget me" clears it (privacy.ts); campaigns never message a member who unsubscribed, whatever the area or tags.
import type { Db, Tx } from "../../db/database.ts";
import { execute } from "../../db/sql.ts";
import { isValidLatLng } from "../../domain/geo/distance.ts";
import { bumpTags } from "./behaviour-tags.ts";

type Client = Tx | Db["prisma"];

/** Rounds a coordinate to the ~1 km cell the CRM keeps. */
export const coarse = (deg: number) => Math.round(deg * 100) / 100;

/**
 * Use case: remember where the member roughly is (a shared location), and the store whose area that is, if any.
 * One plain UPDATE: it runs on every location a member shares in chat.
 */
export async function recordMemberArea(p: Client, memberId: string, at: { lat: number; lng: number } | null, areaStoreId: string | null = null): Promise<void> {
  const cell = at && isValidLatLng(at.lat, at.lng) ? { areaLat: coarse(at.lat), areaLng: coarse(at.lng) } : null;
  if (!cell && !areaStoreId) return;
  await execute(p, (q) => {
    const set = [
      ...(cell ? [`"areaLat" = ${q.v(cell.areaLat)}`, `"areaLng" = ${q.v(cell.areaLng)}`] : []),
      ...(areaStoreId ? [`"areaStoreId" = ${q.v(areaStoreId)}`] : []),
      `"updatedAt" = ${q.ts(new Date())}`,
    ];
    return `UPDATE "Member" SET ${set.join(", ")} WHERE "id" = ${q.v(memberId)}`;
  });
}

/** Use case: a manual tag from staff (o2o member tag); behaviour tags come from behaviour-tags.ts. */
export async function tagMember(p: Client, memberId: string, tag: string, source: "manual" | "behaviour" = "manual"): Promise<void> {
  await bumpTags(p, memberId, [tag], source);
}

export async function untagMember(p: Client, memberId: string, tag: string): Promise<void> {
  await p.memberTag.deleteMany({ where: { memberId, tag: tag.trim() } });
}
