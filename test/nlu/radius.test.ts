import { describe, expect, it } from "vitest";
import { parseRadius } from "../../src/nlu/radius.ts";
import { normalizeText } from "../../src/nlu/text.ts";

const radius = (t: string) => parseRadius(normalizeText(t).lower);

describe("search radius", () => {
  it.each([
    ["附近500米有尚品宅配吗", 500],
    ["1公里", 1000],
    ["2km", 2000],
    ["1.5 km", 1500],
    ["within 800m", 800],
    ["800 meters", 800],
    ["五百米以内", 500],
    ["两公里", 2000],
    ["半公里", 500],
    ["一千米", 1000],
    ["5千米", 5000],
    ["3 kilometres", 3000],
    ["1 mile", 1609],
    ["１ｋｍ", 1000], // full-width
    ["附近", null],
    ["nearby", null],
    ["1.8米的床", null], // a length, not a distance
    ["一米八", null],
    ["50ml", null],
    ["5 min walk", null],
    ["32码", null],
  ])("%j → %j", (text, m) => expect(radius(text)).toBe(m));
});
