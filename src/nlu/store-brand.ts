// Which brand a store the customer names belongs to: "项城店开门了吗", "约个顾问 去川汇店", "is the Xiangcheng store
// open": customers shorten a store's name to a piece of its place and a word for a shop (项城店 for 丰禾农资 项城莲花路店,
// 滨江店 for 杭州滨江星光大道体验店), or say its place in pinyin. Read from the catalog's stores; a piece of several brands'
// stores' names names no brand.
import { pinyin } from "pinyin-pro";
import type { CatalogSnapshot } from "./intent.ts";
import { storeWords } from "./intent-model.ts";

/** places a store may be other than a shop: a base, a showroom, a service desk, a works */
const FACILITY = "基地|展厅|门市|服务台|服务点|服务站|营地|工厂|场馆|码头";
/** words for a shop said after a piece of its place ("项城店", "普洱那家店", "狮山的店", "南山基地", "Binjiang store"; 那家 alone,
 * "狮山那家几点关门"; not whether there is one there, "西安有你们的店吗", which names none) */
const SHOP_AFTER = new RegExp(`^\\s?(?:路|街|镇|县|区)?\\s?(?:(?:那(?:家|个|边)?|这(?:家|个)?)?\\s?(?:的)?\\s?(?:店|门店|分店|体验店|旗舰店|校区|网点|${FACILITY})|那家)`);
const SHOP_AFTER_EN = /^(?:\s?(?:road|rd|street|st|lu|jie))?\s?(?:那(?:家|个|边)?|这(?:家|个)?)?\s?(?:store|branch|shop|outlet|location|campus|studio)\b/;
/** any word for a shop that SHOP_AFTER or SHOP_AFTER_EN may end in */
const SHOP_SAID = new RegExp(`店|校区|网点|那家|${FACILITY}|(?<![a-z])(?:store|branch|shop|outlet|location|campus|studio)`);
/** the words a shop's name ends in, and a brand's own words, are no place */
const SHOP_WORDS = new RegExp(`(?:官方旗舰店|旗舰店|体验店|分店|门店|店|中心|广场|${FACILITY})$`);

export class StoreBrands {
  /** a piece of a place (two or three characters) → its brand, or null when several brands' stores have it */
  private readonly pieces = new Map<string, string | null>();
  /** the same pieces in pinyin ("xiangcheng") */
  private readonly spelled = new Map<string, string | null>();

  constructor(catalog: Pick<CatalogSnapshot, "stores" | "brands">) {
    const brands = new Map((catalog.brands ?? []).map((b) => [b.id, b]));
    const allBrandWords = (catalog.brands ?? []).flatMap((b) => [b.name, ...(b.aliases ?? [])]).map((n) => n.normalize("NFKC").toLowerCase());
    const note = (map: Map<string, string | null>, key: string, brand: string) => {
      const had = map.get(key);
      map.set(key, had === undefined || had === brand ? brand : null);
    };
    for (const st of catalog.stores ?? []) {
      // (the words the store is called by, as the intent model masks them: its name, without its brand, without the word for
      // a shop: 项城莲花路店, 项城莲花路)
      const brand = brands.get(st.brandId);
      for (const word of storeWords({ stores: [st], brands: brand ? [brand] : [] })) {
        const place = word.replace(SHOP_WORDS, "");
        if (!/^[\u4e00-\u9fff]{2,}$/.test(place)) continue;
        for (let len = 2; len <= 3; len++) {
          for (let i = 0; i + len <= place.length; i++) {
            const piece = place.slice(i, i + len);
            if (allBrandWords.some((w) => w.includes(piece))) continue;
            note(this.pieces, piece, st.brandId);
            note(this.spelled, pinyin(piece, { toneType: "none", type: "array" }).join(""), st.brandId);
          }
        }
      }
    }
  }

  /** The brand of the store piece said before a word for a shop, when it names one brand's stores. */
  brandIn(lower: string, allowed: ReadonlySet<string> | null): string | null {
    // (a store is named only with a word for a shop: most messages have none, and are not read piece by piece)
    if (!SHOP_SAID.test(lower)) return null;
    let found: string | null | undefined;
    for (let i = 0; i < lower.length && found === undefined; i++) {
      for (let len = 3; len >= 2; len--) {
        const brand = this.pieces.get(lower.slice(i, i + len));
        // (or an English one: "千灯湖 branch", "沙坪坝那家 store")
        if (brand !== undefined && (SHOP_AFTER.test(lower.slice(i + len)) || SHOP_AFTER_EN.test(lower.slice(i + len)))) {
          found = brand;
          break;
        }
      }
    }
    if (found === undefined && /[a-z]/.test(lower)) {
      const words = [...lower.matchAll(/[a-z]+/g)];
      for (let i = 0; i < words.length && found === undefined; i++) {
        for (const n of [2, 1]) {
          if (i + n > words.length) continue;
          const brand = this.spelled.get(words.slice(i, i + n).map((w) => w[0]).join(""));
          const last = words[i + n - 1];
          // (a place in pinyin and a Chinese word for a shop: "Shekou店", "Panyu店几点关门")
          const after = lower.slice(last.index + last[0].length);
          if (brand !== undefined && (SHOP_AFTER_EN.test(after) || SHOP_AFTER.test(after))) {
            found = brand;
            break;
          }
        }
      }
    }
    return found && (!allowed || allowed.has(found)) ? found : null;
  }
}
