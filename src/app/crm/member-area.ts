// CRM: the member's last consented area and tags, the data campaign audiences select on (src/app/campaigns/audience.ts).
// Consent: the area is a coarse cell (two decimals, about 1 km), taken from a location the member shared, kept
// after the order is done only as this cell and the store whose area holds it — never a live or exact location.
// "Forget me" clears it (privacy.ts); campaigns never message a member who unsubscribed, whatever the area or tags.
import type { Db, Tx } from "../../db/database.ts";
import { execute, type Params } from "../../db/sql.ts";
import { isValidLatLng } from "../../domain/geo/distance.ts";
import { bumpTags } from "./behaviour-tags.ts";

type Client = Tx | Db["prisma"];

/** Rounds a coordinate to the ~1 km cell the CRM keeps. */
export const coarse = (deg: number) => Math.round(deg * 100) / 100;

/** What the CRM keeps of a shared location: the coarse cell and the store whose area holds it. */
export interface MemberArea {
  areaLat?: number;
  areaLng?: number;
  areaStoreId?: string;
}

/** The area to keep for a location (and the store whose area it is), or null when there is nothing to keep. */
export function memberArea(at: { lat: number; lng: number } | null, areaStoreId: string | null = null): MemberArea | null {
  const cell = at && isValidLatLng(at.lat, at.lng) ? { areaLat: coarse(at.lat), areaLng: coarse(at.lng) } : null;
  if (!cell && !areaStoreId) return null;
  return { ...cell, ...(areaStoreId ? { areaStoreId } : {}) };
}

/** The area as column assignments of an UPDATE "Member" (a chat turn writes it with the rest of the turn: turn-member.ts). */
export const setMemberArea = (p: Params, area: MemberArea): string[] =>
  (["areaLat", "areaLng", "areaStoreId"] as const).filter((k) => area[k] !== undefined).map((k) => `"${k}" = ${p.v(area[k])}`);

/** Use case: remember where the member roughly is (a shared location), and the store whose area that is, if any. */
export async function recordMemberArea(client: Client, memberId: string, at: { lat: number; lng: number } | null, areaStoreId: string | null = null): Promise<void> {
  const area = memberArea(at, areaStoreId);
  if (!area) return;
  await execute(client, (p) => `UPDATE "Member" SET ${[...setMemberArea(p, area), `"updatedAt" = ${p.ts(new Date())}`].join(", ")} WHERE "id" = ${p.v(memberId)}`);
}

/** Use case: a manual tag from staff (o2o member tag); behaviour tags come from behaviour-tags.ts. */
export async function tagMember(p: Client, memberId: string, tag: string, source: "manual" | "behaviour" = "manual"): Promise<void> {
  await bumpTags(p, memberId, [tag], source);
}

export async function untagMember(p: Client, memberId: string, tag: string): Promise<void> {
  await p.memberTag.deleteMany({ where: { memberId, tag: tag.trim() } });
}
