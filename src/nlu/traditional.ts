// Traditional Chinese characters folded onto simplified ones, one character for one, so that a customer writing
// 我要兩杯大杯拿鐵, 蝦餃兩籠 or 預約設計師 meets the same rules and catalog names (a catalog written in traditional
// characters is folded the same way where it is matched). The table is OpenCC's character table (opencc-js, the
// character level only: phrases would change lengths; not its regional variant tables, which fold some simplified
// characters too: 么 to 幺).
import characters from "opencc-js/dict/TSCharacters";

/** characters people write for another that no table has: 劵 for 券 */
const MISWRITTEN: Record<string, string> = { 劵: "券" };

function table(dict: string): [string, string][] {
  return dict.split("|").map((e) => e.split(" ")).filter((p) => p.length >= 2 && p[0].length === 1 && p[1].length === 1).map((p) => [p[0], p[1]]);
}

const MAP = new Map<string, string>(table(characters));
for (const [from, to] of Object.entries(MISWRITTEN)) MAP.set(from, to);

/** Same length as the input: safe to apply before spans are computed. */
export function foldTraditional(s: string): string {
  let out: string[] | null = null;
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) < 0x3400) continue;
    const to = MAP.get(s[i]);
    if (to === undefined) continue;
    out ??= s.split("");
    out[i] = to;
  }
  return out ? out.join("") : s;
}
