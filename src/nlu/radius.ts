// Search radius: 500米, 1公里, 2km, 1.5 km, within 800m, 半公里, 两千米. "附近" alone gives no number,
// so the radius is null and the caller applies its default.
import { parseNumber, ZH_NUM_RE } from "./numbers.ts";

const UNIT_METERS: Record<string, number> = {
  公里: 1000, 千米: 1000, km: 1000, kms: 1000, kilometer: 1000, kilometers: 1000, kilometre: 1000, kilometres: 1000,
  米: 1, m: 1, meter: 1, meters: 1, metre: 1, metres: 1, mile: 1609, miles: 1609, mi: 1609,
};

// (and English numbers in words: "five km radius", "within two miles")
const EN_NUM: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, fifteen: 15, twenty: 20, fifty: 50,
  "a hundred": 100, "five hundred": 500, half: 0.5, "half a": 0.5, a: 1,
};
const EN_NUM_RE = `(?<![a-z])(?:${Object.keys(EN_NUM).sort((x, y) => y.length - x.length).join("|")})`;

const RADIUS = new RegExp(
  `(\\d+(?:\\.\\d+)?|${ZH_NUM_RE}|半|${EN_NUM_RE})\\s*(公里|千米|米|(?:km|kms|kilometers?|kilometres?|meters?|metres?|miles?|mi|m)(?![a-z0-9]))`,
  "g",
);

/** Smaller than this is a length (a 1.8米 bed), not a distance anyone searches within. */
const MIN_RADIUS_METERS = 20;
/** Larger than this is not a "nearby" search; ignore rather than scan a whole country. */
const MAX_RADIUS_METERS = 200_000;

export function parseRadius(lower: string): number | null {
  RADIUS.lastIndex = 0;
  for (let m = RADIUS.exec(lower); m; m = RADIUS.exec(lower)) {
    // A number glued to letters (gxg30m?) or after a decimal point is part of something else.
    if (/[a-z]/.test(lower[m.index - 1] ?? "")) continue;
    // "一米八" is a bed length, not one metre.
    if (m[2] === "米" && /^[一二三四五六七八九\d]/.test(lower.slice(m.index + m[0].length))) continue;
    // a distance travelled ("骑了40km", "通勤10公里", "ran 5 km") is not a search radius
    if (/(?:骑|跑|走|开|游|通勤|骑行|徒步)了?\s*$|(?:rode|ran|cycled|walked|drove|hiked|commute|ride|run)\s*(?:about |around )?$/.test(lower.slice(Math.max(0, m.index - 12), m.index))) continue;
    const n = m[1] in EN_NUM ? EN_NUM[m[1]] : parseNumber(m[1]);
    if (n === null) continue;
    const meters = Math.round(n * UNIT_METERS[m[2]]);
    if (meters >= MIN_RADIUS_METERS && meters <= MAX_RADIUS_METERS) return meters;
  }
  return null;
}
