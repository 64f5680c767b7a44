// Generic category words (咖啡, 沙发, clothes, gift) mapped to catalog tags. They never name a product,
// but when every product carrying the tag belongs to one brand, they name that brand: in the demo
// catalog "附近有咖啡店吗" is a Starbucks question. The brand is derived from the catalog's tags at
// runtime, never hard-coded here.

export interface CategoryWord {
  re: RegExp;
  tags: string[];
}

const W = (words: string) => `(?<![a-z])(?:${words})(?![a-z])`;

export const CATEGORY_WORDS: CategoryWord[] = [
  { re: new RegExp(`咖啡|${W("coffees?|espresso")}`), tags: ["coffee"] },
  { re: new RegExp(`沙发|${W("sofas?|couch(?:es)?")}`), tags: ["sofa"] },
  { re: new RegExp(`衣柜|衣橱|${W("wardrobes?|closets?")}`), tags: ["wardrobe"] },
  // 床 but not 起床 (get up) or 床单 (sheets)
  { re: new RegExp(`(?<![起上赖])床(?![单头])|${W("beds?")}`), tags: ["bed"] },
  { re: new RegExp(`家具|家居|全屋定制|${W("furniture|home furnishings?")}`), tags: ["sofa", "wardrobe", "bed"] },
  { re: new RegExp(`裤子|长裤|${W("pants|trousers")}`), tags: ["pants"] },
  { re: new RegExp(`衬衣|${W("shirts?")}`), tags: ["shirt"] },
  { re: new RegExp(`外套|${W("coats?|jackets?")}`), tags: ["jacket"] },
  { re: new RegExp(`鞋|${W("shoes?|footwear")}`), tags: ["shoes"] },
  { re: new RegExp(`衣服|服装|男装|穿搭|${W("clothes|clothing|menswear|outfits?|apparel")}`), tags: ["pants", "shirt", "jacket", "shoes"] },
  { re: new RegExp(`化妆品|美妆|彩妆|护肤|${W("cosmetics|makeup|make-up|beauty")}`), tags: ["beauty"] },
  { re: new RegExp(`礼物|礼品|${W("gifts?|presents?")}`), tags: ["gift"] },
];
