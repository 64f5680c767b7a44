// Turns product mentions into order lines: each product takes the quantity and size written nearest to
// it, within its own stretch of text (from the previous product to the next one), so that
// "两杯大杯拿铁和一个牛角包" gives 2 × 大杯 latte and 1 croissant.
import type { ProductInfo } from "./catalog-matcher.ts";
import type { ParsedItem } from "./intent.ts";
import { describedSize } from "./described-sizes.ts";
import { amountsSaid, countOf, isAmountSold, isMeasure, isSpanOfTime, isWeight, WEIGHT_SIZE } from "./sold-by.ts";
import { EN_NUMBER_ALT, findQuantities, MEASURE_WORDS, parseNumber, quantityAfter, quantityBefore, ZH_NUM_CHARS, ZH_NUM_RE, type QuantityMention } from "./numbers.ts";
import { bareNumberSize, catalogSizes, findSizes, fitsProduct, isPartyKind, partyOf, readIsPart, resolveSize, sizeByStem, sizeKey, sizesInParts, WEAK_SIZE_MEASURES, type SizeMention } from "./sizes.ts";
import { blankSpans, overlaps, type Span } from "./text.ts";
import { DISCOUNT_SAID } from "./codes.ts";

export interface ProductMention extends Span {
  product: ProductInfo;
  /** named by a head noun shared by several products and picked by its size (catalog-matcher.ts HeadMention) */
  head?: boolean;
}

const MAX_QUANTITY = 9999;
/** a word for a sum of money (a budget, a deposit, a price) */
const MONEY_WORD = /预算|押金|价格|价钱|价位|单价|总价|budget|deposit/;
/** a sum of money said after such a word: "预算500", "押金是1500", "budget 300" */
const MONEY_SAID = new RegExp(`(?:${MONEY_WORD.source})(?:(?<=[a-z]) (?:of|is))?\\s*(?:是|在|大概|大约|约|有|就|只有|才|差不多|不超过|控制在|:|：)?\\s*(?:¥|￥|\\$|rmb\\s*)?\\d+(?:\\.\\d+)?\\s*(?:元|块|w|万|k|千|rmb|yuan)?`, "g");
/** the ends of a name of a place or a package for a party (Chinese's words for them, not any trade's) */
const PARTY_PLACE = /(?:房|包间|包厢|包房|桌|台|厅|场|馆|室|舱|营地|屋|套餐|订座|订位)$/;
/** units one of which each person who comes takes (a person, a seat, a class, a visit, a ticket, a serving) */
const PER_HEAD_UNIT = /^(?:人|位|名|座位|座|节|课时|次|张|份|入场|票)$/;
/** the booking or renting of it named after the place: 包间预订, 场地租赁 */
const BOOKED = /(?:预订|预定|预约|订位|租赁|出租|租用)$/;

export interface BuiltItems {
  items: ParsedItem[];
  /** whether any count was written (rather than defaulted to 1) */
  explicitQuantity: boolean;
}

export function buildItems(
  lower: string,
  orig: string,
  mentions: ProductMention[],
  quantities: QuantityMention[] = findQuantities(lower),
  sizes: SizeMention[] = findSizes(lower, orig),
): BuiltItems {
  // a count of pieces that is a product's size in pieces is that size: the 六个装 of 肉松饼 sold 6粒装/12粒装, the 200个 of
  // coins sold 100枚/200枚 (said with 装, or a count of twenty or more)
  for (const q of [...quantities]) {
    const packed = lower[q.end] === "装";
    if (q.kind !== "measure" || !/[个枚粒片只颗块张支]$/.test(lower.slice(q.start, q.end)) || (!packed && q.value < 20)) continue;
    const owned = mentions.flatMap((m) => m.product.sizes.filter((z) => Number(PIECES_SIZE.exec(z.trim())?.[1]) === q.value));
    if (new Set(owned).size !== 1) continue;
    quantities = quantities.filter((x) => x !== q);
    sizes = [...sizes, { start: q.start, end: q.end + (packed ? 1 : 0), keys: [sizeKey(owned[0])], display: owned[0], weak: false }].sort((a, b) => a.start - b.start);
  }
  // (one that is no size of a product named says what is in a pack, not how many: the 6双 of 船袜6双装 sold by age)
  quantities = quantities.filter((q) => !(q.kind === "measure" && lower[q.end] === "装" && /[个枚粒片只颗块张支双]$/.test(lower.slice(q.start, q.end)) &&
    !mentions.some((m) => m.product.sizes.some((z) => Number(PIECES_SIZE.exec(z.trim())?.[1] ?? PAIRS_SIZE.exec(z.trim())?.[1]) === q.value))));
  // a bare number right before a product that does not come in it counts that product, whatever other product comes in
  // it: the 10 of "a cake and 10 red bulls" is no 10寸 cake
  // (not one written against a product before it: the 80 of "泳衣80 泳帽")
  const counting = (z: SizeMention) => /^\d{1,3}$/.test(lower.slice(z.start, z.end)) && !/[^\s,，、+]/.test(lower[z.start - 1] ?? " ") && mentions.some((m) => m.start > z.end && /^\s+$/.test(lower.slice(z.end, m.start)) &&
    !m.product.sizes.includes(resolveSize([z], m.product.sizes, m.product.sizeIndex) ?? ""));
  if (sizes.some(counting)) sizes = sizes.filter((z) => !counting(z));
  // counts are read from a copy where explicit sizes are blanked: the 36 of "36粒的来一盒" is a size, not a count
  let counts = blankSpans(lower, sizes.filter((s) => !s.weak));
  // and so are coupons' discounts: the 5 of "满30减5 美式两杯" orders nothing five times
  if (/[减折]/.test(counts)) counts = counts.replace(DISCOUNT_SAID, (m) => "_".repeat(m.length));
  // and so are ratings: "rated 4 stars for the tulips", "two stars" orders nothing four times
  counts = counts.replace(/(?<![\d.])(?:[0-5](?:\.\d)?|[一二两三四五])\s*(?:-\s*)?(?:stars?|颗星|星|分(?![钟糖甜熟]))|(?<![a-z])(?:one|two|three|four|five)\s+stars?(?![a-z])|(?<![\d.])(?:10|\d)\s*\/\s*(?:5|10)(?![\d.])/g, (m) => "_".repeat(m.length));
  // and so are sums of money named as such: the 500 of "预算500 学员套装选哪个", the 1500 of "押金是1500对吧"
  if (MONEY_WORD.test(counts)) counts = counts.replace(MONEY_SAID, (m) => "_".repeat(m.length));
  // (a count inside a rating is none: the 两颗 of "两颗星")
  quantities = quantities.filter((q) => !/^_+$/.test(counts.slice(q.start, q.end)) || sizes.some((z) => !z.weak && z.start < q.end && q.start < z.end));
  // (nor one asked about: the 一箱 of "自热火锅一箱几个啊？先来6个吧" is how many a box holds)
  const asked = (q: Span) => /^\s*(?:有|装|是)?\s*(?:几|多少)(?![钱块元])/.test(lower.slice(q.end, q.end + 6));
  counts = blankSpans(counts, quantities.filter(asked));
  quantities = quantities.filter((q) => !asked(q));
  // (nor a count of the people something is for: "够两个人用", "家里就俩人", "适合3人")
  quantities = quantities.filter((q) => !(q.kind === "people" && /(?:够|可供|适合|家里|家里头|家)\s*(?:就|只有|有|一共|共|总共)?\s*$/.test(lower.slice(Math.max(0, q.start - 6), q.start))));
  // (nor how many times something was done: the 两次 of "球鞋穿了两次就开胶", "用两次就裂了", "迟到两次了")
  quantities = quantities.filter((q) => !(/[次回遍]$/.test(lower.slice(q.start, q.end)) && (/[\u4e00-\u9fff]了\s*$/.test(lower.slice(Math.max(0, q.start - 3), q.start)) || /^\s*(?:就|了)/.test(lower.slice(q.end, q.end + 2)))));
  // (nor a count of what is missing or broken: "鸡蛋收到碎了4个", "少了两张")
  quantities = quantities.filter((q) => !/(?:碎|坏|少|缺|漏|丢|烂|差)了\s*$/.test(lower.slice(Math.max(0, q.start - 3), q.start)));
  // (nor the people it should feed, or who eat it together: "仨人够吃不", "两个人吃烤鸭")
  quantities = quantities.filter((q) => !(q.kind === "people" && /^\s*(?:个)?人?\s*(?:够|吃得|用得|吃够|一起吃|吃(?![了过完饭]))/.test(lower.slice(q.end, q.end + 5))));
  // (nor a rough count of people, how many come rather than how many of it: "包场 大概40人", "~15 staff")
  quantities = quantities.filter((q) => !(q.kind === "people" && /(?:大概|大约|约|差不多|估计|左右|~|～|about|around|roughly)\s*$/.test(lower.slice(Math.max(0, q.start - 8), q.start))));
  if (!mentions.length) return { items: [], explicitQuantity: false };
  const usedQty = new Set<QuantityMention>();
  const usedSize = new Set<SizeMention>();
  const items: (ParsedItem & { explicitQty: boolean })[] = [];
  const each = countsForEach(lower, mentions, quantities, usedQty, sizes);
  const party = PARTY_WORD.test(lower) ? partyOf(lower) : null;
  const eachSize = sizesForEach(lower, mentions, sizes);
  /** the size said before the product before this one, when that one took it ("CR-V的脚垫跟后备箱垫") */
  let leadSize: { size: string; index: number } | null = null;
  /** products whose count before them the product before took (its own "x3" follows them) */
  const takenFromNext = new Set<ProductMention>();

  mentions.forEach((mention, i) => {
    const prevEnd = i > 0 ? mentions[i - 1].end : 0;
    const nextStart = i + 1 < mentions.length ? mentions[i + 1].start : lower.length;

    // Size: candidates in this product's stretch, unused ones first, then the closest.
    // (a size set off from this product by a pause and written against the next one is the next one's: "毛肚各一份
    // 再来个半份黄喉"; one written against this product and set off from the previous one is not the previous one's)
    const side = (span: Span) => sideOf(lower, span.start >= mention.end ? mention.end : prevEnd, span, span.start >= mention.end ? nextStart : mention.start);
    // (a size written right against the next product, away from this one, is the next one's: the 中杯 of "一杯大杯拿铁和一杯
    // 中杯卡布奇诺", when the next one comes in it; not one set off from it by a space and written against what comes
    // before: the 切丝 of "里脊一斤切丝 前腿肉两斤")
    const next = mentions[i + 1]?.product;
    // (nor one written between them with nothing but a space before it, when only the next one comes in it: the 二万公里 of
    // "S7 二万公里保养")
    const nextSells = (span: Span) => sizes.some((z) => z.start === span.start && z.end === span.end && next!.sizes.includes(resolveSize([z], next!.sizes, next!.sizeIndex) ?? ""));
    const thisSells = (span: Span) => sizes.some((z) => z.start === span.start && z.end === span.end && mention.product.sizes.includes(resolveSize([z], mention.product.sizes, mention.product.sizeIndex) ?? ""));
    // (not when the next one has a size of its own said after it: "锁骨一斤 微辣 藕片一斤 不辣" says each one's after it)
    const nextEnd = mentions[i + 2]?.start ?? lower.length;
    const nextSized = !!next && sizes.some((z) => z.start >= mentions[i + 1].end && z.end <= nextEnd && nextSells(z));
    const against = (span: Span) => !!next && span.start > mention.end && nextSells(span) && !nextSized && (
      (/\S/.test(lower.slice(mention.end, span.start)) && (/^的?$/.test(lower.slice(span.end, nextStart)) || (/^\s*的?\s*$/.test(lower.slice(span.end, nextStart)) && /\s/.test(lower[span.start - 1] ?? " "))))
      || (/^\s*$/.test(lower.slice(mention.end, span.start)) && /^\s*的?\s*$/.test(lower.slice(span.end, nextStart)) && !thisSells(span)));
    const mine = (span: Span) => (span.start >= mention.end ? i + 1 === mentions.length || (side(span) !== "right" && !against(span)) : i === 0 || side(span) !== "left");
    // (a size turned down, "53的有点大", "the 56 is too big", is not one asked for when another of its sizes is said)
    const said = sizes.filter((s) => s.start >= prevEnd && s.end <= nextStart && mine(s));
    // (nor one it is changed from, when the one it is changed to is said after it: the 二寸 of "二寸的小照片放大到10寸")
    const changedFrom = (s: Span) => CHANGED_TO.test(lower.slice(s.end, s.end + 14)) && said.some((o) => o.start > s.end);
    const kept = said.filter((s) => !TURNED_DOWN.test(lower.slice(s.end, s.end + 12)) && !changedFrom(s));
    // (a size word inside the product's own name, the "skewers" of "lamb skewers", only when no other is said of it)
    const named = (s: Span) => s.start >= mention.start && s.end <= mention.end && /^[a-z ]+$/.test(lower.slice(s.start, s.end));
    const heard = kept.some((s) => !s.weak) ? kept : said;
    const region = (heard.some((s) => !named(s)) ? heard.filter((s) => !named(s)) : heard)
      .map((s) => ({ s, d: s.end <= mention.start ? mention.start - s.end : s.start - mention.end }))
      .sort((a, b) => Number(usedSize.has(a.s)) - Number(usedSize.has(b.s)) || a.d - b.d)
      .map((x) => x.s);
    // Several sizes of this product, each with its own count: "三杯美式，一杯大杯两杯中杯", "10粒的一盒，24粒的也来一盒".
    const free = region.filter((s) => !usedSize.has(s));
    // (the people a room, a table, a package, a car sold by its seats or a pot is for are not how many of it: "五黑房包夜
    // 五个人", "家庭套餐 四个人", "接站 7座的 我们6个人", "砂锅粥 大锅 十个人"; unless it is sold by the person, 按人计)
    // (nor are they how many of one sold by a unit that is no person's: a yard let by the night, a lane by the game, a boat
    // by the boat, "包栋 我们11个人 包两晚", "躲避球一场 12个人"; a seat, a class, a visit, a ticket or a serving is each one's)
    const unitNotPerson = !!mention.product.unit && !PER_HEAD_UNIT.test(mention.product.unit);
    const forParty = (PARTY_PLACE.test((mention.product.name ?? "").replace(BOOKED, "")) || mention.product.sizes.some((z) => FOR_A_PARTY.test(z)) || unitNotPerson) && mention.product.unit !== "人";
    const notItsParty = (q: QuantityMention) => !(forParty && q.kind === "people");
    // (nor "×3" before it, which counts what precedes it: "猎鲤6.3米×1 伊势尼10号×3")
    const countsBefore = (q: QuantityMention) => !usedQty.has(q) && q.start >= prevEnd && q.end <= mention.start && mine(q) && notItsParty(q) && !(i > 0 && q.kind === "times-after");
    const lead = quantities.filter(countsBefore).pop() ?? null;
    // (of one sold by an amount, the amounts said count its sizes' lines: "蒜蓉的口味虾2斤 十三香的2斤", "肥牛M9 一斤 M3 三斤")
    const soldIn = mention.product.unit;
    const amounts = soldIn && free.length > 1 ? amountsSaid(lower, soldIn).filter((a) => !quantities.some((q) => q.start < a.end && a.start < q.end)).map((a) => ({ ...a, kind: "measure" as const })) : [];
    const withAmounts = amounts.length ? [...quantities, ...amounts].sort((a, b) => a.start - b.start) : quantities;
    const lines = splitBySize(lower, mention, free, withAmounts, usedQty, lead ?? bareLead(counts.slice(prevEnd, mention.start), prevEnd));
    if (lines) {
      for (const s of region) if (lines.some((l) => l.mention === s)) usedSize.add(s);
      for (const l of lines) items.push({ productId: mention.product.id, quantity: l.quantity, size: l.size, explicitQty: true });
      return;
    }
    // Quantity: a measured one before the product, else a number word before it, else one after it.
    // a measure word with no number right before the product is one ("再加份肥牛", "来杯拿铁")
    const usedEarlier = new Set(usedQty);
    let quantity: number | null = each.get(mention) ?? (BARE_MEASURE.test(counts.slice(prevEnd, mention.start)) ? 1 : null);
    // a count the product is given after it, when it is the last one named ("买个底料 150g的来10包", "12个人 烤鱼先备两条"):
    // it beats a bare measure word and a count of people before it
    const own = i + 1 === mentions.length ? quantities.find((q) => !usedQty.has(q) && q.kind === "measure" && q.start >= mention.end && q.end <= nextStart) : undefined;
    if (own && quantity === 1 && !each.has(mention)) quantity = null;
    // (not a count of something else: one followed at once by another word and then a pause before this product, the
    // 两个 of "两个包间 锅底九宫格", the 4 of "4个人吃 够不够 再加份肥牛")
    const counted = (q: QuantityMention) => {
      const next = counts[q.end] ?? "";
      const glued = /[\u4e00-\u9fff]/.test(next) && !/[哈啊呀吧嘛了的哦呢人]/.test(next);
      return !(glued && PAUSE.test(counts.slice(q.end - 1, mention.start + 1)));
    };
    const before = quantity !== null ? [] : quantities.filter((q) => countsBefore(q) && counted(q) && !(own && q.kind === "people"));
    if (before.length) {
      const q = before[before.length - 1];
      usedQty.add(q);
      quantity = q.value;
    }
    // (not a digit written right after the previous product's Chinese name, which counts that one: the 2 of "杂粮饭2 东坡肉")
    // (nor one the previous product took from before it: the 2 set of "门神年画 2 set 羊年挂件 x3")
    if (quantity === null && !takenFromNext.has(mention) && !(i > 0 && GLUED_COUNT.test(counts.slice(prevEnd, mention.start)) && CJK_END.test(counts.slice(0, prevEnd)))) quantity = quantityBefore(counts.slice(prevEnd, mention.start));
    // ("a" is a count only when no other is written: "book a tuina session for 2", "a 5m arch" of one sold by the metre)
    const article = quantity === 1 && /(?:^|[^a-z])an?\s+(?:[a-z0-9_][a-z0-9_'/.-]*\s+){0,3}$/.test(counts.slice(prevEnd, mention.start));
    if (article && i + 1 === mentions.length) {
      const later = quantities.find((q) => !usedQty.has(q) && q.start >= mention.end);
      if (later) quantity = null;
    }
    if (quantity === null) {
      // (its own size said after it, even a weak one, may sit between: the 大份 of "炒面 大份 一个, 豆浆 x2")
      // (with the measure word it was read before: the 份 of 大份)
      const ownWeak = region.filter((s) => s.weak && s.start >= mention.end).map((s) => ({ start: s.start, end: s.end + Number(WEAK_SIZE_MEASURES.includes(lower[s.end] ?? "_")) }));
      const said = quantityAfter(blankSpans(counts, ownWeak).slice(mention.end, nextStart));
      // (the people it is for, "duo room 两个人", are not how many of it)
      // (nor the people who will eat or use it: "千层 3个人吃", "毛肚 两个人吃")
      const people = said ? counts.slice(mention.end + said.length, mention.end + said.length + 4) : "";
      const after = said && !(people[0] === "人" && (forParty || FED.test(people.slice(1)))) ? said : null;
      const taken = after && quantities.find((q) => q.start >= mention.end && q.end <= mention.end + after.length);
      if (after && (!taken || mine(taken))) {
        quantity = after.value;
        const stop = mention.end + after.length;
        for (const q of quantities) if (q.start >= mention.end && q.start < stop) usedQty.add(q);
      }
    }
    if (quantity === null) {
      // Further after the item: "x2" always belongs to what precedes it ("jeans W31 x2"); any other
      // count only when no other item follows ("拿铁，大杯，两杯").
      const last = i + 1 === mentions.length;
      // (or one set off from the next item by a pause: "鞋带白色的来3根，再要个鞋撑")
      // (or any count between it and the next item when that one has its "x3" right after it: the 1 set of "门神年画 1 set
      // 羊年挂件 x3")
      const nextCounted = !last && quantities.some((q) => q.kind === "times-after" && q.start >= mentions[i + 1].end && /^\s*$/.test(lower.slice(mentions[i + 1].end, q.start)));
      const q = quantities.find((q) => !usedQty.has(q) && q.start >= mention.end && q.end <= nextStart && notItsParty(q) && (last || q.kind === "times-after" || side(q) === "left" || nextCounted));
      if (q) {
        usedQty.add(q);
        quantity = q.value;
        if (nextCounted && side(q) !== "left" && q.kind !== "times-after") takenFromNext.add(mentions[i + 1]);
      }
    }
    // (a digit written right after its Chinese name, before a pause: "杂粮饭2 东坡肉中份")
    if (quantity === null && CJK_END.test(counts.slice(0, mention.end))) {
      const glued = GLUED_COUNT.exec(counts.slice(mention.end, nextStart));
      if (glued && Number(glued[1]) >= 1) quantity = Number(glued[1]);
    }
    // (in English, the things it is done on or for, after it: "take in the waist on 2 trousers", "hem for 3 pairs of jeans")
    if (quantity === null) {
      const on = ON_THINGS.exec(counts.slice(mention.end, nextStart));
      const n = on ? parseNumber(on[1]) : null;
      if (n !== null && n >= 1 && Number.isInteger(n)) quantity = n;
    }
    // (or so many English things said after the last one named, which count it: "transcript 翻成英文 4 pages", "加修 30 photos",
    // "the 6 pack, 20 tables"; not a time away or an age, nor how long it took: "after 2 days", "been 3 days")
    if (quantity === null && i + 1 === mentions.length) {
      const things = EN_THINGS_AFTER.exec(counts.slice(mention.end));
      // (a time it lasts, "setup for 2 hours", counts no setups)
      const between = things ? counts.slice(mention.end, mention.end + things.index + things[0].indexOf(things[1])) : "";
      const lasts = !!things && /^(?:hours|hrs|days|weeks|months|nights)$/.test(things[2]) && /for\s+$/.test(between);
      // (nor other things added after it: "grill set for 2 + 2 beers"; "with" may lead to its count: "class with the master, 2 kids")
      const added = /[+＋&]|(?<![a-z])(?:and|plus)(?![a-z])/.test(between);
      const n = things && !lasts && !added ? parseNumber(things[1]) : null;
      if (n !== null && n >= 1 && Number.isInteger(n)) quantity = n;
    }

    // (a size the previous product took is not this one's: "shaker 500ml + whey 2lb")
    let size = resolveSize(free, mention.product.sizes, mention.product.sizeIndex);
    if (size !== null && isAmountSold(size, mention.product)) size = null;
    // (a size after 各 is every listed product's: "当归 黄芪 党参 各半斤")
    const shared = eachSize.get(mention);
    if (size === null && shared) size = resolveSize([shared], mention.product.sizes, mention.product.sizeIndex);
    // (a size of several parts is the one more of whose parts are said around the product: "9瓦暖光", "十三香和麻辣"; not
    // over one said whole that it does not come in, 8G+256G)
    const around = `${lower.slice(prevEnd, mention.start)} ${lower.slice(mention.end, nextStart)}`;
    // (or a part said alone that it does not come in: "5mm size L" of 5mm-L)
    const parted = sizesInParts(around, mention.product.sizes, size);
    if (parted.length === 1 && (size === null || mention.product.sizes.includes(size) || parted[0].toLowerCase().split(/[\s+＋-]/).includes(size.toLowerCase()) || readIsPart(parted[0], size))) size = parted[0];
    // (or one said by its word with another kind ending or none: "草坪款" for 草坪灯)
    if (size === null) size = sizeByStem(around, mention.product.sizes, mention.product.name ?? "");
    // (or the one whose amount its description gives is said: "4个人吃" of a pot sold 小锅2人/中锅3-4人, "6-8钱的" of
    // crayfish sold 中号4-6钱/大号6-8钱; the people it is for are then not how many of it)
    // (not an amount inside a size another product took: the 四人 of a platter's 四人份 is no room's)
    const others = size === null && mention.product.described?.length ? blankSpans(lower, [...usedSize]) : null;
    const described = others ? describedSize(`${others.slice(prevEnd, mention.start)} ${others.slice(mention.end, nextStart)}`, mention.product.described!) : null;
    if (described) {
      size = described.size;
      if (described.unit === "人" && quantity === described.amount) quantity = null;
    }
    if (size === null && mention.product.sizes.length) {
      size = bareNumberSize(lower.slice(prevEnd, nextStart), mention.product.sizeIndex) ?? servingSize(lower, prevEnd, nextStart, mention, mention.product.sizes);
    }
    // the measure it is counted in, when only one of its sizes is sold in that measure: "两饼" of a tea sold as 357克饼,
    // "一提" of one sold as 一提(7饼)
    if (size === null && mention.product.sizes.length) size = measuredSize(lower, quantities, prevEnd, nextStart, mention.product.sizes, BARE_MEASURE.exec(counts.slice(prevEnd, mention.start))?.[1] ?? null, mention);
    // "再加一张镜头膜 same model", "同款的手机壳": the size of the product named before it, when this one comes in it
    if (size === null && mention.product.sizes.length && items.length && (SAME_SIZE.test(lower.slice(mention.end, nextStart)) || SAME_SIZE.test(lower.slice(prevEnd, mention.start)))) {
      const before = [...items].reverse().find((it) => it.size !== null && it.productId !== mention.product.id)?.size ?? null;
      // (or the one of its sizes that holds it: a rest in 3/4-4/4 for a violin in 3/4)
      const held = before === null || mention.product.sizes.includes(before) ? before : resolveSize(catalogSizes(`${before}的`, [mention.product]), mention.product.sizes, mention.product.sizeIndex);
      if (held !== null && mention.product.sizes.includes(held)) size = held;
    }
    // "CR-V的脚垫跟后备箱垫", "全画幅洗底+机身保养": a size said before two products joined by "and" is both's, when this one
    // comes in it and says none of its own
    if (size === null && leadSize && leadSize.index === i - 1 && !said.length && (JOINED.test(lower.slice(prevEnd, mention.start)) || ADDED.test(lower.slice(prevEnd, mention.start))) && mention.product.sizes.includes(leadSize.size)) size = leadSize.size;
    const usedMention = region.find((s) => s.display === size || s.keys.some((k) => mention.product.sizeIndex.get(k) === size));
    leadSize = size !== null && usedMention && usedMention.end <= mention.start && (i === 0 || usedMention.start >= prevEnd) ? { size, index: i } : null;
    if (usedMention) usedSize.add(usedMention);
    // (a size said with a count of itself is that many: 两打 is 2 × 一打)
    if (quantity === null && usedMention?.count) quantity = usedMention.count;
    // (a count said right against the size the product takes is its: "大概80张 5寸的", "200张6寸")
    if (quantity === null && usedMention) {
      const q = quantities.find((q) => !usedQty.has(q) && q.kind === "measure" && q.start >= prevEnd && q.end <= usedMention.start && /^\s?$/.test(lower.slice(q.end, usedMention.start)));
      if (q) {
        usedQty.add(q);
        quantity = q.value;
      }
      // (or a number of things, in English, right before it: "print 100 photos 5 inch")
      const things = usedMention.start >= mention.end ? /(?:^|[^a-z0-9.:])(\d{1,3})\s+[a-z]{3,}s\s*$/.exec(counts.slice(mention.end, usedMention.start)) : null;
      if (!q && things && Number(things[1]) >= 1) quantity = Number(things[1]);
    }

    // (a product sold by an amount (a weight, nights, hours, 刀 of paper), with no size in that unit, is ordered in it:
    // "摘草莓 三斤", "腊肉 2 jin", "汤屋双床 住两晚"; not one sized in that unit, 5斤装, nor one asked for in a size that is a
    // weight, 500g包; a colour word that holds its character, 米白, is no such size, nor a dimension, 3.1米幅宽)
    const unit = mention.product.unit;
    // (a weight is a size of what is sold by weight only: the 5-10kg of a dog's room sold by the night is the dog's)
    const weighed = size !== null && WEIGHT_SIZE.test(size) && !!unit && isWeight(unit);
    // (nor one counted by "a" only: "a medium room for 4 hours" is 4 of a room sold by the hour)
    const byArticle = article && quantity === 1;
    // (nor one of a thing hired by the hour or the day: "一台镖机 3小时" is 3 of one sold by the hour, "one private lesson, 3
    // hours", "租一台备用机 租3天")
    const oneHired = quantity === 1 && isSpanOfTime(unit);
    if (unit && (quantity === null || isMeasure(unit) || byArticle || oneHired) && !weighed && !mention.product.sizes.some((z) => amountIn(z, unit))) {
      // (a week said of a car rented by the day and by the week is one of 周租, below: no span is counted in days then)
      const spans = !periodsOf(mention.product.sizes).length;
      // (said after it, or before the first product: "腊肉3斤 香肠2斤" is 3 and 2; a weight said beats a count of pieces,
      // "鲈鱼一条 四斤的")
      // (not a count set off before the next product, which is that one's: the 一斤 of "两斤蛤蜊 和 一斤蛏子")
      // (nor one said after "and" before it: the 100g of "200g dried mango and 100g dried strawberry")
      const after = countOf(lower.slice(mention.end, nextStart).replace(i + 1 < mentions.length ? NEXT_ONES : /$^/, "").replace(i + 1 < mentions.length ? AND_NEXT : /$^/, ""), unit, spans);
      // (or right before it, in the last words before it: "锅包肉大份 地三鲜 再来六两酸菜饺子")
      const before = countOf(i === 0 ? lower.slice(0, mention.start) : lastWordsBefore(lower.slice(prevEnd, mention.start)), unit, spans);
      // (or one said after the last of several with 各, each one's: "冬瓜糖 金桔 各两百克")
      const last = mentions[mentions.length - 1];
      const each = i + 1 < mentions.length && /^\s*各/.test(lower.slice(last.end)) ? countOf(lower.slice(last.end), unit, spans) : null;
      if (quantity === null) quantity = after ?? before ?? each;
      else if (byArticle) quantity = after ?? before ?? quantity;
      else if (oneHired) quantity = after ?? quantity;
      else if (after !== null && before === null) quantity = after;
    }
    // (a product rented or carded by a period, 日租/周租/月卡, said with a count of that period: "租三天" is 3 of 日租, "一个
    // 礼拜" 1 of 周租, "for 2 weeks" 2 of 周租)
    if (mention.product.sizes.length && (size === null || quantity === null)) {
      const period = periodSize(lower.slice(prevEnd, nextStart), mention.product.sizes, size);
      if (period) {
        size = period.size;
        quantity ??= period.count;
      }
    }
    // (so many of a unit, of a product sold by one of it and by packs: "两节" of a class sold 单节 and 10节 is 2 × 单节)
    const units = size !== null && !mention.product.sizes.includes(size) ? /^(\d+)([^\d.]+)$/.exec(size) : null;
    if (units && mention.product.sizes.includes(`单${units[2]}`) && (quantity === null || quantity === 1)) {
      size = `单${units[2]}`;
      quantity = Number(units[1]);
    }
    // (a party of grown-ups and children said of it, of what each of them takes: "DIY课 两个大人一个小孩" is three places;
    // not of a room or a table, nor of what comes in a size for the party, 一大一小 or 亲子票, nor in grown-ups' and
    // children's kinds, which count each kind)
    if (party && party.start >= prevEnd && party.end <= nextStart && size === null && ![...usedSize].some((z) => z.start < party.end && party.start < z.end) && !forParty && !mention.product.sizes.some(isPartyKind) && (quantity === null || quantity === 1 || quantity === party.first)) quantity = party.total;
    // (a count that is a part of the size it takes is none: the 64片 of "花王m号64片的拿4包" is its M64片, the 4包 how many)
    const taken = [...usedQty].filter((q) => !usedEarlier.has(q));
    if (size !== null && taken.length === 1 && quantity === taken[0].value) {
      const q = taken[0];
      const said = lower.slice(q.start, q.end).replace(/\s+/g, "");
      // (in Chinese numerals too: the 十次 of 10次卡)
      const digits = /[\u4e00-\u9fff]$/.test(said) ? `${q.value}${said.slice(-1)}` : said;
      if (q.kind === "measure" && /\d[\u4e00-\u9fff]$/.test(digits) && digits !== size.toLowerCase() && size.toLowerCase().includes(digits)) {
        usedQty.delete(q);
        const later = quantities.find((o) => !usedQty.has(o) && o.kind === "measure" && o.start >= q.end && o.end <= nextStart);
        if (later) usedQty.add(later);
        quantity = later?.value ?? null;
      }
    }
    const explicitQty = quantity !== null;
    const item = {
      productId: mention.product.id,
      quantity: Math.min(MAX_QUANTITY, Math.max(1, Math.round(quantity ?? 1))),
      size,
      explicitQty,
    };
    // The same product named twice ("拿铁，要大杯的拿铁") is one line; a second explicit count adds up.
    const dup = items.find((it) => it.productId === item.productId && (it.size === item.size || it.size === null || item.size === null));
    if (dup) {
      dup.size = dup.size ?? item.size;
      if (item.explicitQty) dup.quantity = Math.min(MAX_QUANTITY, dup.explicitQty ? dup.quantity + item.quantity : item.quantity);
      dup.explicitQty ||= item.explicitQty;
    } else {
      items.push(item);
    }
  });
  // a size said of them all ("数学班+作文班 都是五年级", "both in M", "都要小的") is every listed product's that comes in it
  for (const s of sizes) {
    // (or after 各 and a count of each: "白茶和乌龙各来一个200g的")
    if (!/(?:都|全都|全部)(?:是|要|来|选|报)?\s*$|各\s*(?:来|要|拿|买)?\s*(?:[一两二三四五六七八九十\d]{1,2}\s*[个份瓶盒件支包罐杯袋])?\s*(?:的)?\s*$|(?<![a-z])(?:both|all)(?:\s+in)?\s*$/.test(lower.slice(Math.max(0, s.start - 8), s.start))) continue;
    for (const [k, it] of items.entries()) {
      const product = mentions.find((m) => m.product.id === it.productId)?.product;
      const size = it.size === null && product ? resolveSize([s], product.sizes, product.sizeIndex) : null;
      if (size !== null && product!.sizes.includes(size)) items[k].size = size;
    }
  }
  // a size said after products joined by 和/还是/or is each one's that comes in it ("海信和TCL电视哪个好 75寸",
  // "奥数班和数学同步班选哪个好 孩子三年级"), when none of them has a size or a count of its own
  for (let i = mentions.length - 1; i > 0; i--) {
    const last = mentions[i];
    const nextStart = i + 1 < mentions.length ? mentions[i + 1].start : lower.length;
    const s = sizes.find((z) => !z.weak && z.start >= last.end && z.end <= nextStart);
    const lastItem = items.find((it) => it.productId === last.product.id);
    if (!s || !lastItem || lastItem.size === null || lastItem.size !== resolveSize([s], last.product.sizes, last.product.sizeIndex)) continue;
    if (sizes.some((z) => z !== s && z.start >= last.end && z.end <= nextStart && !z.weak)) continue;
    for (let j = i - 1; j >= 0 && JOINED.test(lower.slice(mentions[j].end, mentions[j + 1].start)); j--) {
      const it = items.find((x) => x.productId === mentions[j].product.id);
      const size = resolveSize([s], mentions[j].product.sizes, mentions[j].product.sizeIndex);
      if (!it || it.size !== null || it.explicitQty || size === null || !mentions[j].product.sizes.includes(size)) break;
      it.size = size;
    }
  }
  // a size no product took, that one product named without a size only comes in, is that one's wherever it is said: the
  // 短毛 of "洗澡+剪指甲 短毛" (not one turned down or changed from: "53的有点大")
  for (const z of sizes) {
    if (z.weak || usedSize.has(z) || [...usedSize].some((u) => overlaps(u, z)) || mentions.some((m) => m.start <= z.start && z.end <= m.end)) continue;
    // (nor one said before the product it is of: the steamer of "a big steamer of shrimp dumplings and 2 red bean buns")
    if (mentions.some((m) => m.start >= z.end && /^\s*(?:of|的)\s*$/.test(lower.slice(z.end, m.start)))) continue;
    // (nor one an item's size already says: the 5公斤 of 5kg桶)
    if (items.some((it) => { const p = mentions.find((m) => m.product.id === it.productId)?.product; return it.size !== null && (it.size === z.display || (!!p && resolveSize([z], p.sizes, p.sizeIndex) === it.size)); })) continue;
    if (TURNED_DOWN.test(lower.slice(z.end, z.end + 12)) || CHANGED_TO.test(lower.slice(z.end, z.end + 14))) continue;
    const takers = items.flatMap((o) => {
      const p = o.size === null ? mentions.find((m) => m.product.id === o.productId)?.product : undefined;
      const size = p ? resolveSize([z], p.sizes, p.sizeIndex) : null;
      // (and the only size said that it comes in: two are a choice, "8kg和12kg选哪个")
      const its = (x: SizeMention) => { const y = resolveSize([x], p!.sizes, p!.sizeIndex); return y !== null && p!.sizes.includes(y); };
      return size !== null && p!.sizes.includes(size) && sizes.filter((x) => !x.weak && its(x)).length === 1 ? [{ o, size }] : [];
    });
    if (takers.length === 1) takers[0].o.size = takers[0].size;
  }
  // a size one product took as said, though it does not come in it, is another's that comes in it and took none: the
  // 215/55R17 of "michelin 四条 215/55R17 给M3换" is the tyre's, not the car's
  // (and one no product took, said right after a product that does not come in it: the 215/55R17 of the same, when the car
  // has no sizes)
  const unclaimed = sizes.filter((z) => !z.weak && !usedSize.has(z) && !items.some((it) => it.size === z.display) &&
    mentions.some((m) => !m.product.sizes.length && m.start > z.end && /^\s*(?:给|for|to fit)?\s*$/.test(lower.slice(z.end, m.start))));
  for (const it of [...items, ...unclaimed.map((z) => ({ productId: "", size: z.display, quantity: 1, explicitQty: false }))]) {
    const own = mentions.find((m) => m.product.id === it.productId)?.product;
    if (it.size === null || (own && own.sizes.includes(it.size))) continue;
    const said = sizes.find((z) => z.display === it.size);
    if (!said) continue;
    const takers = items.filter((o) => o !== it && o.size === null).flatMap((o) => {
      const p = mentions.find((m) => m.product.id === o.productId)!.product;
      const size = resolveSize([said], p.sizes, p.sizeIndex);
      return size !== null && p.sizes.includes(size) ? [{ o, size }] : [];
    });
    if (takers.length !== 1) continue;
    takers[0].o.size = takers[0].size;
    it.size = null;
  }
  return {
    items: items.map(({ productId, quantity, size }) => ({ productId, quantity, size })),
    explicitQuantity: items.some((it) => it.explicitQty),
  };
}

/** Serving measures in English, by the Chinese measure a catalog writes as a size (units, not any trade's words). */
const EN_SERVING: Record<string, string> = {
  扎: "pitchers?|jugs?", 杯: "cups?|glass(?:es)?", 瓶: "bottles?", 壶: "pots?|kettles?", 碗: "bowls?", 罐: "cans?|tins?", 桶: "buckets?", 盒: "box(?:es)?", 份: "portions?|servings?",
};

const EN_SERVING_RE: Record<string, RegExp> = Object.fromEntries(Object.entries(EN_SERVING).map(([z, en]) => [z, new RegExp(`(?<![a-z])(?:${en})(?![a-z])`)]));

/** A size that is a measure word ("杯", "扎" of a drink): counted in it ("来三扎", "4杯") names it. */
function servingSize(lower: string, from: number, to: number, at: Span, sizes: string[]): string | null {
  const measures = sizes.filter((z) => /^[\u4e00-\u9fff]$/.test(z));
  if (!measures.length) return null;
  const region = lower.slice(from, to);
  // (the count nearest the product: the 一壶 of "碧潭飘雪来三杯 菊花茶一壶" is the second tea's, the 一扎 of "一扎夜航IPA 两杯白啤"
  // the first one's)
  const counted = new RegExp(`(?:\\d{1,3}|${ZH_NUM_RE})\\s*([${measures.join("")}])`, "g");
  let zh: string | null = null;
  let best = Infinity;
  for (let m = counted.exec(region); m; m = counted.exec(region)) {
    const start = from + m.index;
    const end = start + m[0].length;
    const d = start >= at.end ? start - at.end : end <= at.start ? at.start - end : 0;
    if (d < best) [zh, best] = [m[1], d];
  }
  if (zh) return zh;
  // (or its English: "a pitcher of the stout", "1 jug of sour plum juice" for 扎)
  for (const z of measures) {
    const en = EN_SERVING_RE[z];
    if (en && en.test(region)) return z;
  }
  return null;
}

/** "on 2 trousers", "for three jackets" right after a product (not a time or a measure: "for 2 hours") */
const ON_THINGS = new RegExp(`^\\s*(?:the\\s+)?(?:on|for)\\s+(\\d{1,2}|${EN_NUMBER_ALT})\\s+(?!(?:hours|hrs|mins|minutes|days|weeks|months|years|nights|times|people|persons|pax|ppl)(?![a-z]))[a-z]{3,}s(?![a-z])`);

const EN_THINGS_AFTER = new RegExp(`(?:^|[^a-z0-9.:/#-])(?<!(?:after|took|takes|been|over|past|last|in|within)\\s+)(\\d{1,3}|${EN_NUMBER_ALT.replace(/(?:^|\|)(?:a|an|half|half\\s\+a)(?=\||$)/g, "")})\\s+(?:more\\s+)?(?!(?:years|yrs|stars|times|players|km|kms|minutes|mins|seconds|secs|days\\s+ago|hours\\s+ago|weeks\\s+ago)(?![a-z]))([a-z]{3,}s)(?![a-z'])(?!\\s+(?:ago|old|away|later))`);

/** what is said right after a size that turns it down: 有点大, 太小了, 不合适, is too big, doesn't fit (not 不要: "大杯不要冰") */
const TURNED_DOWN = /^\s*(?:的|码|号)?\s*(?:(?:感觉|穿着|试了|骑着|用着)?\s*(?:有点|有些|太|偏|略)(?:大|小|长|短|紧|松|重)|不(?:合适|合身)|(?:is|was|felt|feels)\s+(?:a bit |too |way too )?(?:big|small|large|tight|loose)|(?:is|was)\s*n'?t\s+right|doesn'?t\s+fit)/;

/** "the same model", "同款": the size of the product named before (words of Chinese and English, not any trade's) */
const SAME_SIZE = /(?<![a-z])(?:the\s+)?(?:same|matching)\s+(?:model|size|one|kind|type|spec)(?![a-z])|同款|同型号|同尺寸|同尺码|同规格|(?:同样|一样|配套|匹配|对应)的?(?:型号|尺寸|尺码|规格|款)/;

// products listed with nothing but a conjunction between them
/** "加", "外加 换": one more joined to the one before ("tpe脚垫 加 后备箱垫", "换屏加换电池") */
const ADDED = /^\s*(?:加上?|外加|连同)\s*(?:换|做|装)?\s*$/;
const JOINED = /^\s*(?:和|与|跟|还是|或者?|[+＋&]|(?:[,，]\s*)?(?:再|还要|然后|以及)|(?<![a-z])(?:and|or|vs\.?|versus|plus)(?![a-z])|、|\/)\s*$/;

/** The one size of `sizes` sold in the measure a count in the stretch is said in (357克饼 for 饼; 一提(7饼) for 提), or null. */
function measuredSize(lower: string, quantities: QuantityMention[], from: number, to: number, sizes: string[], bare: string | null, at?: Span): string | null {
  // (the nearest count first: the 一壶 of "碧潭飘雪来三杯 菊花茶一壶" is the second tea's)
  const near = (q: QuantityMention) => (!at ? 0 : q.start >= at.end ? q.start - at.end : at.start - q.end);
  const counted = quantities.filter((q) => q.kind === "measure" && q.start >= from && q.end <= to).sort((a, b) => near(a) - near(b));
  // (a container counted in English is counted in its Chinese measure word: "two cases" in 箱, "4 cans" in 罐)
  const measures = [...counted.map((q) => enMeasure(lower.slice(q.start, q.end)) ?? lower[q.end - 1]), ...(bare ? [bare] : [])];
  for (const measure of measures) {
    // (个 and 份 count anything: "两份" of a dish sold 整份 or 半份 asks for two portions, the size unsaid)
    if (!/[\u4e00-\u9fff]/.test(measure) || measure === "个" || measure === "份") continue;
    // (a size that is one of that measure or a whole one comes first: "6瓶" of a tea sold 单瓶500ml and 整箱24瓶 is six of
    // the bottle, "两箱" two of the case)
    // (but so many of it as one of its packs holds is that pack: "十次的卡" of 单次, 6次卡 and 10次卡 is 10次卡)
    const n = counted.find((q) => lower[q.end - 1] === measure)?.value;
    const pack = n === undefined ? [] : sizes.filter((z) => z.startsWith(`${n}${measure}`) && /^[^\d.]/.test(z.slice(`${n}${measure}`.length)));
    if (pack.length === 1) return pack[0];
    const head = sizes.filter((z) => z.startsWith(`单${measure}`) || z.startsWith(`整${measure}`));
    if (head.length === 1) return head[0];
    // (a size in that measure: ending in it, 357克饼, 4合瓶, 12支盒装, 整盒, or the measure itself, 杯 of a juice sold by 杯
    // or 扎; one of it, 一提(7饼); not half of it, 半只, nor one said by its adjective, 大杯 or 細杯)
    const inMeasure = soldIn(measure);
    const fits = sizes.filter((z) => inMeasure.test(z.normalize("NFKC")));
    if (fits.length === 1) return fits[0];
  }
  return null;
}

/** a period a product is rented or carded by (日租, 周卡, 月租, 时租), and the unit its count is said in (sold-by.ts) */
const PERIODS: [RegExp, string][] = [
  [/^(?:日|天)(?:租|卡|票)$/, "天"],
  [/^(?:周|星期)(?:租|卡|票)$/, "周"],
  [/^月(?:租|卡|票)$/, "月"],
  [/^(?:时|小时)租$/, "小时"],
];
const periodsBySizes = new WeakMap<string[], [string, string][]>();
/** The sizes of a product that are periods, each with the unit its count is said in (memoised by the size list). */
function periodsOf(sizes: string[]): [string, string][] {
  let periods = periodsBySizes.get(sizes);
  if (!periods) {
    periods = sizes.flatMap((size) => { const p = PERIODS.find(([kind]) => kind.test(size)); return p ? [[size, p[1]] as [string, string]] : []; });
    periodsBySizes.set(sizes, periods);
  }
  return periods;
}

/** The size of a product rented by a period (of its sizes, or `only` when one is said), and the count of it, when a count
 * of that period is said. */
function periodSize(region: string, sizes: string[], only: string | null): { size: string; count: number } | null {
  for (const [size, unit] of periodsOf(sizes)) {
    if (only !== null && size !== only) continue;
    const count = countOf(region, unit, false);
    if (count !== null) return { size, count };
  }
  return null;
}

/** a size that is a count of pieces: 6粒装, 200枚 */
const PAIRS_SIZE = /^(\d+)\s*双(?:装)?$/;
const PIECES_SIZE = /^(\d+)\s*[个枚粒片只颗块张支](?:装)?$/;

/** the last words of a stretch, set off by a pause or 和, before the next product */
const NEXT_ONES = /(?<=[\s,，、+和及])[^\s,，、+和及]*$/;
/** what follows "and" in English, before the next product: that one's ("and 100g dried") */
const AND_NEXT = /\s(?:and|plus|&)\s(.*)$/;
/** The last words before a product: what follows "and" in English, else the last word. */
function lastWordsBefore(text: string): string {
  return AND_NEXT.exec(text)?.[1] ?? text.split(/[\s,，、+]/).pop()!;
}

/** Whether a size is an amount in a unit (5斤装, 2米): not a colour holding its character (米白), nor a dimension that
 * unit measures (3.1米幅宽, 2米长). */
function amountIn(size: string, unit: string): boolean {
  const at = size.indexOf(unit);
  return at > 0 && /\d/.test(size) && !/^(?:幅|宽|长|高|厚|深|径)/.test(size.slice(at + unit.length));
}

/** sizes sold in a measure word, one pattern per measure (compiled once) */
const SOLD_IN = new Map<string, RegExp>();
/** the Chinese measure word an English container or counter is (general language, not any trade's) */
const EN_MEASURES: Record<string, string> = {
  case: "箱", carton: "箱", crate: "箱", can: "罐", tin: "罐", jar: "罐", bottle: "瓶", box: "盒", bag: "袋", sack: "袋",
  pack: "包", packet: "包", cup: "杯", glass: "杯", pint: "杯", pitcher: "扎", jug: "扎", bucket: "桶", barrel: "桶",
  tub: "桶", bowl: "碗", plate: "盘", roll: "卷", sheet: "张", bunch: "束", pot: "壶", pair: "双",
};

function enMeasure(said: string): string | undefined {
  const word = /([a-z]+)$/.exec(said)?.[1];
  return word ? EN_MEASURES[word] ?? EN_MEASURES[word.replace(/s$/, "")] ?? EN_MEASURES[word.replace(/es$/, "")] : undefined;
}

function soldIn(measure: string): RegExp {
  let re = SOLD_IN.get(measure);
  if (!re) SOLD_IN.set(measure, (re = new RegExp(`^(?!半).*(?<![大中小细細])${measure}装?$|^一${measure}(?![\\u4e00-\\u9fff])`)));
  return re;
}

const BARE_MEASURE = new RegExp(`(?:加|来|要|点|再|整|买)([${MEASURE_WORDS}])\\s*$`);

// A pause between two stretches of an order: punctuation, a space after a Chinese word (before another, a digit or a
// Latin word: "C1标准班一个 C2标准班一个"), 再/另外/还要, and/plus.
const PAUSE = /[，,。;；!！?？、+＋&]|(?<=[\u3400-\u9fff])\s+(?=[\u3400-\u9fff\da-z])|再|另外|还要|还有|(?<![a-z])(?:and|plus|also)(?![a-z])/;

/** a size of what a party shares: so many seats, 5座 or 7人座, or a pot at the table, 例锅 to 大锅 */
const FOR_A_PARTY = /^\d{1,2}\s*(?:人)?座|^[大中小例]锅$/;
/** a word a party of grown-ups and children is said with (partyOf reads it only then) */
const PARTY_WORD = /[大小]|adult|kid|child/;
const AND_AFTER = /^\s*[,，]?\s*(?:plus|and|also|then|和|还有|另外|外加|再|加上)(?![a-z])/;
/**
 * Which product a span between two of them goes with when a pause says so: "right" when the pause is between the
 * left product and the span and none between the span and the right product, "left" in the mirror case, else null.
 */
function sideOf(lower: string, leftEnd: number, span: Span, rightStart: number): "left" | "right" | null {
  // (one followed by "and" goes with what came before: "红枣鲜奶 500ml 来俩 plus 咸奶茶中杯")
  if (AND_AFTER.test(lower.slice(span.end, Math.min(rightStart, span.end + 8)))) return "left";
  // (one character of each side is kept so that a space is seen between its neighbours)
  const before = PAUSE.test(lower.slice(Math.max(0, leftEnd - 1), span.start + 1));
  const after = PAUSE.test(lower.slice(span.end - 1, rightStart + 1));
  return before && !after ? "right" : after && !before ? "left" : null;
}

/**
 * "毛肚鸭肠各一份", "烤韭菜 烤茄子 各两份": a count after 各 is every product's listed right before it (back to a
 * punctuation mark or another count). Returns the count of each product so listed; the quantity is used up.
 */
function countsForEach(lower: string, mentions: ProductMention[], quantities: QuantityMention[], used: Set<QuantityMention>, sizes: SizeMention[] = []): Map<ProductMention, number> {
  const out = new Map<ProductMention, number>();
  for (const q of quantities) {
    // (one product and the people or places each getting one: "季卡 我和我妈一人一张", "英签 给我和我妈各办一个", "吸顶灯 老家和新房
    // 各一个" are two of it; not sizes listed, "42和44各一双", nor products)
    const whose = EACH_OF_LIST.exec(lower.slice(0, q.start));
    if (whose) {
      const from = whose.index + whose[0].indexOf(whose[1]);
      const before = mentions.filter((m) => m.end <= from);
      const one = before.length === 1 ? before[0] : undefined;
      // (not over a count said of it: "龙头净水器 三个 给爸妈和丈母娘家各一个", "周卡x2 我和同事一人一张"; nor of two products,
      // one each: "足疗加推拿 我跟老公一人一个")
      const clear = !mentions.some((m) => m.end > from && m.start < q.start) && !sizes.some((z) => z.end > from && z.start < q.start) &&
        !!one && !quantities.some((o) => o !== q && o.start >= one.end && o.end <= from);
      if (one && clear && !out.has(one) && !/[a-z\d]/.test(whose[1])) {
        used.add(q);
        for (const o of quantities) if (o.start >= from && o.end <= q.start) used.add(o);
        out.set(one, (whose[1].split(/[和跟与同及、]/).length) * q.value);
        continue;
      }
    }
    if (!/各\s*(?:来|要|拿)?\s*$/.test(lower.slice(Math.max(0, q.start - 3), q.start))) continue;
    const listed: ProductMention[] = [];
    let to = q.start;
    for (let j = mentions.length - 1; j >= 0; j--) {
      const m = mentions[j];
      if (m.end > q.start) continue;
      if (/[，,。;；!！?？]/.test(lower.slice(m.end, to)) || quantities.some((o) => o !== q && o.start >= m.end && o.end <= to)) break;
      // (nor one with a count of its own before it: the 一个 of "来一个牛油锅 毛肚肥牛各两份")
      const from = j > 0 ? mentions[j - 1].end : 0;
      if (listed.length && quantities.some((o) => o !== q && o.start >= from && o.end <= m.start)) break;
      listed.push(m);
      to = m.start;
    }
    // (one product and the people it is for: "签证照 我跟我老公两个人 各一份" is two of it)
    const people = listed.length < 2 ? quantities.find((o) => o.kind === "people" && o.end <= q.start && /^人?\s*(?:都|就)?\s*各\s*(?:来|要|拿)?\s*$/.test(lower.slice(o.end, q.start))) : undefined;
    const one = people && [...mentions].reverse().find((m) => m.end <= people.start);
    if (people && one && !out.has(one)) {
      used.add(q);
      used.add(people);
      out.set(one, people.value * q.value);
      continue;
    }
    if (listed.length < 2) continue;
    used.add(q);
    for (const m of listed) out.set(m, q.value);
  }
  return out;
}

/** a list of two or more (people, places) right before 各 or 一人, with what each of them gets after it: "我和我妈一人", "老家和新房各办" */
const EACH_OF_LIST = /(?:^|[\s,，。;；!！?？：:]|给|帮|替|为)((?:[\u4e00-\u9fff]{1,4}[和跟与同及、]){1,4}[\u4e00-\u9fff]{1,4}?)\s*(?:都|也)?\s*(?:各|一人|每人)\s*(?:自)?(?:办|来|要|拿|买|做|订|报|配|整|领)?\s*$/;

/** "当归 黄芪 党参 各半斤": a size after 各 is that of every product listed right before it (back to a punctuation mark). */
function sizesForEach(lower: string, mentions: ProductMention[], sizes: SizeMention[]): Map<ProductMention, SizeMention> {
  const out = new Map<ProductMention, SizeMention>();
  for (const z of sizes) {
    if (z.weak || !/各\s*(?:来|要|拿)?\s*$/.test(lower.slice(Math.max(0, z.start - 3), z.start))) continue;
    let to = z.start;
    for (let j = mentions.length - 1; j >= 0; j--) {
      const m = mentions[j];
      if (m.end > z.start) continue;
      if (/[，,。;；!！?？]/.test(lower.slice(m.end, to))) break;
      out.set(m, z);
      to = m.start;
    }
  }
  return out;
}

/**
 * One line per size when a product's stretch names two or more of its sizes (explicit ones, not "large"): each size
 * takes the count written right before it ("一杯大杯两杯中杯") or, failing that, the first one after it before the next
 * size ("10粒的一盒，24粒的也来一盒"); 1 when none is written. Null when the stretch has fewer than two sizes.
 */
/** "4 LED bulbs 9W and …": a bare number written just before the product, as a quantity mention */
function bareLead(prefix: string, offset: number): QuantityMention | null {
  const value = quantityBefore(prefix);
  return value === null ? null : { start: offset + prefix.length, end: offset + prefix.length, value, kind: "measure" };
}

/** a text that ends in a Chinese character (a name written in Chinese, which a digit may follow at once) */
const CJK_END = /[\u4e00-\u9fff]$/;
/** a count of one or two digits written at once after a word and before a pause: the 2 of "成人2", of "杂粮饭2 东坡肉" */
const GLUED_COUNT = /^(\d{1,2})(?=$|[\s,，、;；。])/;
/** A count written right after a size in words, "成人2", and how long it is. */
function gluedCount(lower: string, s: Span): { value: number; length: number } | null {
  if (!/[\u4e00-\u9fff]$/.test(lower.slice(s.start, s.end))) return null;
  const m = GLUED_COUNT.exec(lower.slice(s.end));
  return m && Number(m[1]) >= 1 ? { value: Number(m[1]), length: m[1].length } : null;
}
/** a change from one size to another: 放大到, 改成, 换成, 升级到 */
const CHANGED_TO = /^[^，,。;；!！?？]{0,10}?(?:放大|缩小|改|换|升级|升|调|扩|剪)(?:到|成|为)/;
/** what people do with what they order, after a count of them: the 吃 of "3个人吃" */
const FED = /^(?:一起)?(?:吃|喝|够)/;
const NUMERAL_BEFORE = new RegExp(`(?:^|[^${ZH_NUM_CHARS}])([一二两三四五六七八九十])\\s*$`);
/** A Chinese numeral alone right before a mark of size: the 两 of "两大两小". */
function numeralBefore(prefix: string): number | null {
  const m = NUMERAL_BEFORE.exec(prefix);
  return m ? parseNumber(m[1]) : null;
}
/** a choice between things said: 还是, or */
const CHOICE_WORD = /还是|(?<![a-z])or(?![a-z])/;
/** or a question which to take, after things joined by "and": "20cm和25cm有啥区别", "年卡跟次卡哪个划算" */
const WHICH_ASKED = /哪个|哪种|哪款|哪一|区别|差别|差在哪|(?<![a-z])(?:which|better|difference)(?![a-z])/;

function offeredAsChoice(lower: string, said: Span[]): boolean {
  const gaps = said.slice(1).map((s, k) => lower.slice(said[k].end, s.start));
  if (gaps.every((g) => CHOICE_WORD.test(g))) return true;
  return gaps.every((g) => CHOICE_WORD.test(g) || JOINED.test(g)) && WHICH_ASKED.test(lower.slice(said[said.length - 1].end));
}

function splitBySize(
  lower: string, mention: ProductMention, region: SizeMention[], quantities: QuantityMention[], used: Set<QuantityMention>,
  lead: QuantityMention | null = null,
): { quantity: number; size: string | null; mention: SizeMention }[] | null {
  const { sizes, sizeIndex } = mention.product;
  if (!sizes.length) return null;
  // explicit sizes, and adjectives ("medium", "large") that name one of this product's sizes
  const sized = region
    .map((s) => ({ s, size: resolveSize([s], sizes, sizeIndex) }))
    .filter((x) => !x.s.weak || (x.size !== null && sizes.includes(x.size)))
    .filter((x): x is { s: SizeMention; size: string } => x.size !== null && fitsProduct(x.size, sizes, sizeIndex))
    .sort((a, b) => a.s.start - b.s.start);
  if (new Set(sized.map((x) => x.size)).size < 2) return null;
  // "2寸3寸各两把", "S and M, 2 each": one count for every size
  const last = sized[sized.length - 1].s;
  const each = quantities.find((q) => !used.has(q) && q.start >= last.end && (/各\s*$/.test(lower.slice(Math.max(0, q.start - 2), q.start)) || /^\s*each\b/.test(lower.slice(q.end))));
  if (each) {
    used.add(each);
    const seen = new Set<string>();
    return sized.filter((x) => !seen.has(x.size) && seen.add(x.size)).map(({ s, size }) => ({ quantity: Math.min(MAX_QUANTITY, each.value), size, mention: s }));
  }
  const seen = new Set<string>();
  const distinct = sized.filter((x) => !seen.has(x.size) && seen.add(x.size));
  // a size of one of a unit and a count of that unit said beside it are so many of the one: "单支 四支" of a cigar sold
  // 单支/10支装 is 4 × 单支 (the units rule below, for the count said alone)
  if (distinct.length === 2) {
    const one = distinct.find((x) => /^单/.test(x.size) && sizes.includes(x.size));
    const many = distinct.find((x) => x !== one && !sizes.includes(x.size) && one && new RegExp(`^(\\d+)${one.size.slice(1)}$`).test(x.size));
    if (one && many) return [{ quantity: Math.min(MAX_QUANTITY, Number(/^\d+/.exec(many.size)![0])), size: one.size, mention: one.s }];
  }
  // sizes offered as a choice ask which to take, none of them: "瑜伽裤穿S还是M", "monthly or quarterly?", "20cm和25cm有啥区别"
  if (offeredAsChoice(lower, distinct.map((x) => x.s))) {
    const count = lead && !used.has(lead) ? lead : null;
    if (count) used.add(count);
    return [{ quantity: Math.min(MAX_QUANTITY, count?.value ?? 1), size: null, mention: distinct[0].s }];
  }
  // "2 pairs of insoles, US 9 and US 11": a count before the product as large as the number of sizes, and no count of
  // their own, is one of each
  // (not when a later size has a count word of its own: "2 cans of ivory white 5L and one 1L light grey")
  const ownBare = distinct.some(({ s }, k) => k > 0 && quantityBefore(lower.slice(distinct[k - 1].s.end, s.start)) !== null);
  if (lead && !used.has(lead) && lead.value === distinct.length && !ownBare && lead.end <= distinct[0].s.start && !quantities.some((q) => !used.has(q) && q !== lead && q.start >= mention.end && q.start < lower.length)) {
    used.add(lead);
    return distinct.map(({ s, size }) => ({ quantity: 1, size, mention: s }));
  }
  return distinct.map(({ s, size }, k, kept) => {
    // the count before the product is the first size's ("4 LED bulbs 9W and 2 of the 12W ones")
    if (k === 0 && lead && !used.has(lead)) {
      const own = quantities.some((q) => !used.has(q) && ((q.start >= s.end && q.end <= (kept[1]?.s.start ?? lower.length) && q.start - s.end <= 2) || (q.start >= mention.end && q.end <= s.start)))
        || quantityBefore(lower.slice(mention.end, s.start)) !== null;
      if (!own) {
        used.add(lead);
        return { quantity: Math.min(MAX_QUANTITY, lead.value), size, mention: s };
      }
    }
    const sized = kept;
    // (a digit written against a size in words counts it: "成人2 儿童1")
    const glued = gluedCount(lower, s);
    if (glued) return { quantity: Math.min(MAX_QUANTITY, glued.value), size, mention: s };
    // (a first size at or before the product's name takes a count right before it: the 2件 of "2件免烫 2件纯棉")
    const prevEnd = k > 0 ? sized[k - 1].s.end + (gluedCount(lower, sized[k - 1].s)?.length ?? 0) : s.start <= mention.start ? 0 : mention.end;
    const nextStart = k + 1 < sized.length ? sized[k + 1].s.start : lower.length;
    // (or with only English words between: "2 cans of ivory white 5L")
    const before = quantities.filter((q) => !used.has(q) && q.start >= prevEnd && q.end <= s.start && (s.start - q.end <= 2 || /^[a-z\s'-]*$/.test(lower.slice(q.end, s.start)))).pop();
    const after = before ? undefined : quantities.find((q) => !used.has(q) && q.start >= s.end && q.end <= nextStart);
    const q = before ?? after;
    if (q) used.add(q);
    // a bare count right before the size: "2 medium 1 large", "两大两小"
    const bare = q ? null : quantityBefore(lower.slice(prevEnd, s.start)) ?? (s.weak ? numeralBefore(lower.slice(prevEnd, s.start)) : null);
    return { quantity: Math.min(MAX_QUANTITY, q?.value ?? bare ?? s.count ?? 1), size, mention: s };
  });
}
