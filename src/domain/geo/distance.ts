// Great-circle distance on a sphere. Same Earth radius as geokdbush, so the index's radius cut and our
// reported distances agree to the metre.

/** Mean Earth radius in metres (geokdbush uses 6371 km). */
export const EARTH_RADIUS_METERS = 6_371_000;

/** A point in WGS 84 degrees. */
export interface LatLng {
  lat: number;
  lng: number;
}

const RAD = Math.PI / 180;

/** Haversine distance in metres between two points given as numbers (the hot-loop form). */
export function haversineMeters(lat1: number, lng1: number, lat2: number, lng2: number): number {
  const dLat = (lat2 - lat1) * RAD;
  const dLng = (lng2 - lng1) * RAD;
  const s = Math.sin(dLat / 2);
  const t = Math.sin(dLng / 2);
  const h = s * s + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * t * t;
  // min() guards asin against h drifting a hair above 1 for antipodal points
  return 2 * EARTH_RADIUS_METERS * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Haversine distance in metres between two points. */
export function distanceMeters(a: LatLng, b: LatLng): number {
  return haversineMeters(a.lat, a.lng, b.lat, b.lng);
}

/** True for a usable coordinate pair (finite, latitude within ±90, longitude within ±180). */
export function isValidLatLng(lat: number, lng: number): boolean {
  return Number.isFinite(lat) && Number.isFinite(lng) && Math.abs(lat) <= 90 && Math.abs(lng) <= 180;
}

// Hot-loop form (see store-index.ts): the haversine term h (0 at the same point, 1 at the antipode) is
// monotonic in distance, so radius tests can compare h against a threshold and skip the sqrt and asin.

/** Metres from a haversine term. */
export function metersFromHaversineTerm(h: number): number {
  return 2 * EARTH_RADIUS_METERS * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** The haversine term of a distance in metres (Infinity and anything past the antipode give 1). */
export function haversineTermOfMeters(meters: number): number {
  if (!(meters < Math.PI * EARTH_RADIUS_METERS)) return 1;
  const s = Math.sin(Math.max(0, meters) / (2 * EARTH_RADIUS_METERS));
  return s * s;
}
