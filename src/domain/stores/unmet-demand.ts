// Demand-event candidates: every requested line the customer's area store could not supply, whether or not
// another store served the order. This is the stocking signal merchants read per store ("sizes asked for
// and missing in my radius"), so it is computed on success too.
import type { AreaStoreOut, StoreIndex } from "../geo/store-index.ts";
import { creditedStoreIn, DEFAULT_CREDIT_FALLBACK_METERS } from "./dealer-credit.ts";
import type { MatchOptions, MatchRequest, UnmetDemand } from "./match-types.ts";
import { quantityInStock, type StockLookup } from "./stock.ts";
import type { Store } from "./store.ts";

/** Requested lines the customer's area store lacks (see creditedStoreFor), per brand scope: what the caller records as demand events. */
export function unmetDemand<S extends Store>(index: StoreIndex<S>, stock: StockLookup, request: MatchRequest, servedBy: string | null, opts: MatchOptions, known?: AreaStoreOut<S>): UnmetDemand[] {
  const areaStores = new Map<string, S | null>();
  const out: UnmetDemand[] = [];
  for (const item of request.items) {
    const scope = item.brandId ? [item.brandId] : request.brandIds;
    const key = scope ? scope.join("\n") : "*";
    let area = areaStores.get(key);
    if (area === undefined) {
      // `known` comes from the match search over the request's brands
      const same = scope === request.brandIds || (scope && request.brandIds && scope.join("\n") === request.brandIds.join("\n"));
      const credited = creditedStoreIn(index, request, scope, { fallbackRadiusMeters: opts.areaFallbackMeters ?? DEFAULT_CREDIT_FALLBACK_METERS }, same ? known : undefined);
      areaStores.set(key, (area = credited?.store ?? null));
    }
    const base = { productId: item.productId, size: item.size ?? null, quantity: item.quantity, servedByStoreId: servedBy };
    if (!area) {
      out.push({ ...base, reason: "NO_STORE_NEARBY", areaStoreId: null, availableQuantity: 0 });
      continue;
    }
    const available = quantityInStock(stock, area.id, item.productId, item.size);
    if (available < item.quantity) out.push({ ...base, reason: "OUT_OF_STOCK", areaStoreId: area.id, availableQuantity: available });
  }
  return out;
}
