// "附近500米有尚品宅配吗": stores of the brand within the radius as store cards, or the nearest one beyond it.
import { loadCatalogView, type StoreInfo } from "../app/catalog-view.ts";
import { isOpenAt } from "../domain/stores/open-hours.ts";
import { offers, type ServiceKind } from "../domain/stores/store.ts";
import { tapId } from "../domain/chat/taps.ts";
import { distanceText } from "./messages.ts";
import type { Reply } from "./replies.ts";
import type { Turn } from "./turn.ts";

export const DEFAULT_SEARCH_RADIUS_METERS = 3000;

export interface StoreSearch {
  brandId: string | null;
  radiusMeters: number | null;
  service: string | null;
}

export function storeCard(turn: Turn, s: StoreInfo, distanceMeters: number, extraButtons: { id: string; label: string }[] = []): Reply {
  const zh = turn.lang === "zh";
  const open = isOpenAt(s.openHours, s.timezone, turn.now);
  const status = open ? (zh ? "营业中" : "open now") : zh ? "已打烊" : "closed now";
  return {
    type: "store",
    text: `${s.name} · ${distanceText(distanceMeters, turn.lang)} · ${s.openHours} ${status}\n${s.address}`,
    storeId: s.id, name: s.name, distanceMeters: Math.round(distanceMeters), address: s.address, openHours: s.openHours, lat: s.lat, lng: s.lng,
    ...(extraButtons.length ? { buttons: extraButtons } : {}),
  };
}

/** Store cards near the location; buttons let the member order or book there. */
export async function findStores(turn: Turn, search: StoreSearch, loc: { lat: number; lng: number }): Promise<Reply[]> {
  const view = await loadCatalogView(turn.deps.db);
  const brandIds = search.brandId ? [search.brandId] : turn.scope;
  const service = (search.service as ServiceKind | null) ?? null;
  const filter = (s: StoreInfo) => !s.flagship && (!service || offers(s, service));
  const radius = search.radiusMeters ?? DEFAULT_SEARCH_RADIUS_METERS;
  const hits = view.index.around(loc.lat, loc.lng, { brandIds, maxDistanceMeters: radius, maxResults: 5, filter });
  const buttonsFor = (s: StoreInfo) => (offers(s, "appointment") ? [{ id: tapId("book", { storeId: s.id }), label: turn.lang === "zh" ? "预约" : "Book" }] : []);
  if (hits.length) {
    return [{ type: "text", text: turn.m.storesNear(hits.length, distanceText(radius, turn.lang)) }, ...hits.map((h) => storeCard(turn, h.store, h.distanceMeters, buttonsFor(h.store)))];
  }
  const [nearest] = view.index.around(loc.lat, loc.lng, { brandIds, maxResults: 1, filter });
  if (!nearest) return [{ type: "text", text: turn.m.noStoreAtAll }];
  return [
    { type: "text", text: turn.m.noStoreInRadius(distanceText(radius, turn.lang), nearest.store.name, distanceText(nearest.distanceMeters, turn.lang)) },
    storeCard(turn, nearest.store, nearest.distanceMeters, buttonsFor(nearest.store)),
  ];
}
