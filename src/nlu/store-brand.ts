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

/** a place said after "at", "in" or "near" in English, with no word for a shop: "the store manager at Gulou", "a table
 * tonight at Shangxiajiu", "a store in Liangzhu" */
const AT_SAID = /\b(?:at|in|near)\s+(?:the\s+)?[a-z]/;
const AT_BEFORE = /\b(?:at|in|near)\s+(?:the\s+)?$/;
/** the city a store's address starts with, and its county (西安 of 西安市碑林区…, 沈阳 of 辽宁省沈阳市…, 湖州 and 安吉 of
 * 湖州市安吉县…) */
const ADDRESS_CITY = /^(?:[\u4e00-\u9fff]{2,3}省)?([\u4e00-\u9fff]{2,3}?)市(?:([\u4e00-\u9fff]{2}?)县)?/;

export class StoreBrands {
  /** a piece of a place (two or three characters) → its brand, or null when several brands' stores have it */
  private readonly pieces = new Map<string, string | null>();
  /** the same pieces in pinyin ("xiangcheng") */
  private readonly spelled = new Map<string, string | null>();
  /** the cities the stores are in, in pinyin: a city said after "at" or "in" is where the customer is, no store ("in Xi'an") */
  private readonly cities = new Set<string>();

  constructor(catalog: Pick<CatalogSnapshot, "stores" | "brands">) {
    const brands = new Map((catalog.brands ?? []).map((b) => [b.id, b]));
    const allBrandWords = (catalog.brands ?? []).flatMap((b) => [b.name, ...(b.aliases ?? [])]).map((n) => n.normalize("NFKC").toLowerCase());
    const note = (map: Map<string, string | null>, key: string, brand: string) => {
      const had = map.get(key);
      map.set(key, had === undefined || had === brand ? brand : null);
    };
    for (const st of catalog.stores ?? []) {
      for (const city of ADDRESS_CITY.exec(st.address ?? "")?.slice(1) ?? []) if (city) this.cities.add(pinyin(city, { toneType: "none", type: "array" }).join(""));
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
    const shopSaid = SHOP_SAID.test(lower);
    const atSaid = AT_SAID.test(lower);
    if (!shopSaid && !atSaid) return null;
    let found: string | null | undefined;
    for (let i = 0; shopSaid && i < lower.length && found === undefined; i++) {
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
          const said = words.slice(i, i + n).map((w) => w[0]).join("");
          const brand = this.spelled.get(said);
          if (brand === undefined) continue;
          const last = words[i + n - 1];
          // (a place in pinyin and a Chinese word for a shop: "Shekou店", "Panyu店几点关门"; or after "at"/"in", a store's own
          // place and not its city: "the store manager at Gulou")
          const after = lower.slice(last.index + last[0].length);
          if ((shopSaid && (SHOP_AFTER_EN.test(after) || SHOP_AFTER.test(after))) || (atSaid && !this.cities.has(said) && AT_BEFORE.test(lower.slice(0, words[i].index)))) {
            found = brand;
            break;
          }
        }
      }
    }
    return found && (!allowed || allowed.has(found)) ? found : null;
  }
}
