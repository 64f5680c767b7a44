// The offline parser: pure rules over a catalog snapshot, no I/O. Every extractor lives in its own
// module; this file only wires them together and decides which fields an intent carries.
import { CatalogMatcher, type CatalogMention, type HeadMention, type ProductInfo } from "./catalog-matcher.ts";
import { couponByTitle, couponSignatures, namesCoupon, DISCOUNT_SAID, findCouponCode, findOrderId, type CouponSignature } from "./codes.ts";
import { parseFulfillment } from "./fulfillment.ts";
import { englishSizes } from "./english-sizes.ts";
import { isBareTitle, isTitle, isWorkerTitle, Lexicon, TermMatcher, type TermMention } from "./lexicon.ts";
import { emptyResult, type CatalogSnapshot, type Intent, type IntentParser, type ParseContext, type ParseResult } from "./intent.ts";
import { decideIntent, type Decision } from "./intent-rules.ts";
import { countOf, isAmountSold } from "./sold-by.ts";
import { defaultIntentModel, maskText, storeWords, type IntentModel, type MaskSpan } from "./intent-model.ts";
import { buildItems, type ProductMention } from "./items.ts";
import { homophonesOf } from "./homophone.ts";
import { chineseNumerals, digitsWritten, EN_COUNT_LEAD, EN_COUNTERS, findQuantities, MEASURE_WORDS, parseNumber, ZH_NUM_RE } from "./numbers.ts";
import { parseRadius } from "./radius.ts";
import { parseRating } from "./rating.ts";
import { PinyinReader } from "./pinyin-reader.ts";
import { StoreBrands } from "./store-brand.ts";
import { RentalSiblings } from "./rentals.ts";
import { bareNumberSize, catalogSizes, CompositeSizeIndex, countedAt, SpecSizeIndex, findSizes, fitsProduct, resolveSize, sizeKey, sizeUnits, slotAt, type SizeMention } from "./sizes.ts";
import { asciiLower, blankSpans, normalizeText, overlaps, type Span } from "./text.ts";
import { CantoneseKeeper } from "./cantonese.ts";
import { foldTraditional } from "./traditional.ts";
import { parseWhen } from "./when.ts";

/** a size that is a count of a measure: 一对, 两件, 十支 */
const A_COUNT = new RegExp(`^[一二两三四五六七八九十][${MEASURE_WORDS}]$`);
/** Intents for which a date-time means something (a pickup time, a booking, opening hours). */
const WHEN_INTENTS = new Set<Intent>(["order", "book_appointment", "find_store"]);
/** Intents for which delivery/pickup/shipping is a choice the user is making. */
const FULFILLMENT_INTENTS = new Set<Intent>(["order", "find_store"]);

/** An amount and its unit: 3小时, 三个小时, "3 hours", 3h (a unit of one or two characters, or one English word). */
const AMOUNT = new RegExp(`(?<![\\d.a-z])(?:\\d{1,3}|${ZH_NUM_RE})\\s*个?\\s*(?:[\\u4e00-\\u9fff]{1,2}|[a-z]+)`, "g");
/** Whether the text says a size of one product that another does not come in. */
const ownSizeSaid = (lower: string, p: ProductInfo, other: ProductInfo): boolean => p.sizes.some((z) => {
  if (other.sizes.includes(z)) return false;
  // (or its number: "38的" of 38cm)
  const n = /\d+(?:\.\d+)?/.exec(z)?.[0];
  return lower.includes(z.toLowerCase()) || (!!n && new RegExp(`(?<![\\d.])${n.replace(".", "\\.")}(?![\\d.])`).test(lower));
});
/** a time of the day said as such (8点, 9pm, 16:30), not a part of the day */
const CLOCK_SAID = new RegExp(`\\d\\s*(?:[:：]\\d{2}|点|时|[ap]\\.?m(?![a-z])|o'?clock)|(?:${ZH_NUM_RE})点`);
/** Whether a word (in the singular or plural) is one of a product's category words, or ends one ("car" of "full car"). */
function isKindOf(p: ProductInfo, word: string): boolean {
  if (!p.tags?.length) return false;
  const one = word.replace(/(?<=[a-z])e?s$/, "");
  for (const t of p.tags) if (t === word || t === one || (/^[a-z]/.test(one) ? t.endsWith(` ${one}`) : t.endsWith(one))) return true;
  return false;
}
/** an English container counted, ending where it ends: "3 large boxes", "three bottles" */
const EN_COUNTED = new RegExp(`${EN_COUNT_LEAD}(?:${EN_COUNTERS})$`);
/** a number (and 个) right before a word: the word is a unit counted ("三个小时"), not a product's head noun */
const COUNTED_BEFORE = new RegExp(`(?<![a-z])(?:\\d|${ZH_NUM_RE})\\s*个?$`);
const EN_UNIT: Record<string, string> = { h: "hour", hr: "hour", hrs: "hour", hours: "hour", mins: "min", minutes: "min", minute: "min" };

/**
 * The amount and unit a name starts with, as one key ("3小时欢唱套餐" → 3|小时, "三个小时" → 3|小时, "3 hour package" and
 * "3h" → 3|hour), or null. A Chinese unit is compared by its first two characters.
 */
const AMOUNT_START = new RegExp(`^(\\d{1,3}|${ZH_NUM_RE})\\s*个?\\s*([\\u4e00-\\u9fff]{2}|[\\u4e00-\\u9fff]|[a-z]+)`);
function amountKey(text: string): string | null {
  const m = AMOUNT_START.exec(text.trim());
  if (!m) return null;
  const n = parseNumber(m[1]);
  if (n === null || n < 1) return null;
  const unit = /^[a-z]/.test(m[2]) ? EN_UNIT[m[2]] ?? m[2].replace(/s$/, "") : m[2];
  return `${n}|${unit}`;
}

// Reserving a place, in general words: 订位/订桌/订座/留位 and "book a table", "reservation"; a party of people or a seat.
const PLACE_WORDS = /^(?:订|预订|预定|留|约)(?:个)?(?:位|桌|座)|^(?:book (?:a )?|reserve (?:a )?)?(?:table|reservations?|seating)(?![a-z])/;
const PLACE_ASKED = new RegExp(`(?<![\\d.])(?:\\d{1,2}|${ZH_NUM_RE})\\s*(?:个人|位(?![置])|人(?![份民气]))|[桌座]|位子|(?<![a-z])(?:table|seats?|party of)(?![a-z])`);

/** a size that is a span of time alone: 半天, 三个月, 1年 */
const SPAN_OF_TIME = new RegExp(`^(?:半|\\d{1,3}|${ZH_NUM_RE})?个?(?:天|日|年|月|周|星期|小时|钟头?|晚)$`);
/** a new customer, or a first order, said (of a coupon's title or of a customer) */
const NEW_CUSTOMER = /新人|新客|新用户|新会员|首单|首次|(?<![a-z])(?:new (?:customer|user|member)s?|first[- ](?:order|time|visit))(?![a-z])/;
/** asking whether there is any (coupon, offer) */
const WHETHER_ANY = /有(?:没有?|无)?\s*(?:什么|啥)?\s*(?:新人|新客|新用户|新会员|首单|首次|优惠|券|coupons?|折扣)|(?<![a-z])any(?![a-z])/;
/** talk of a price off */
const PRICE_TALK = /券|优惠|折|便宜|减|coupons?|vouchers?|discounts?|deals?/;
/** requests about the member or the bot, not about anything sold: a word of a brand's goods names no brand for them */
const NO_BRAND_BY_WORDS = new Set<Intent>(["forget_me", "unsubscribe", "unknown", "greeting"]);
/** how one was served, the general words a rating says it by (服务一般, 体验还行, "service was ok"): no kind of goods */
const SERVED_WORD = /^(?:服务|体验|services?|experience)$/;
/** the wallet one's coupons are kept in (券包, 卡包, 卡券), and "show" said as asking to be shown ("show my coupons") */
const COUPON_WALLET = /[卡券]{1,2}包|卡券|(?<![a-z])show(?=\s+(?:me|my|us|all)\b)/g;
/** a role's word that is a service done to a thing, a verb before it or after it (装充电桩, 充电桩安装, 贴车衣): the thing is named */
const SERVICE_DONE_TO = /^(?:装|安装|贴|修|换|洗|清洗|改|拆|搬|测|检测|保养|维修|上门装)|(?:安装|维修|清洗|更换|保养|检测|施工|改装|修复)$/;
/** a word of three Latin letters or more */
const ENGLISH_WORD = /[a-z]{3}/;
/** a booking asked for (where a title typed with a homophone is looked for) */
const BOOKING_SAID = /约|预约|找个|请个|(?<![a-z])book(?![a-z])/;
/** what asks for one more thing, said right before it: "再办一张", "另外来个", "和", "+" */
const ASKED_ON_ITS_OWN = new RegExp(`(?:(?:再|还|另外?|加|办|买|订|和|跟|与|、|\\+|(?<![a-z])(?:and|plus|also)\\s)\\s*(?:[\\d一二两三四五六七八九十]+\\s*[${MEASURE_WORDS}]?)?|(?:来|要|拿)\\s*[\\d一二两三四五六七八九十]+\\s*[${MEASURE_WORDS}]?)\\s*$`);
/** the title of one who advises or manages (顾问, 经理, consultant): what they are named for is no service booked */
const ADVISER_TITLE = /(?:顾问|经理|咨询师)$|(?<![a-z])(?:consultant|advis[eo]r|manager)s?$/;
/** common words that start with 大, 中 or 小 (grammar, not a trade's words): no size and a product's first character */
const SIZE_LED_WORD = /^(?:中午|中间|中心|中文|中国|大家|大概|大约|大人|大学|大厅|大堂|大于|小于|小时|小孩|小朋友|小区|大小|中小|大早|小事)/;
/** a size that is a kind of day (周末节假日, 平日票) */
const DAY_KIND = /周末|节假日|平日|工作日/;
/** a size that is a part of the day one comes in (上午班, 夜钓) */
const DAY_PART = /^(?:上午|下午|早|晚|夜)[班场钓]$/;
/** a part of the day or an hour said in a text (the catalog's names blanked) */
const PERIOD_OR_HOUR = /[上下中]午|早上|早晨|明早|今早|晚|夜|凌晨|傍晚|\d\s*[点:：时]|[一二两三四五六七八九十]\s*点|(?<![a-z])(?:a\.?m|p\.?m|morning|afternoon|evening|night|noon|tonight)(?![a-z])/;
/** the part of the day a session is named by: 下午场, 上午班, 夜场 (not 过夜场, an overnight one) */
const SESSION_PART = /(上午|下午|中午|早上|晚上|傍晚)(?:场|班|档)|(?<![过深通包])[夜晚]场/;
/** ordering said (after a coupon's name): 买, 订, 要, 来, 拍, 下单, order, book, buy */
const ORDERED_AFTER = /[买订要来拍]|下单|(?<![a-z])(?:order|book|buy|get)(?![a-z])/;
/** a coupon put to use, or asked whether it can be (用上, 帮我用上, 用一下, 能用吧, 能用的话, 还在的话) */
const COUPON_USED = /(?:帮我|给我|我要|一起|也)?\s*用(?:上|一下|(?=[\s,，。]|$))|能用|可以用|还在的话/;
/** a count of something said (两盒, 20张, 一套) */
const COUNT_SAID = new RegExp(`(?:\\d+|${ZH_NUM_RE})\\s*[${MEASURE_WORDS}]`);
/** Whether what follows a product named by a coupon puts that coupon to use and then orders (a count said, or 下单/来/订):
 * "土鸡蛋9折那张券用上 再下单30枚的两盒", "晕车贴8折那个券能用的话，20片装拿两盒" order the eggs and the patches. */
function usedThenOrdered(after: string): boolean {
  const u = COUPON_USED.exec(after.slice(0, 24));
  if (!u) return false;
  const then = after.slice(u.index + u[0].length);
  return ORDERED_AFTER.test(then) || COUNT_SAID.test(then);
}
/** what follows a product that names a coupon: a discount (88折, 满1000减100, 满两万减一千, 立减30元; 减800 before 的券) and then
 * the coupon, or claiming it (领, claim) */
const COUPON_OF = /^\s*(?:(?![用使要来拿买给有的和])[\u4e00-\u9fff]){0,3}\s*(?:满\s*\d+(?:\.\d+)?\s*[万千wk]?\s*(?:元|块)?\s*减\s*\d+\s*(?:元|块)?|满[一二两三四五六七八九十百千万]+减[一二两三四五六七八九十百千]+|减\s*\d+\s*(?:元|块)?(?=\s*(?:的|那个|这个|那张)?\s*券)|(?:\d+(?:\.\d+)?|[一二三四五六七八九]{1,2})\s*折|免费|立减\s*\d+\s*(?:元|块)?|\d{1,2}\s*%\s*off)\s*(?:(?:那张|这张)(?!\s*(?:用|使|抵))|用(?:了|过)(?:没|吗|么)?|(?:还有多久|什么时候|啥时候|几号)?(?:过期|到期)|(?:的|那个|这个)?\s*(?:优惠)?(?:券|coupon|[^，,。\s]{0,3}领|claim(?![a-z])|还(?:有|在|能用)(?:吗|没|不|么)?|(?:给我)?(?:来|要|get)\s*(?:一|1)\s*张(?![\u4e00-\u9fff])))/;
/** how much of a thing to put in a dish, said after it or before it: "辣子多放", "麻酱能多给点", "多放酸笋", "嫑辣子", "唔使加蛋" */
const SEASONED_AFTER = /^\s*(?:能|可以|帮我|给我)?\s*(?:(?:多|少)(?:一?点|些)儿?(?![\u4e00-\u9fff])|(?:多|少)(?:放|加|给|搁))/;
const SEASONED_BEFORE = /(?:(?:多|少)(?:放|加|搁)(?:一?点|些)?|不要放|别放|不放|不加|别加|不用加|不要加|嫑|唔使加?|唔要|免(?!费))\s*$/;
/** a Chinese word, an amount (a number and perhaps its unit), and more Chinese: where a name may be split by an amount
 * (not a time or a date: the 2点 of "下午2点来" splits no 午点) */
const SPLIT_BY_AMOUNT = /([\u4e00-\u9fff]{1,4})(\d+(?:\.\d+)?(?:[寸元米块])?)(?<!\d(?=[点时号分日月]))([\u4e00-\u9fff]{2,5})/g;
/** what follows one who told the customer something, not one booked (医生说, 老师推荐; not 讲讲, asking to be told: "想请唎酒师讲讲清酒") */
const ADVISED = /^(?:让|叫我|说|推荐|建议|要求|讲(?!讲))/;
/** a letter or a digit of any script */
const WORD_CHAR = /[\p{L}\p{N}]/u;
/** a character that starts a word with the next: not before a measure word, 的 or a numeral (the 中 of 中午, not of "炒面中 +") */
const STARTS_A_WORD = new RegExp(`^[\\u4e00-\\u9fff](?![${MEASURE_WORDS}的]|${ZH_NUM_RE})[\\u4e00-\\u9fff]`);
const MEASURE_END = new RegExp(`[${MEASURE_WORDS}]$`);
const COUNT_BEFORE = new RegExp(`(?<![\\d.a-z-])(\\d{1,2}|${ZH_NUM_RE})\\s*$`);
const WEAK_MARKS: Record<string, { keys: string[]; display: string }> = { 大: { keys: ["l", "大杯"], display: "L" }, 中: { keys: ["m", "中杯"], display: "M" }, 小: { keys: ["s", "小杯"], display: "S" } };

const ORDER_INTENTS = new Set<Intent>(["order", "cancel_order", "order_status"]);
/** the most products the last character of their names may stand for (sizedOneCharHeads) */
const MAX_LAST_CHAR_PRODUCTS = 12;

export interface RulesParserOptions {
  /** the learned intent model combined with the rules (intent-model.ts); null for the rules alone */
  intentModel?: IntentModel | null;
}

/** What one parse went through: the rules' own decision and the masked text the intent model reads. */
export interface ParseTrace {
  rules?: Decision;
  masked?: string;
  /** the signals the rules decided on */
  signals?: Record<string, unknown>;
}

/** an amount said between a product and its kind: " 5 jin ", "五斤要" */
const AMOUNT_BETWEEN = new RegExp(`^\\s*(?:[\\d.]+|${ZH_NUM_RE})?\\s*(?:[${MEASURE_WORDS}]|[斤两克]|公斤|千克|kg|g|jin|lbs?)?\\s*(?:要|来|拿|选|是)?\\s*$`);

/** A stretch of text with a product's sizes taken out: what else it says. */
function withoutSizes(text: string, sizes: string[]): string {
  let out = text;
  for (const z of sizes) if (z) out = out.split(z.toLowerCase()).join(" ");
  return out;
}

/** a craftsman's bare title (师傅, 技师, 工), not a teacher's or a coach's */
const CRAFTSMAN_TITLE = /^(?:师傅|师父|技师|工)$/;

export class RulesParser implements IntentParser {
  private readonly matcher: CatalogMatcher;
  private readonly pinyin: PinyinReader;
  private readonly lexicon: Lexicon;
  /** UPPERCASE code → catalog spelling */
  private readonly couponCodes = new Map<string, string>();
  private readonly couponBrand = new Map<string, string>();
  private readonly couponKeys: Set<string>;
  /** coupons with a title, read once (brand names inside a title do not name the coupon), and each one's brand */
  private readonly couponTitles: (CouponSignature & { brandId: string; newCustomer: boolean })[];
  /** amount-and-unit keys ("3小时", "3 hour") of names that start with them, to the one product so named */
  private readonly amounts = new Map<string, string>();
  /** roles whose words say reserving a place: a party's booking asks for them */
  private readonly placeRoles: string[];
  private readonly allowedCache = new Map<string, Set<string>>();
  /** size words that belong to one product only (年卡 of a membership card): saying the size names the product */
  private readonly sizeWords: TermMatcher;
  /** size words several products come in, with the one of them sold by each unit (中包 of a room sold by the hour) */
  private readonly sharedSizes: TermMatcher;
  private readonly soldByOf = new Map<string, Map<string, string>>();
  /** sizes of a word and a measure (白色5L) that one product comes in: said in parts, they name it */
  private readonly composites: CompositeSizeIndex;
  /** sizes of several parts of letters and digits (3S 5200mAh) that one product comes in: said by their parts, they name it */
  private readonly specSizes: SpecSizeIndex;
  /** the units the catalog's sizes are counted in (寸 of 5寸, 张 of 精修3张) */
  private readonly units: string[];
  /** the words of roles that name a person (月嫂, 阿姨, makeup artist): said alone, they ask for that person */
  private readonly titles = new Set<string>();
  /** "productId|name" for each product's name or alias that is a title: a title that is a product's own name names it */
  private readonly ownNames = new Set<string>();
  private readonly intentModel: IntentModel | null;
  /** a product whose name is also a size of other products (the phone iPhone 17 Pro, a size of cases) → its names' size keys */
  private readonly sizeNamed = new Map<string, Set<string>>();
  /** store names and their place words, masked for the intent model */
  private readonly stores: TermMatcher;
  /** the brand of a store said by a piece of its name (项城店) */
  private readonly storeBrands: StoreBrands;
  /** the products that rent out what others sell (头盔租赁 beside a helmet) */
  private readonly rentalSiblings: RentalSiblings;
  /** product names written inside a store's name */
  private readonly inStoreNames = new Set<string>();
  /** the catalog's sizes in Chinese words (黑色, 半天), to find a name said around one of them ("803黑色墨盒") */
  private readonly innerSizes: TermMatcher;
  /** the first character of a two-character name of a product sold 大/中/小 (薯 of 薯条, 可 of 可乐), said after the size
   * word as the whole: "大薯", "中可"; only where one product is so named */
  private readonly shortNames = new Map<string, { id: string; name: string }>();
  /** the catalog's words the Cantonese fold would change (the 咪 of 猫咪), kept as written in a message */
  private readonly cantoneseKeep: CantoneseKeeper;

  constructor(catalog: CatalogSnapshot, lexicon: Lexicon = new Lexicon(catalog), options: RulesParserOptions = {}) {
    this.matcher = new CatalogMatcher(catalog);
    this.lexicon = lexicon;
    this.pinyin = new PinyinReader(catalog, lexicon.roles, (word) => this.matcher.isLatinName(word));
    this.intentModel = options.intentModel === undefined ? defaultIntentModel() : options.intentModel;
    const storeNames = storeWords(catalog);
    // (folded as the text is before the Cantonese fold: NFKC, traditional characters folded, ASCII lowercased)
    this.cantoneseKeep = new CantoneseKeeper([
      ...(catalog.brands ?? []).flatMap((b) => [b.name, ...(b.aliases ?? [])]),
      ...(catalog.products ?? []).flatMap((p) => [p.name, ...(p.aliases ?? []), ...(p.tags ?? []), ...(p.sizes ?? [])]),
      ...storeNames,
      ...(catalog.roles ?? []).flatMap((r) => r.labels?.zh ?? []),
    ].filter((w): w is string => typeof w === "string").map((w) => asciiLower(foldTraditional(w.normalize("NFKC")))));
    this.stores = new TermMatcher(storeNames.map((text) => ({ text, id: text })));
    this.storeBrands = new StoreBrands(catalog);
    this.rentalSiblings = new RentalSiblings(catalog.products ?? []);
    // (the names said inside a store's name, 观音 of 观音桥店: only where one is said are stores looked for)
    for (const w of storeNames) for (const m of this.matcher.exactMentions(w.normalize("NFKC").toLowerCase(), null)) if (m.kind === "product") this.inStoreNames.add(w.normalize("NFKC").toLowerCase().slice(m.start, m.end));
    for (const c of catalog.coupons ?? []) {
      this.couponCodes.set(c.code.toUpperCase(), c.code);
      this.couponBrand.set(c.code, c.brandId);
    }
    this.couponKeys = new Set(this.couponCodes.keys());
    const titled = (catalog.coupons ?? []).filter((c) => c.title);
    const brandNames = (catalog.brands ?? []).flatMap((b) => [b.name, ...(b.aliases ?? [])]).map((n) => n.normalize("NFKC").toLowerCase());
    // (the catalog's own words, a product's names, tags and sizes, a store's and a role's, are no coupon's own: 生日蛋糕 of 生日蛋糕满300减30)
    const catalogWords = titled.length ? [...(catalog.products ?? []).flatMap((p) => [p.name, ...(p.aliases ?? []), ...(p.tags ?? []), ...(p.sizes ?? [])]), ...storeNames, ...(catalog.roles ?? []).flatMap((r) => r.labels?.zh ?? [])].map((n) => n.normalize("NFKC").toLowerCase()) : [];
    this.couponTitles = couponSignatures(titled.map((c) => ({ code: c.code, title: c.title! })), brandNames, catalogWords).map((sig, k) => ({ ...sig, brandId: titled[k].brandId, newCustomer: NEW_CUSTOMER.test(titled[k].title!.toLowerCase()) }));
    this.innerSizes = new TermMatcher((catalog.products ?? []).flatMap((p) => (p.sizes ?? []).filter((z) => /^[\u4e00-\u9fff]{2,4}$/.test(z)).map((z) => ({ text: z, id: z }))));
    const units = new Set<string>();
    for (const p of catalog.products ?? []) for (const u of sizeUnits(p.sizes ?? [])) if (/[\u4e00-\u9fff]/.test(u)) units.add(u);
    this.units = [...units];
    // (a title by its ending, 验光师, or by ending staff names: 王月嫂 and 李月嫂 make 月嫂 one)
    const names = (catalog.staff ?? []).map((x) => x.name.normalize("NFKC").toLowerCase());
    for (const r of this.lexicon.roles) for (const l of r.labels) if (isTitle(l) || names.some((n) => n.length > l.length && n.endsWith(l))) this.titles.add(l);
    // (only names that are titles are kept: a catalog of 100,000 products has few)
    for (const p of catalog.products ?? []) {
      for (const n of [p.name, ...(p.aliases ?? [])]) {
        const said = n.normalize("NFKC").toLowerCase();
        if (this.titles.has(said)) this.ownNames.add(`${p.id}|${said}`);
      }
    }
    const owners = new Map<string, Set<string>>();
    const inside = new Map<string, Set<string>>();
    const insideOf = (word: string, id: string) => (inside.get(word) ?? inside.set(word, new Set()).get(word)!).add(id);
    for (const p of catalog.products ?? []) {
      // (a size that starts with a number is also said with a Chinese numeral: 十次卡 for 10次卡)
      const lead = (size: string) => /^(\d{1,2})([\u3400-\u9fff]{2,})$/.exec(size);
      for (const size of (p.sizes ?? []).flatMap((z) => { const m = lead(z); return m ? [z, ...chineseNumerals(Number(m[1])).map((n) => n + m[2])] : [z]; })) {
        if (!/[\u3400-\u9fff]{2}/.test(size)) continue;
        const set = owners.get(size) ?? new Set<string>();
        set.add(p.id);
        owners.set(size, set);
        // (a word inside another product's size is shared: the 黑色 of "128GB 黑色" is no earbuds' own)
        for (const word of size.match(/[\u3400-\u9fff]{2,}/g) ?? []) if (word !== size) insideOf(word, p.id);
      }
    }
    // (and a size word written inside a longer one: the 下铺 of a capsule is in every dorm's 6人间下铺)
    for (const p of catalog.products ?? []) {
      for (const size of p.sizes ?? []) {
        for (const run of size.match(/[\u3400-\u9fff]{3,}/g) ?? []) {
          for (let i = 0; i < run.length - 1; i++) {
            for (let j = i + 2; j <= run.length; j++) {
              const word = run.slice(i, j);
              if (word !== size && owners.has(word) && !owners.get(word)!.has(p.id)) insideOf(word, p.id);
            }
          }
        }
      }
    }
    // (not a size word that other products' names or a role's words also use: 钢琴 as a variant of a trial lesson is
    // still the common noun of 钢琴课时包 and 钢琴老师)
    const single = [...owners].filter(([text, ids]) => ids.size === 1 && [...(inside.get(text) ?? [])].every((id) => ids.has(id))).map(([text, ids]) => ({ text, id: [...ids][0] }));
    const singleMatcher = new TermMatcher(single);
    // (a size word several products come in, said with a count in the unit one of them only is sold by: "中包 打四个小时")
    const unitOf = new Map((catalog.products ?? []).map((p) => [p.id, p.unit ?? null]));
    for (const [text, ids] of owners) {
      if (ids.size < 2) continue;
      const byUnit = new Map<string, string | null>();
      for (const id of ids) {
        const unit = unitOf.get(id);
        if (unit) byUnit.set(unit, byUnit.has(unit) ? null : id);
      }
      const sole = new Map([...byUnit].filter((e): e is [string, string] => e[1] !== null));
      if (sole.size) this.soldByOf.set(text.toLowerCase(), sole);
    }
    this.sharedSizes = new TermMatcher([...this.soldByOf.keys()].map((text) => ({ text, id: text })));
    const common = new Set<string>();
    for (const p of catalog.products ?? []) {
      for (const name of [p.name, ...(p.aliases ?? [])]) {
        // (a name that starts with the word: 小提琴课时包 is a kind of 小提琴 thing; 吊灯灯泡 in an alias is not 吊灯)
        for (const m of singleMatcher.find(name.normalize("NFKC").toLowerCase())) if (m.id !== p.id && m.start === 0) common.add(name.toLowerCase().slice(m.start, m.end));
      }
    }
    for (const r of this.lexicon.roles) for (const l of r.labels) for (const m of singleMatcher.find(l)) common.add(l.slice(m.start, m.end));
    // (nor one that is another product's category: 普洱, a tea a seat is charged for, is also the tag of every pu'er cake)
    const sizeOwner = new Map(single.map((w) => [w.text, w.id]));
    for (const p of catalog.products ?? []) {
      for (const tag of p.tags ?? []) {
        const t = tag.normalize("NFKC").toLowerCase().trim();
        const owner = sizeOwner.get(t);
        if (owner && owner !== p.id) common.add(t);
      }
    }
    // (nor a count of a measure, 一对 or 一套: "来一对" counts whatever is named, it names no knee warmer sold 单只/一对)
    this.sizeWords = new TermMatcher(single.filter((w) => !common.has(w.text.toLowerCase()) && !A_COUNT.test(w.text)));
    this.composites = new CompositeSizeIndex(catalog.products ?? []);
    this.specSizes = new SpecSizeIndex(catalog.products ?? []);
    // names that start with an amount and a unit (3小时欢唱套餐, "3 hour package"), by that amount and unit, when one
    // product's names start so
    const byAmount = new Map<string, Set<string>>();
    for (const p of catalog.products ?? []) {
      for (const name of [p.name, ...(p.aliases ?? [])]) {
        const key = amountKey(name.normalize("NFKC").toLowerCase());
        if (key) (byAmount.get(key) ?? byAmount.set(key, new Set()).get(key)!).add(p.id);
      }
    }
    for (const [key, ids] of byAmount) if (ids.size === 1) this.amounts.set(key, [...ids][0]);
    const allSizes = new Set((catalog.products ?? []).flatMap((p) => (p.sizes ?? []).map(sizeKey)));
    for (const p of catalog.products ?? []) {
      const keys = [p.name, ...(p.aliases ?? [])].map(sizeKey).filter((n) => allSizes.has(n));
      if (keys.length) this.sizeNamed.set(p.id, new Set(keys));
    }
    const firsts = new Map<string, { id: string; name: string } | null>();
    for (const p of catalog.products ?? []) {
      if ((p.sizes ?? []).filter((z) => /^[大中小]/.test(z) && z.length <= 2).length < 2) continue;
      for (const name of [p.name, ...(p.aliases ?? [])]) {
        const n = name.normalize("NFKC").toLowerCase().trim();
        if (!/^[\u4e00-\u9fff]{2}$/.test(n)) continue;
        const had = firsts.get(n[0]);
        firsts.set(n[0], had === undefined || had?.id === p.id ? { id: p.id, name: n } : null);
      }
    }
    // (not a character that starts another product's name: 可 of 可颂 beside 可乐)
    const others = new Set<string>();
    if (firsts.size) {
      for (const p of catalog.products ?? []) {
        for (const n of [p.name, ...(p.aliases ?? [])]) {
          const c = n.normalize("NFKC").toLowerCase().trim()[0];
          if (firsts.has(c) && firsts.get(c)?.id !== p.id) others.add(c);
        }
      }
    }
    for (const [c, hit] of firsts) if (hit && !others.has(c)) this.shortNames.set(c, hit);
    this.placeRoles = this.lexicon.roles.filter((r) => r.labels.some((l) => PLACE_WORDS.test(l))).map((r) => r.role);
  }

  /**
   * A booking that names no role but reserves a place for a party ("周六晚上9点 8个人", "约个桌", "有位子吗"): the one role
   * whose words say reserving a place (订位, 订桌, "book a table"), when the catalog has exactly one.
   */
  private placeRole(lower: string): string | null {
    if (this.placeRoles.length !== 1 || !PLACE_ASKED.test(lower)) return null;
    return this.placeRoles[0];
  }

  /** Where the text says an amount and unit that one product's names start with (see `amountKey`). */
  private amountNames(lower: string): { start: number; end: number; id: string }[] {
    if (!this.amounts.size) return [];
    const out: { start: number; end: number; id: string }[] = [];
    for (const m of lower.matchAll(AMOUNT)) {
      const key = amountKey(m[0]);
      const id = key ? this.amounts.get(key) : undefined;
      if (id) out.push({ start: m.index!, end: m.index! + m[0].length, id });
    }
    return out;
  }

  /** The one coupon for new customers (新人首单立减20元), of the brand said (or whose goods are) if any, asked for as such:
   * "领个新人券", "首单能便宜点不". */
  private newCustomerCoupon(lower: string, brand: string | null, allowed: ReadonlySet<string> | null): string | null {
    // (not asking whether there is one: "有新人券吗", "新人有券吗", "any deals for first-time customers?")
    if (!NEW_CUSTOMER.test(lower) || !PRICE_TALK.test(lower) || WHETHER_ANY.test(lower)) return null;
    const fit = this.couponTitles.filter((c) => c.newCustomer && (!allowed || allowed.has(c.brandId)) && (!brand || c.brandId === brand));
    return fit.length === 1 ? fit[0].code : null;
  }

  /** Products said as "X的" after a product whose name ends like theirs: X and that ending is their name. */
  private siblingsSaid(lower: string, mentions: CatalogMention[], allowed: ReadonlySet<string> | null): CatalogMention[] {
    const out: CatalogMention[] = [];
    const named = mentions.filter((m) => m.kind === "product");
    if (!named.length) return out;
    // (or joined to one named, before it or after it, which it shares its ending with: the 珊瑚绒 of "珊瑚绒和华夫格浴袍",
    // the 漫画 of "Y型还是漫画")
    for (const p of named) {
      const said = lower.slice(p.start, p.end);
      const names = [said, this.matcher.products.get(p.id)?.name ?? ""];
      const before = /([\u4e00-\u9fff]{2,4})(?:和|与|跟|还是|或者?|、)$/.exec(lower.slice(Math.max(0, p.start - 7), p.start));
      const after = /^(?:和|与|跟|还是|或者?|、)([\u4e00-\u9fff]{2,4})(?=$|[\s，,。?？!！吗呢啊好哪])/.exec(lower.slice(p.end, p.end + 8));
      const joined: [string, number][] = [];
      if (before) joined.push([before[1], p.start - before[0].length]);
      if (after) joined.push([after[1], p.end + after[0].length - after[1].length]);
      for (const [word, start] of joined) {
        if (mentions.some((o) => o.start < start + word.length && start < o.end)) continue;
        let hit: { id: string; brandId: string } | null = null;
        for (const name of names) if ((hit = this.siblingOf(name, word, allowed))) break;
        if (hit && hit.id !== p.id) out.push({ start, end: start + word.length, kind: "product", id: hit.id, brandId: hit.brandId, via: "exact" });
      }
    }
    if (!lower.includes("的")) return out;
    // (the names whose endings a sibling may share: each named product as said and as named)
    const names = named.flatMap((p) => [lower.slice(p.start, p.end), this.matcher.products.get(p.id)?.name ?? ""]);
    const sizes = new Set(named.flatMap((p) => this.matcher.products.get(p.id)?.sizes ?? []));
    for (const m of lower.matchAll(/([\u4e00-\u9fff]{1,4})的/g)) {
      const start = m.index;
      const end = start + m[1].length;
      if (mentions.some((o) => o.start < end && start < o.end) || /\d/.test(lower[start - 1] ?? "")) continue;
      for (let k = m[1].length - 1; k >= 0; k--) {
        const word = m[1].slice(k);
        // (not a size of what was named, 广味的; nor a word of a question or an amount: 多大的, 3年陈的)
        if (/[\d多么哪啥什]/.test(lower[start + k - 1] ?? "") || sizes.has(word)) continue;
        let hit: { id: string; brandId: string } | null = null;
        for (const name of names) if ((hit = this.siblingOf(name, word, allowed))) break;
        if (!hit) continue;
        out.push({ start: start + k, end, kind: "product", id: hit.id, brandId: hit.brandId, via: "exact" });
        break;
      }
    }
    return out;
  }

  /** The product named `word` + the last two characters or more of `said` (a name of the catalog's, said or whole), or null. */
  private siblingOf(said: string, word: string, allowed: ReadonlySet<string> | null): { id: string; brandId: string } | null {
    for (let cut = 1; said.length - cut >= 2; cut++) {
      const name = word + said.slice(cut);
      const found = this.matcher.exactMentions(name, allowed).filter((x) => x.kind === "product" && x.start === 0 && x.end === name.length);
      if (found.length === 1) return found[0];
    }
    return null;
  }

  /**
   * Whether a product's name here says a person: a role's longer English words around it ("piano tuner"), or a title
   * (a Chinese one that is not the product's own name; an English one only without a count near it: "tuner x2" is the
   * clip-on tuner, "can the tuner come" the person).
   */
  private personNamed(lower: string, m: Span & { id: string; via?: string }, roles: TermMention[]): boolean {
    const word = lower.slice(m.start, m.end).replace(/e?s$/, "");
    // (in Chinese a service inside a title is still the service: 艾灸 of 艾灸师 is what is booked)
    if (/^[a-z]/.test(word) && roles.some((r) => r.start <= m.start && m.end <= r.end && r.end - r.start > m.end - m.start)) return true;
    // (nor an English name said before the title of a person who works with it, or guessed in a person's title: the
    // guqin of "book a guqin teacher", the "surf photographer" read as surf photography)
    if (/^[a-z]/.test(word) && roles.some((r) => r.start < m.end && m.start < r.end && ((r.end > m.end && !this.lexicon.performs(r.id, m.id)) || (m.via === "typo" && r.start <= m.start && m.end <= r.end)) && isTitle(lower.slice(r.start, r.end)) && /^[a-z]/.test(lower[r.start]))) return true;
    if (!this.titles.has(lower.slice(m.start, m.end)) && !this.titles.has(word)) return false;
    // (but a Chinese title that is the product's own name names it too: the 导游 of 导游服务, sold as 导游)
    if (/[\u4e00-\u9fff]/.test(word)) return !this.ownNames.has(`${m.id}|${lower.slice(m.start, m.end)}`);
    return !/(?:\d|\b(?:one|two|three|four|five|a couple|x\s*\d))/.test(lower.slice(Math.max(0, m.start - 12), m.end + 6));
  }

  /** The text with a role's Chinese title typed with homophones (交练 for 教练) written as the title. */
  private titleTyposFixed(lower: string): string {
    let out = lower;
    for (const r of this.lexicon.roles) {
      for (const label of r.labels) {
        if (!/^[\u4e00-\u9fff]{2,4}$/.test(label)) continue;
        for (const at of homophonesOf(label, out)) out = out.slice(0, at) + label + out.slice(at + label.length);
      }
    }
    return out;
  }

  /**
   * Whether a product's name here is a word of a longer role word around it that does not perform it: the 羽毛球 of
   * 羽毛球私教 is the sport the coach teaches, not the shuttlecocks sold (the 艾灸 of 艾灸师 is the service booked).
   */
  private insideRoleWord(lower: string, m: Span & { id: string }, roleWords: TermMention[]): boolean {
    // (X师 and X师傅 do X: the 采耳 of 采耳师)
    // (a title in 师 names the person, not the service: "约个推拿师" asks for no massage; the X师傅 and X老师 of a service,
    // 开锁师傅, 儿推老师, and a service word, 装宽带, still name it)
    // (nor is what one who advises or manages is named for: the 团餐 of 团餐顾问, 团餐经理)
    return roleWords.some((r) => r.start <= m.start && m.end <= r.end && r.end - r.start > m.end - m.start &&
      (ADVISER_TITLE.test(lower.slice(r.start, r.end)) || (/(?<!老)师$/.test(lower.slice(r.start, r.end)) && lower[r.end] !== "傅") || (!this.lexicon.performs(r.id, m.id) && lower[m.end] !== "师" && !SERVICE_DONE_TO.test(lower.slice(r.start, r.end)))));
  }

  async parse(text: string, ctx: ParseContext): Promise<ParseResult> {
    return this.parseSync(text, ctx);
  }

  /** Never throws: whatever the input, the answer is a valid ParseResult (at worst "unknown"). */
  parseSync(text: string, ctx: ParseContext): ParseResult {
    try {
      return this.run(text, ctx);
    } catch {
      return emptyResult("unknown", 0);
    }
  }

  private allowed(ctx: ParseContext): Set<string> | null {
    if (!ctx?.brandIds) return null;
    const key = ctx.brandIds.join("\u0000");
    let set = this.allowedCache.get(key);
    if (!set) {
      set = new Set(ctx.brandIds);
      if (this.allowedCache.size < 1000) this.allowedCache.set(key, set);
    }
    return set;
  }

  /** Product names said with an amount between two of their characters (充100网费 for 充网费): the name's mention over
   * the whole, where the name with the amount taken out is a product's exactly. */
  private splitNames(lower: string, allowed: Set<string> | null): CatalogMention[] {
    const out: CatalogMention[] = [];
    SPLIT_BY_AMOUNT.lastIndex = 0;
    for (let m = SPLIT_BY_AMOUNT.exec(lower); m; m = SPLIT_BY_AMOUNT.exec(lower)) {
      const [, a, amount, b] = m;
      const squeezed = a + b;
      const hit = this.matcher.exactMentions(squeezed, allowed).find((x) => x.kind === "product" && x.start < a.length && x.end > a.length);
      if (hit) out.push({ ...hit, start: m.index + hit.start, end: m.index + a.length + amount.length + (hit.end - a.length) });
      SPLIT_BY_AMOUNT.lastIndex = m.index + a.length;
    }
    return out;
  }

  /** Product names said around one of their own sizes ("803黑色墨盒" for 803墨盒 in 黑色, "儿童半天票" for 儿童票 of 半天): the
   * name's mention over the whole, where the text with the size taken out names that product exactly across the gap. */
  private namesAroundSizes(lower: string, allowed: Set<string> | null): CatalogMention[] {
    const out: CatalogMention[] = [];
    if (!this.innerSizes.size) return out;
    for (const z of this.innerSizes.find(lower)) {
      const after = lower.slice(z.end, z.end + 9);
      const skip = after.startsWith("的") ? 1 : 0;
      // (only a size written inside a word: a letter or a digit right before it and right after it)
      if (!WORD_CHAR.test(lower[z.start - 1] ?? "") || !WORD_CHAR.test(after[skip] ?? "")) continue;
      const a = lower.slice(Math.max(0, z.start - 8), z.start);
      const hit = this.matcher.exactMentions(a + after.slice(skip), allowed).find((x) => x.kind === "product" && x.start < a.length && x.end > a.length && this.matcher.products.get(x.id)?.sizes.includes(z.id));
      if (hit) out.push({ ...hit, start: z.start - a.length + hit.start, end: z.end + skip + (hit.end - a.length) });
    }
    return out;
  }

  /** Products by the last character of their names, said right after a size they come in (where nothing is named). */
  private sizedOneCharHeads(lower: string, orig: string, allowed: Set<string> | null, taken: Span[]): HeadMention[] {
    const out: HeadMention[] = [];
    // (the sizes said in the text, found once for each character that names products: not once for each place it is at)
    const sizesSaid = new Map<string, SizeMention[]>();
    for (let i = 1; i < lower.length; i++) {
      // (not a character dozens of names end in: 灯 of a lighting shop's thousand lamps says no one of them)
      const ids = (this.matcher.lastChars.get(lower[i])?.length ?? 0) <= MAX_LAST_CHAR_PRODUCTS ? this.matcher.lastChars.get(lower[i]) : undefined;
      // (not a verb done: the 考 of "科目一考了98分")
      if (!ids || taken.some((t) => t.start <= i && i < t.end) || /[了过着完]/.test(lower[i + 1] ?? "")) continue;
      const at = /[的嘞滴之]/.test(lower[i - 1]) ? i - 1 : i;
      // (only products that come in sizes: one without any fits no size said, and adds nothing to the sizes read)
      const products = ids.map((id) => this.matcher.products.get(id)!).filter((p) => !!p && p.sizes.length > 0 && (!allowed || allowed.has(p.brandId)));
      if (!products.length) continue;
      const inText = sizesSaid.get(lower[i]) ?? sizesSaid.set(lower[i], catalogSizes(lower, products, orig)).get(lower[i])!;
      // (a size read across the place, 5-6人的桌 as a whole, is read again in the text up to it: 5-6人)
      const across = inText.some((z) => z.start < at && z.end > at);
      const said = (across ? catalogSizes(lower.slice(0, at), products, orig.slice(0, at)) : inText).filter((z) => z.end === at && !z.weak);
      const fit = products.filter((p) => said.some((z) => { const size = resolveSize([z], p.sizes, p.sizeIndex); return size !== null && p.sizes.includes(size); }));
      if (fit.length && fit.length <= 3) out.push({ start: i, end: i + 1, ids: fit.map((p) => p.id) });
    }
    return out;
  }

  /** booking a service without naming who ("约个大保养"): the one role the service's words name */
  private roleOfItems(items: { productId: string; size?: string | null }[]): string | null {
    for (const i of items) {
      const role = this.lexicon.roleOfBooked(i.productId, i.size);
      if (role) return role;
    }
    return null;
  }

  /**
   * A craftsman's bare title said with a doing ("约个师傅修一下", "约个师傅看看毛衣上的洞能不能补上"): the one
   * role whose id names the person by that doing (a repairer, a mender), rather than whichever role 师傅 alone names.
   */
  private doneByTitled(lower: string, roles: TermMention[]): string | null {
    // (a craftsman's title: not a coach asked to "fix my slice", nor a teacher)
    if (!roles.length || !roles.every((r) => CRAFTSMAN_TITLE.test(lower.slice(r.start, r.end)))) return null;
    return this.lexicon.idDoingRoleIn(lower);
  }

  /**
   * A bare title of one who does the work (师傅, 老师) said with a service booked: the role that does the service, when
   * that role's own titles end in the same word ("约个师傅上门洗冰箱" asks for the 清洗师傅 who cleans fridges, not for
   * whichever role 师傅 alone names; "约烤全羊师傅" for the 烤羊师傅).
   */
  private titledServiceRole(lower: string, roles: TermMention[], items: { productId: string; size?: string | null }[]): string | null {
    if (!roles.length || !items.length) return null;
    const words = roles.map((r) => lower.slice(r.start, r.end));
    if (!words.every(isWorkerTitle)) return null;
    const role = this.roleOfItems(items);
    const labels = role ? this.lexicon.role(role)?.labels ?? [] : [];
    return words.every((w) => labels.some((l) => l.length > w.length && l.endsWith(w))) ? role : null;
  }

  /** One parse with what it went through (the rules' decision, the masked text): for training and evaluation. */
  traceSync(text: string, ctx: ParseContext): { result: ParseResult; trace: ParseTrace } {
    const trace: ParseTrace = {};
    let result: ParseResult;
    try {
      result = this.run(text, ctx, trace);
    } catch {
      result = emptyResult("unknown", 0);
    }
    return { result, trace };
  }

  private run(text: string, ctx: ParseContext, trace?: ParseTrace): ParseResult {
    let { orig, lower } = normalizeText(text, this.cantoneseKeep);
    if (!lower) return emptyResult("unknown", 0);
    // a message typed in pinyin is read in characters (pinyin-reader.ts)
    const read = /[a-z]{2}/.test(lower) ? this.pinyin.read(lower) : null;
    if (read) orig = lower = read;
    const allowed = this.allowed(ctx);

    // (a name that starts with the unit of a number before it is not said: the 寸照 of "5寸照片" is 5寸 + 照片)
    // (nor is a product named like a person's title but by its own name: "约个月嫂" asks for a maternity nurse, and for the
    // 月嫂服务 sold as 月嫂, not for a product whose words only hold the title; nor the "pick" of "pick them up")
    // every role word and category word in the text, found once (names and heads are checked against them)
    // (a title typed with a homophone, "滑雪交练", "社区经里", is read as the title: only where a booking is asked and no
    // role's word is said, so that other messages pay nothing for it)
    let roleWords = this.lexicon.roleWordsIn(lower);
    const roleText = roleWords.length || !BOOKING_SAID.test(lower) ? lower : this.titleTyposFixed(lower);
    if (roleText !== lower) roleWords = this.lexicon.roleWordsIn(roleText);
    const allRoles = this.lexicon.rolesIn(roleText, [], roleWords);
    const allCategories = this.lexicon.categoriesIn(lower);
    const pickUp = /(?<![a-z])pick(?:ing)?\s+(?:(?:it|them|this|these|those|my|the|it all)\s+)?up(?![a-z])/.exec(lower);
    // the kind of shop a brand is, said for it: "附近有茶楼吗", "barbershop near me" (a name inside it is the kind's word:
    // the 理发 of 理发店)
    const kinds = this.lexicon.kindMatcher.size ? this.lexicon.kindMatcher.find(lower).filter((k) => !allowed || allowed.has(k.id)) : [];
    const inKind = (m: Span) => kinds.some((k) => k.start <= m.start && m.end <= k.end && k.end - k.start > m.end - m.start);
    let stores: TermMention[] | undefined;
    const storesNamed = () => (stores ??= this.stores.find(lower));
    // (nor a product named inside a store's name: the 观音 of 观音桥店 is no 铁观音; nor a piece of a name said as a store's
    // place, the 八大关 of 八大关店 for 八大关建筑漫步)
    const inStore = (m: CatalogMention) => {
      if (m.kind !== "product") return false;
      const named = this.inStoreNames.has(lower.slice(m.start, m.end));
      return (named || /^[\u4e00-\u9fff]{0,3}店/.test(lower.slice(m.end, m.end + 4))) &&
        storesNamed().some((k) => k.start <= m.start && m.end <= k.end && k.end - k.start > m.end - m.start && (named || lower[k.end - 1] === "店"));
    };
    const mentions = this.matcher.findMentions(lower, allowed).filter((m) => !inKind(m) && !inStore(m)).filter((m) =>
      m.kind !== "product" || ((!/[\d一二两三四五六七八九十]$/.test(lower.slice(0, m.start)) || !this.units.some((u) => lower.startsWith(u, m.start))) &&
        !this.personNamed(lower, m, allRoles) && !this.insideRoleWord(lower, m, roleWords) && !(pickUp && m.start < pickUp.index + pickUp[0].length && pickUp.index < m.end)));
    // a product said by the first character of its name after a size word: "一个大薯 一杯中可"
    if (this.shortNames.size) {
      for (const m of lower.matchAll(/[大中小](?=\S)/g)) {
        const i = m.index;
        const hit = this.shortNames.get(lower[i + 1]);
        const product = hit && this.matcher.products.get(hit.id);
        // (said alone: not the whole name, nor the start of a longer word, 大可以, nor a common word, 中午)
        if (!hit || !product || (allowed && !allowed.has(product.brandId)) || lower.startsWith(hit.name, i + 1) || SIZE_LED_WORD.test(lower.slice(i, i + 3)) || (/[\u4e00-\u9fff]/.test(lower[i + 2] ?? "") && !/[的和跟加配各再来要]/.test(lower[i + 2]))) continue;
        if (mentions.some((m) => m.start < i + 2 && i < m.end)) continue;
        mentions.push({ start: i + 1, end: i + 2, kind: "product", id: hit.id, brandId: product.brandId, via: "exact" });
      }
    }
    // a size only one product comes in stands for that product ("办一张年卡")
    for (const w of this.sizeWords.find(lower)) {
      const product = this.matcher.products.get(w.id);
      if (!product || (allowed && !allowed.has(product.brandId))) continue;
      // (nor a span of time said as how long something took or when: "等半天了", "下半天来拿", "学了半年的")
      if (SPAN_OF_TIME.test(lower.slice(w.start, w.end)) && (/[等下过了学用]$/.test(lower.slice(0, w.start)) || /^[了前后内]/.test(lower.slice(w.end)))) continue;
      // (nor one that starts with 个 said after a numeral: the 个人 of "三个人" counts people)
      if (countedAt(lower, w.start)) continue;
      // (not right after another product, which it then describes: the 挂机 of "云佳挂机" is that air conditioner's;
      // unless that one does not come in it and its name is a word of this one's: "篮球全场" is the 篮球场 in 全场, not a
      // basketball)
      const before = mentions.find((m) => m.kind === "product" && m.end <= w.start && /^\s*$/.test(lower.slice(m.end, w.start)));
      if (before && !this.matcher.products.get(before.id)?.sizes.includes(lower.slice(w.start, w.end)) && [...lower.slice(before.start, before.end)].every((c) => product.chars?.has(c))) {
        before.id = w.id;
        before.brandId = product.brandId;
        continue;
      }
      // (nor an amount of what a product named is sold by: the 3个月 of "柜式仓 租3个月", a cabinet rented by the month, is
      // no seasonal storage sold in 3个月)
      const said = lower.slice(w.start, w.end);
      if (mentions.some((m) => { const unit = m.kind === "product" ? this.matcher.products.get(m.id)?.unit : null; return !!unit && countOf(said, unit) !== null; })) continue;
      // (nor before any product named after it, which it may describe: on unseen corpora this holds better than reading
      // "要一张月卡，再租个储物柜" as two things)
      // (nor said with 的 after one named, as the kind of it wanted, unless it is asked for on its own: the 粉色的 of "儿童镜架
      // 小号 粉色的来一个", the 烘干的 of "洗衣服 4斤左右 要烘干的"; "买个书包 再办一张年卡的" asks for both)
      if (lower[w.end] === "的" && mentions.some((m) => m.kind === "product" && m.end <= w.start) && !ASKED_ON_ITS_OWN.test(lower.slice(Math.max(0, w.start - 8), w.start))) continue;
      if (!mentions.some((m) => m.id === w.id || (m.start < w.end && w.start < m.end) || (m.kind === "product" && (m.end > w.start || /^\s*$/.test(lower.slice(m.end, w.start)))))) {
        mentions.push({ start: w.start, end: w.end, kind: "product", id: w.id, brandId: product.brandId, via: "exact" });
      }
    }
    // so does a size of several parts of letters and digits only one product comes in, said by its parts ("3S 5200 两块",
    // "2s5200mah x1" of a battery sold 3S 5200mAh), where that product is not named
    // (the parts said are its size too)
    const specNamed: (Span & { size: string })[] = [];
    for (const w of this.specSizes.find(lower)) {
      const product = this.matcher.products.get(w.id);
      if (!product || (allowed && !allowed.has(product.brandId))) continue;
      if (mentions.some((m) => m.id === w.id || (m.start < w.end && w.start < m.end))) continue;
      mentions.push({ start: w.start, end: w.end, kind: "product", id: w.id, brandId: product.brandId, via: "exact" });
      specNamed.push(w);
    }
    // a size several products come in stands for the one sold by the unit a count is said in ("中包 打四个小时" of rooms
    // by the hour), when nothing is named
    if (!mentions.some((m) => m.kind === "product") && this.soldByOf.size) {
      for (const w of this.sharedSizes.find(lower)) {
        const hit = [...(this.soldByOf.get(w.id) ?? [])].find(([unit]) => countOf(lower, unit) !== null)?.[1];
        const product = hit ? this.matcher.products.get(hit) : undefined;
        if (product && (!allowed || allowed.has(product.brandId)) && !mentions.some((m) => m.start < w.end && w.start < m.end)) {
          mentions.push({ start: w.start, end: w.end, kind: "product", id: product.id, brandId: product.brandId, via: "exact" });
          break;
        }
      }
    }
    // so does a size of a word and a measure said in parts ("来桶白的 5升"), when no product named comes in that measure
    // (or, for a number said bare, in any sizes)
    for (const w of this.composites.find(lower)) {
      const product = this.matcher.products.get(w.id);
      const fits = (m: (typeof mentions)[number]) => { const p = m.kind === "product" ? this.matcher.products.get(m.id) : undefined; return !!p && (p.sizeIndex.has(sizeKey(w.size)) || fitsProduct(w.measure, p.sizes, p.sizeIndex) || (/^[\d.]+$/.test(w.measure) && p.sizes.length > 0)); };
      if (product && (!allowed || allowed.has(product.brandId)) && !mentions.some((m) => m.id === w.id || (m.start < w.end && w.start < m.end) || fits(m))) {
        mentions.push({ start: w.start, end: w.end, kind: "product", id: w.id, brandId: product.brandId, via: "exact" });
      }
    }
    // a name that starts with an amount, said by that amount and its unit ("大包3小时", "唱三个小时" for 3小时欢唱套餐)
    // (not an amount a product named comes in: the 3mm of "男款湿衣 3mm L码", a wetsuit in 3mm-L, is no 3mm潜水靴)
    for (const w of this.amountNames(lower)) {
      const product = this.matcher.products.get(w.id);
      const said = sizeKey(lower.slice(w.start, w.end));
      const sizeOfNamed = () => mentions.some((m) => m.kind === "product" && this.matcher.products.get(m.id)?.sizes.some((z) => sizeKey(z) === said || z.toLowerCase().split(/[-\s/+]/).includes(said)));
      if (product && (!allowed || allowed.has(product.brandId)) && !mentions.some((m) => m.id === w.id || (m.start < w.end && w.start < m.end)) && !sizeOfNamed()) {
        mentions.push({ start: w.start, end: w.end, kind: "product", id: w.id, brandId: product.brandId, via: "exact" });
      }
    }
    mentions.sort((a, b) => a.start - b.start);
    // one product named twice in a row is one mention: "T8灯管" (T8 and 灯管 are both its names); and two names said
    // together that are one product's name: "猕猴桃礼盒" of 红心猕猴桃礼盒 (猕猴桃 its alias, 礼盒 another product's)
    for (let k = mentions.length - 1; k > 0; k--) {
      const [a, b] = [mentions[k - 1], mentions[k]];
      const joined = a.kind === "product" && b.kind === "product" && a.end === b.start && a.id !== b.id && (this.matcher.products.get(a.id)?.name ?? "").includes(lower.slice(a.start, b.end));
      if (joined) b.id = a.id;
      if (a.kind === "product" && b.kind === "product" && a.id === b.id && /^\s*$/.test(lower.slice(a.end, b.start))) {
        mentions.splice(k - 1, 2, { ...a, end: b.end });
      }
    }
    // a name said with an amount inside it: 充100网费 (充网费), 戴尔24寸显示器 (戴尔显示器)
    for (const w of [...this.splitNames(lower, allowed), ...this.namesAroundSizes(lower, allowed)]) {
      if (mentions.some((m) => m.kind === "product" && m.start < w.end && w.start < m.end && (m.start < w.start || m.end > w.end))) continue;
      for (let k = mentions.length - 1; k >= 0; k--) if (mentions[k].start >= w.start && mentions[k].end <= w.end) mentions.splice(k, 1);
      mentions.push(w);
    }
    mentions.sort((a, b) => a.start - b.start);
    // another of the same kind said by what sets it apart, with 的: the 巧克力的 of "冰淇淋鸡蛋仔一个 巧克力的一个" is the
    // 巧克力鸡蛋仔, the 彩色的 of "黑白打印A4 300张，彩色的A4 20张" the 彩色打印
    for (const w of this.siblingsSaid(lower, mentions, allowed)) mentions.push(w);
    mentions.sort((a, b) => a.start - b.start);
    // (nor a name found by its parts inside a store's: the 八 and 大关 of 八大关店)
    for (let k = mentions.length - 1; k >= 0; k--) if (inStore(mentions[k])) mentions.splice(k, 1);
    // (a name inside an order id is part of the id: the OAK of "订单OAK-1126-0107")
    const orderId = findOrderId(lower, orig, this.couponKeys);
    if (orderId) for (let k = mentions.length - 1; k >= 0; k--) if (overlaps(mentions[k], orderId)) mentions.splice(k, 1);
    const productMentions: ProductMention[] = [];
    let explicitBrand: string | null = null;
    for (const m of mentions) {
      // a brand named like a delivery phrase ("送到家" is not the brand 到家) is the phrase (not after a message's 推送 or
      // 发送: "不要再推送洁匠的活动了" names the brand)
      if (m.kind === "brand" && /[送寄带拿回]$/.test(lower.slice(Math.max(0, m.start - 1), m.start)) && !/[推发传]送$/.test(lower.slice(Math.max(0, m.start - 2), m.start))) continue;
      if (m.kind === "brand") explicitBrand ??= m.id;
      else {
        const product = this.matcher.products.get(m.id);
        if (product) productMentions.push({ start: m.start, end: m.end, product });
      }
    }
    // (a product a coupon is named by is no item: "秀禾服88折的券领一张", "年卡满1000减100那张券", "get me the 相册9折 coupon")
    // (unless it is the only product named, the coupon is put to use and what is ordered is then said: "土鸡蛋9折那张券用上 再下单30枚的两盒")
    const onlyProduct = (k: number) => productMentions.every((o) => o.product.id === productMentions[k].product.id);
    for (let k = productMentions.length - 1; k >= 0; k--) {
      const m = productMentions[k];
      if (!COUPON_OF.test(lower.slice(m.end, m.end + 24))) continue;
      if (onlyProduct(k) && usedThenOrdered(lower.slice(m.end))) continue;
      productMentions.splice(k, 1);
    }
    // (nor one said with a discount of a coupon whose title it is in: "雪镜头盔9折用这个", "用沙发套7折", "轮椅满1000减100能用吧")
    // (unless it is the only product named and is then ordered: "木屋85折能用不 twin room订一晚")
    if (this.couponTitles.length && /[折减]/.test(lower)) {
      for (let k = productMentions.length - 1; k >= 0; k--) {
        if (!namesCoupon(lower, productMentions[k].start, this.couponTitles)) continue;
        if (productMentions.length === 1 && ORDERED_AFTER.test(lower.slice(productMentions[k].end))) continue;
        if (onlyProduct(k) && usedThenOrdered(lower.slice(productMentions[k].end))) continue;
        productMentions.splice(k, 1);
      }
    }
    // (nor one of another brand's said as how much of it to put in what is ordered: the 辣子 of "凉皮大份 辣子多放", the 酸笋 of
    // "鸡杂粉 多放酸笋", where the 辣子 and the 酸笋 the catalog sells are another shop's; a shop's own topping is ordered, "多放点臊子")
    for (let k = productMentions.length - 1; k >= 1; k--) {
      const m = productMentions[k];
      if (productMentions[0].product.brandId === m.product.brandId) continue;
      if (SEASONED_AFTER.test(lower.slice(m.end, m.end + 8)) || SEASONED_BEFORE.test(lower.slice(Math.max(0, m.start - 6), m.start))) productMentions.splice(k, 1);
    }
    // (nor one read inside one of the catalog's coupon codes: the soju of SOJU8, the 季卡 of JIKA50 read in pinyin)
    const code = findCouponCode(lower, orig, this.couponCodes, orderId);
    if (code && code.end > code.start && this.couponBrand.has(code.value)) for (let k = productMentions.length - 1; k >= 0; k--) if (overlaps(productMentions[k], code)) productMentions.splice(k, 1);
    // (a thing said with renting is the rental of it, when the catalog rents it out: "头盔租俩", "租个轮椅")
    for (const m of productMentions) {
      const rental = this.matcher.products.get(this.rentalSiblings.rentalOf(lower, { start: m.start, end: m.end, productId: m.product.id }) ?? "");
      if (rental && (!allowed || allowed.has(rental.brandId))) m.product = rental;
    }
    // a head noun said alone ("要把小提琴 1/4的"), where no name or role word is written: the product of
    // those ending in it that a size in the sentence fits
    // (a head noun may also be a category word: 帐篷 of "6人帐篷", "a tent for 2")
    const heads = this.matcher.findHeads(lower, [...mentions, ...allRoles], allowed)
      // (not a word of a longer name: "music theory class", "guitar trial lesson"; nor a unit counted: "三个小时")
      .filter((h) => /^[a-z]/.test(lower[h.start]) || !COUNTED_BEFORE.test(lower.slice(Math.max(0, h.start - 6), h.start)))
      // (nor one said right after a product and a size of it: the 全车 of "陶瓷膜 SUV全车", which says how much of it)
      .filter((h) => !productMentions.some((m) => (m.end <= h.start && /^\s*$/.test(withoutSizes(lower.slice(m.end, h.start), m.product.sizes))) || (h.end <= m.start && /^\s*$/.test(lower.slice(h.end, m.start)))))
      .filter((h) => !h.tag || !productMentions.length)
      // (nor the kind of a product named, said again: the 改色 of "纳多灰整车改色 轿车", a category word of the grey wrap named
      // that a pink one's name ends in; not when a size is said that only what the word ends comes in: "平板拖把38cm + 拖把替换头")
      .filter((h) => !productMentions.some((m) => isKindOf(m.product, lower.slice(h.start, h.end)) && !h.ids.some((id) => ownSizeSaid(lower, this.matcher.products.get(id)!, m.product))))
      // (nor a container counted beside a product named: the boxes of "3 large boxes of 鸭舌", the bottles of "goat milk
      // 500ml, three bottles")
      .filter((h) => !productMentions.length || !EN_COUNTED.test(lower.slice(Math.max(0, h.start - 24), h.end)));
    // (where nothing else is named, the last character of a name said right after a size only some of the products ending
    // in it come in: "72W的灯" of a 美甲灯 sold 48W/72W/96W)
    if (!productMentions.length && !heads.length && this.matcher.lastChars.size) heads.push(...this.sizedOneCharHeads(lower, orig, allowed, [...mentions, ...allRoles]));
    const candidates = heads.map((h) => h.ids.map((id) => this.matcher.products.get(id)!));
    const sized = [...productMentions.map((m) => m.product), ...candidates.flat()];
    // (the amounts of a coupon's threshold and discount are no sizes: 满500减50)
    const threshold = /满\s*\d+(?:\.\d+)?\s*[万千kw]?\s*(?:元|块)?\s*[减送返]\s*\d+/.exec(lower);
    const notThreshold = (z: Span) => !threshold || !overlaps(z, { start: threshold.index, end: threshold.index + threshold[0].length });
    const sizes = (sized.length ? findSizes(lower, orig, catalogSizes(lower, sized, orig)) : []).filter(notThreshold);
    // (sizes said in Chinese numerals that only digits make plain, "零点四的" for 0.4mm, "五十乘五十", "四分之一": read again
    // with the numerals as digits, each where no size was found)
    const spelled = sized.length ? digitsWritten(lower) : null;
    if (spelled) {
      for (const z of findSizes(spelled.text, spelled.text, catalogSizes(spelled.text, sized, spelled.text))) {
        const span = spelled.back(z);
        // (not one of two numbers said with 乘 between, read apart: the 30 and the 40 of 三十乘四十)
        if (spelled.rewritten(z) && !sizes.some((o) => overlaps(o, span)) && lower[span.end] !== "乘" && lower[span.start - 1] !== "乘" && notThreshold(span)) sizes.push({ ...z, ...span });
      }
      sizes.sort((a, b) => a.start - b.start);
    }
    // 大/中/小 written right before a product's name is its size ("一个大果盘", "两个中果盘"): weak, like "large"
    for (const m of productMentions) {
      const mark = WEAK_MARKS[lower[m.start - 1] ?? ""];
      if (mark && m.product.sizes.length && !sizes.some((z) => z.start < m.start && m.start - 1 < z.end)) sizes.push({ start: m.start - 1, end: m.start, ...mark, weak: true });
      // (or said alone after it, between spaces, before a count: "美式 大 x2，拿铁 中 x1")
      const alone = /^\s+([大中小])(?=\s*(?:[x×*]\s*\d|[一两二三四五六七八九十\d]+\s*[杯份个碗]|[,，、;；]|$))/.exec(lower.slice(m.end));
      const at = alone ? m.end + alone[0].length - 1 : -1;
      if (alone && m.product.sizes.length && !sizes.some((z) => z.start <= at && at < z.end)) sizes.push({ start: at, end: at + 1, ...WEAK_MARKS[alone[1]], weak: true });
    }
    // a size of one character written against the product's name, before it or after it ("冻奶茶", "炒面中", "奶茶热两杯";
    // after it, not starting another word: a count, a measure, 的 or no Chinese follows; not a measure word, the 瓶 of
    // "来瓶冰红茶")
    for (const m of productMentions) {
      const taken = (at: number) => sizes.some((z) => z.start <= at && at < z.end);
      const one = (at: number) => m.product.sizes.includes(lower[at] ?? "") && /[\u4e00-\u9fff]/.test(lower[at]) && !MEASURE_WORDS.includes(lower[at]) && !taken(at);
      const glued = (at: number) => ({ start: at, end: at + 1, keys: [sizeKey(lower[at])], display: lower[at], weak: false });
      if (one(m.start - 1)) sizes.push(glued(m.start - 1));
      else if (one(m.end) && !STARTS_A_WORD.test(lower.slice(m.end, m.end + 2))) sizes.push(glued(m.end));
    }
    sizes.sort((a, b) => a.start - b.start);
    // (a size inside a product's name that is not one of its sizes is part of the name: the 四人 of 四人套餐; one that is
    // names the size: "报KET班")
    // (nor one its own name holds, and no other of its sizes, inside a longer word: the 大盘 of 大盘鸡, a dish sold
    // 小盘/中盘/大盘, whose name is 沙湾大盘鸡; the KET of "KET班" names the size of 剑桥KET/PET备考班)
    const ofItsName = (size: string, p: ProductInfo) => {
      const name = (p.name ?? "").toLowerCase();
      // (a size of one character is a unit more often, the 串 of 羊肉串 sold 串/把: it still counts)
      return size.length > 1 && name.includes(size.toLowerCase()) && p.sizes.filter((o) => name.includes(o.toLowerCase())).length === 1;
    };
    for (let k = sizes.length - 1; k >= 0; k--) {
      const z = sizes[k];
      const within = productMentions.find((m) => m.start <= z.start && z.end <= m.end && m.end - m.start >= z.end - z.start);
      const size = within ? resolveSize([z], within.product.sizes, within.product.sizeIndex) : null;
      // (said alone, the size is still the size: the 卡包 of "卡包两个" for a 钱包/卡包清洁 sold 长款/卡包)
      const alone = within && z.start === within.start && z.end === within.end;
      // (and a weak one in Chinese, 大 or 小, inside a name is always the name's: the 大 of 速冻鲜肉大包 sold 6只装/12只装)
      if (within && ((z.weak && /^[大中小]/.test(lower.slice(z.start, z.end))) || size === null || !within.product.sizes.includes(size) || (ofItsName(size, within.product) && !alone))) sizes.splice(k, 1);
    }
    // (a catalog's Chinese size word said in English: "resole with a leather sole" for 真皮底)
    // (only of a product no size was found for otherwise: the dictionary is the last resort)
    // (and only in a message with English words: most are Chinese, and the sizes need not be resolved for them)
    // (another product's own size is none of this one's: the 7ft of "surf leash 7ft + tropical wax" is the leash's)
    const othersSize = (z: SizeMention, p: ProductInfo) => z.keys.some((k) => sized.some((o) => o !== p && o.sizeIndex.has(k)));
    const sizeless = ENGLISH_WORD.test(lower) ? sized.filter((p) => !sizes.some((z) => {
      const r = resolveSize([z], p.sizes, p.sizeIndex);
      return r !== null && (p.sizes.includes(r) || !othersSize(z, p)) && !isAmountSold(r, p);
    })) : [];
    if (sizeless.length) sizes.push(...englishSizes(lower, sizeless, [...productMentions, ...sizes]));
    for (const w of specNamed) {
      for (let k = sizes.length - 1; k >= 0; k--) if (overlaps(sizes[k], w)) sizes.splice(k, 1);
      if (productMentions.some((m) => m.start === w.start && m.end === w.end)) sizes.push({ start: w.start, end: w.end, keys: [sizeKey(w.size)], display: w.size, weak: false });
    }
    sizes.sort((a, b) => a.start - b.start);
    // (one product describing another: said right before it, with 的 or nothing between, or after it with "for the";
    // "买iPhone 17 Pro 再配个手机壳" buys both)
    const describes = (m: Span, o: Span) =>
      o.start >= m.end ? /^\s*(?:用)?的?\s*$/.test(lower.slice(m.end, o.start)) : /^\s*(?:(?:for|fits?|of)\s+)?(?:(?:the|my|a|an)\s+)?$/.test(lower.slice(o.end, m.start)) ||
        // (or said after it as its kind, with 的 and only its amount between: the 后腿 of "腊肉 5 jin 后腿的", "腊肉五斤要五花的")
        (lower[m.end] === "的" && AMOUNT_BETWEEN.test(lower.slice(o.end, m.start)));
    // (a name inside a longer size of another product is a word of that size: the 精修 of "形象照 精修3张")
    for (let k = productMentions.length - 1; k >= 0; k--) {
      const m = productMentions[k];
      // (also one said as another named product's size: the phone of "mate70的手机壳" is the case's size)
      const sizeOfOther = (z: SizeMention) => productMentions.some((o) => o !== m && describes(m, o) && o.product.sizes.includes(resolveSize([z], o.product.sizes, o.product.sizeIndex) ?? ""));
      // (not a size of its own: the 包间 of "小包间 两箱乌苏" is the room in 小包间)
      const own = (z: SizeMention) => m.product.sizes.includes(resolveSize([z], m.product.sizes, m.product.sizeIndex) ?? "");
      if (productMentions.length > 1 && sizes.some((z) => !z.weak && z.start <= m.start && m.end <= z.end && (z.end - z.start > m.end - m.start || sizeOfOther(z)) && !own(z))) productMentions.splice(k, 1);
    }
    // (and a product whose name is another named product's size, however it was said: "17pro的钢化膜", "a case for the
    // 17 pro" ask for the film and the case in size iPhone 17 Pro)
    for (let k = productMentions.length - 1; k >= 0 && productMentions.length > 1; k--) {
      const m = productMentions[k];
      // (its names, or the words it was said by: the "PLA" of "FDM打印PLA" for PLA耗材 is the printing's material)
      const said = sizeKey(lower.slice(m.start, m.end));
      const named = this.sizeNamed.get(m.product.id);
      const keys = named ? (named.has(said) ? named : new Set([...named, said])) : new Set([said]);
      const size = productMentions.filter((o) => o.product.id !== m.product.id && describes(m, o)).flatMap((o) => [...keys].map((k) => o.product.sizeIndex.get(k))).find((z) => z !== undefined);
      if (!size) continue;
      productMentions.splice(k, 1);
      sizes.push({ start: m.start, end: m.end, keys: [sizeKey(size)], display: size, weak: false });
      sizes.sort((a, b) => a.start - b.start);
    }
    if (heads.length) {
      // (a head no size can pick does not bound the others' sizes: the trek of "which backpack size for a 3 day trek, 45L or 55L")
      const all = [...productMentions, ...heads.filter((_, k) => candidates[k].some((p) => p.sizes.length))].sort((a, b) => a.start - b.start);
      heads.forEach((h, k) => {
        // (a head inside a size is the size's unit: the hour of "1 hour")
        if (sizes.some((z) => !z.weak && z.start <= h.start && h.end <= z.end)) return;
        // (a size of one character written against it is one of its products': the 竹 of "竹套餐" for 铁板烧套餐 sold 梅/竹/松)
        const c = lower[h.start - 1] ?? "";
        if (/[\u4e00-\u9fff]/.test(c) && !MEASURE_WORDS.includes(c) && candidates[k].some((p) => p.sizes.includes(c)) && !sizes.some((z) => z.start < h.start && h.start - 1 < z.end)) {
          sizes.push({ start: h.start - 1, end: h.start, keys: [sizeKey(c)], display: c, weak: false });
          sizes.sort((a, b) => a.start - b.start);
        }
        const i = all.indexOf(h);
        const from = i > 0 ? all[i - 1].end : 0;
        const to = i + 1 < all.length ? all[i + 1].start : lower.length;
        const near = sizes.filter((s) => s.start >= from && s.end <= to);
        // (one of its sizes, or a size in one of its units: "10寸照片" is a print of a size the shop may not have)
        // (one that comes in the size said beats one whose sizes are only in its unit: "6人帐篷" is the tent sold in
        // 6人, not the one in 1–3人; among several, the one more of whose name the text says: 租 of "租个4人帐篷")
        // (said in the head's own clause: the 露营 of "租个4人帐篷 周六去阳宗海露营" is where, not which tent)
        const clause = lower.slice(clauseStart(lower, h.start), clauseEnd(lower, h.end));
        const said = (p: ProductInfo) => [...(p.chars ?? [])].filter((c) => clause.includes(c) && !lower.slice(h.start, h.end).includes(c)).length;
        const has = (p: ProductInfo) => near.some((s) => { const size = resolveSize([s], p.sizes, p.sizeIndex); return size !== null && p.sizes.includes(size); }) || bareNumberSize(lower.slice(from, to), p.sizeIndex) !== null;
        const inUnit = (p: ProductInfo) => near.some((s) => { const size = resolveSize([s], p.sizes, p.sizeIndex); return size !== null && fitsProduct(size, p.sizes, p.sizeIndex); });
        const exact = candidates[k].filter((p) => p.sizes.length && has(p));
        // (an English head that only one product without sizes has, counted or with an article: "and a lock")
        const sole = candidates[k].length === 1 && !candidates[k][0].sizes.length && /^[a-z]/.test(lower[h.start]) && /(?:^|\s)(?:a|an|one|the|\d+)\s+$/.test(lower.slice(Math.max(0, h.start - 6), h.start)) && !sizes.some((z) => overlaps(z, h)) ? candidates[k][0] : undefined;
        const fits = exact.length ? exact.reduce((a, b) => (said(b) > said(a) ? b : a)) : candidates[k].find((p) => p.sizes.length && inUnit(p)) ?? sole;
        // (said without a size that picks one, it is the customer's own thing or a general word: "my guitar", "买把吉他")
        if (fits) productMentions.push({ start: h.start, end: h.end, product: fits, head: true });
      });
      productMentions.sort((a, b) => a.start - b.start);
    }
    // (an amount per container said with one of it, "50斤一袋" for the size 50斤/袋: the 一袋 is the size's, no count)
    // (and its own count is not before it: the 36 of "周麦36 50斤一袋")
    const perContainer = new Set<SizeMention>();
    sizes.forEach((z, k) => {
      const per = /^\s*(?:一|1|每)\s*([\u4e00-\u9fff])/.exec(lower.slice(z.end));
      if (!per || z.weak || !productMentions.some((m) => resolveSize([z], m.product.sizes, m.product.sizeIndex)?.endsWith(`/${per[1]}`))) return;
      sizes[k] = { ...z, end: z.end + per[0].length };
      perContainer.add(sizes[k]);
    });
    // a number that is part of a size ("10只装", "19朵") is not a count
    // (nor one inside a product's name: the 八台 of 中八台, the 三杯 of 三杯鸡)
    // (not a coupon's discount: the 5 of 满30减5, the 50 of 立减50, the 8 of 8折)
    const discounts = /[减折]/.test(lower) ? [...lower.matchAll(DISCOUNT_SAID)].map((m) => ({ start: m.index!, end: m.index! + m[0].length })) : [];
    const quantities = findQuantities(lower).filter((q) => !discounts.some((d) => d.start < q.end && q.start < d.end)).filter((q) => !sizes.some((s) => !s.weak && s.start < q.end && q.start < s.end) && !productMentions.some((m) => m.start <= q.start && q.end <= m.end));
    // a number right before a size said in a measure word counts it: "两大杯", "剔尖两小碗" (2 × 大杯, 2 × 小碗)
    for (const z of sizes) {
      // (or in an English plural: "3 cans" of a cola sold 罐装)
      if (perContainer.has(z) || (!MEASURE_END.test(lower.slice(z.start, z.end)) && !/^[a-z]{3,}s$/.test(lower.slice(z.start, z.end)))) continue;
      const n = COUNT_BEFORE.exec(lower.slice(Math.max(0, z.start - 4), z.start));
      const value = n ? parseNumber(n[1]) : null;
      const start = z.start - (n?.[0].length ?? 0);
      if (value && Number.isInteger(value) && value >= 1 && !quantities.some((q) => q.start < z.start && start < q.end)) quantities.push({ start, end: z.start, value, kind: "measure" });
    }
    quantities.sort((a, b) => a.start - b.start);
    // "一对" of a thing sold one by one is two of it: "外胎 要一对", "一对银镯子" (of one sold as a pair, 一对装 or 按对计, it
    // is one: "同轴喇叭一对", "护膝一对"); the thing is the one it is said of, before it with no pause between, else after it
    // (the items read the count from their own copy of the text, where it is said "两个")
    let itemText = lower;
    if (lower.includes("一对")) {
      quantities.forEach((q, k) => {
        if (q.value !== 1 || q.kind !== "measure" || lower.slice(q.start, q.end) !== "一对" || /^\s*(?:一|1(?![\d.]))/.test(lower.slice(q.end, q.end + 3))) return;
        const open = (from: number, to: number) => !/[,，。;；、!！?？+&\n]|再|和|跟|还有|另外/.test(lower.slice(from, to));
        const prev = productMentions.filter((m) => m.end <= q.start).pop();
        const next = productMentions.find((m) => m.start >= q.end);
        const of = prev && open(prev.end, q.start) ? prev : next && open(q.end, next.start) ? next : null;
        if (!of || of.product.pairs) return;
        quantities[k] = { ...q, value: 2 };
        itemText = `${itemText.slice(0, q.start)}两个${itemText.slice(q.end)}`;
      });
    }
    const built = buildItems(itemText, orig, productMentions, quantities, sizes);
    const { explicitQuantity } = built;

    const titled = this.couponTitles.length ? couponByTitle(lower, allowed ? this.couponTitles.filter((c) => allowed.has(c.brandId)) : this.couponTitles) ?? this.newCustomerCoupon(lower, explicitBrand ?? productMentions[0]?.product.brandId ?? null, allowed) : null;
    const coupon = code ?? (titled ? { start: 0, end: 0, value: titled } : null);
    const couponBrand = coupon ? this.couponBrand.get(coupon.value) ?? null : null;
    // domain nouns beyond names: categories (product tags) and staff roles, both from the catalog
    // a role named outright, or a service that is also a product ("约个小保养": the product and the technician)
    // (not one who told the customer what to buy: "幼儿园老师让买的", "医生说要买")
    // (nor a grade of the service said as its size: the 首席 of 首席档, the chief artist of "chief artist level")
    let roles = this.lexicon.rolesIn(roleText, mentions, roleWords).filter((r) => !ADVISED.test(lower.slice(r.end, r.end + 3)) && !sizes.some((z) => !z.weak && z.start <= r.start && r.end <= z.end));
    // (a service said as a person, "来个开锁的", is the role's word too)
    const roleWord = roles.length > 0 || allRoles.some((r) => /个\s*$/.test(lower.slice(0, r.start)) && lower[r.end] === "的");
    // (and one beside a bare title says more than it: the 贴墙纸 of "约贴墙纸的师傅")
    if (roles.every((r) => isBareTitle(lower.slice(r.start, r.end)))) {
      roles = [...roles, ...allRoles.filter((r) => !roles.some((o) => o.start === r.start && o.end === r.end) &&
        productMentions.some((p) => p.start < r.end && r.start < p.end && 2 * (r.end - r.start) >= p.end - p.start))];
    }
    // (a category word inside a person's title is the title's: "pastry chef" names no pastry; inside a service it
    // still counts: "换轮胎" is about tyres)
    const titles = roles.filter((r) => isTitle(lower.slice(r.start, r.end)));
    // (nor is a one-character word inside any role's words: the 书 of 读书会; nor "book" said as the verb of booking:
    // "book a reading host")
    const inside = (c: Span, r: Span) => r.start <= c.start && c.end <= r.end && r.end - r.start > c.end - c.start;
    const wallets = /[卡券]|show/.test(lower) ? [...lower.matchAll(COUPON_WALLET)].map((m) => ({ start: m.index!, end: m.index! + m[0].length })) : [];
    // (nor a tag that is a way of receiving an order: "外卖" tagged on one brand's kit is no category)
    const categories = allCategories
      .filter((c) => !mentions.some((m) => overlaps(m, c)) && !titles.some((r) => inside(c, r)) && parseFulfillment(lower.slice(c.start, c.end)) === null)
      .filter((c) => c.end - c.start > 1 || !roles.some((r) => inside(c, r)))
      .filter((c) => !(/^books?$/.test(lower.slice(c.start, c.end)) && /^\s+(?:a|an|the|me|my|us|him|her|for|with|in|at|some|one|two|\d)\b/.test(lower.slice(c.end))))
      // (nor a word inside the wallet one's coupons are in: the 包 of 券包 or 卡包, the 卡 of 卡券; nor "show" asking to be
      // shown, "show my coupons")
      .filter((c) => !wallets.some((w) => w.start <= c.start && c.end <= w.end));
    // (a head noun may yet be dropped, below: it does not stand in the way)
    const categoryBrand = explicitBrand || productMentions.some((m) => !m.head) ? null : this.lexicon.categoryBrand(categories, allowed);
    const kindBrand = kinds.find((k) => !mentions.some((m) => overlaps(m, k)))?.id ?? null;
    const brandOf = (named: ProductMention[]) =>
      explicitBrand ?? named[0]?.product.brandId ?? (couponBrand && (!allowed || allowed.has(couponBrand)) ? couponBrand : null) ?? kindBrand ?? categoryBrand;
    let brandId: string | null = brandOf(productMentions);

    const now = ctx?.now instanceof Date && !Number.isNaN(ctx.now.getTime()) ? ctx.now : new Date();
    // (a time word inside a name is no time: the "Night" of a bar called Night Flight, the 周末 of 周末班)
    // (nor inside a code: the WED of WED500)
    // (nor a kind of day that prices a ticket: the 周末 of "周末儿童票两张")
    // (nor a part of the day one comes in, said so: "半日托上午班"; "Friday afternoon" is a time, though the catalog's 下午班
    // is afternoon)
    const dayKinds = sizes.filter((z) => !z.weak && (DAY_KIND.test(z.display) || (DAY_PART.test(z.display) && /[\u4e00-\u9fff]/.test(lower.slice(z.start, z.end)))));
    const whenText = blankSpans(lower, [...mentions, ...dayKinds, ...(coupon && coupon.end > coupon.start ? [coupon] : []), ...(orderId ? [orderId] : [])]);
    let when = parseWhen(whenText, now, ctx?.timezone || "UTC");
    // (but a session named by its part of the day gives a day said outside it that part: "周六下午场", "今天下午场 小包",
    // "下周六 夜场" (the 下午场 a product's name), when nothing outside says the hour)
    if (when !== null && !PERIOD_OR_HOUR.test(whenText)) {
      const part = [...productMentions, ...dayKinds].map((m) => SESSION_PART.exec(lower.slice(m.start, m.end))).find((m) => m !== null);
      if (part) when = parseWhen(`${whenText} ${part[1] ?? "晚上"}`, now, ctx?.timezone || "UTC");
    }
    // (a size is no rating and no radius: the 4分 of a pipe fitting, the 300M of broadband)
    const unsized = blankSpans(lower, sizes.filter((z) => !z.weak), " ");
    // (nor a length of what is sold by the metre or the kilometre, "无缝墙布 25米", "拖车 25公里", unless a search is said:
    // "附近500米")
    const byMetre = productMentions.some((m) => m.product.unit === "米" || m.product.unit === "公里") && !/附近|以内|之内|范围|(?<![a-z])(?:within|near|nearby)(?![a-z])/.test(lower);
    const radiusMeters = byMetre ? null : parseRadius(unsized);
    const rating = parseRating(unsized);
    // (not a way of receiving said inside the name of a card, a voucher, a form or a container: the 提货 of 提货卡, the 送货 of
    // 送货单, the 外带 of 外带冰淇淋盒)
    // (nor a way of receiving that is itself what is bought, as the product's name says: the parcel service 寄快递, a pickup
    // and return 上门取送, a same-day service 当日达, an airport drop-off 送机: one buys it, and says nothing of how an order comes)
    const cards = mentions.filter((m) => m.kind === "product" && (/[卡券单盒杯袋桶]$/.test(lower.slice(m.start, m.end)) || parseFulfillment(lower.slice(m.start, m.end)) !== null));
    const fulfillment = parseFulfillment(cards.length ? blankSpans(lower, cards) : lower);

    let staff: TermMention[] | undefined;
    const staffNamed = () => (staff ??= this.lexicon.staffIn(lower));
    const signals = {
      lower,
      named: blankSpans(lower, productMentions.filter((m) => PRAISE_IN_NAME.test(lower.slice(m.start, m.end)))),
      hasProduct: productMentions.length > 0,
      hasBrand: brandId !== null,
      hasCategory: categories.length > 0,
      hasRole: roles.length > 0,
      hasTitle: titles.length > 0,
      hasRoleWord: roleWord,
      hasFulfillment: fulfillment !== null,
      hasQuantity: explicitQuantity || quantities.length > 0,
      hasCount: quantities.length > 0,
      hasSize: sizes.length > 0,
      hasCoupon: coupon !== null,
      hasOrderId: orderId !== null,
      hasRating: rating !== null,
      hasWhen: when !== null,
      hasRadius: radiusMeters !== null,
      // (staff and store names matter only with a time, or with nothing else named: looked for then only)
      hasStaff: when !== null && staffNamed().length > 0,
      hasService: productMentions.some((m) => this.lexicon.roleOfProduct(m.product.id) !== null),
      hasStore: productMentions.length === 0 && storesNamed().some((m) => /(?:店|store|branch)$/.test(lower.slice(m.start, m.end))),
    };
    const decision = decideIntent(signals);
    // the catalog's words, times and numbers masked: what the intent model reads (only when it is asked)
    const masked = () => {
      const spans: MaskSpan[] = [
        ...mentions.map((m) => ({ start: m.start, end: m.end, tag: m.kind === "brand" ? ("brand" as const) : ("product" as const) })),
        ...heads.map((h) => ({ start: h.start, end: h.end, tag: "product" as const })),
        ...allRoles.map((r) => ({ start: r.start, end: r.end, tag: "role" as const })),
        ...staffNamed().map((r) => ({ start: r.start, end: r.end, tag: "role" as const })),
        ...allCategories.map((c) => ({ start: c.start, end: c.end, tag: "category" as const })),
        ...storesNamed().map((c) => ({ start: c.start, end: c.end, tag: "store" as const })),
        ...sizes.filter((z) => !z.weak).map((z) => ({ start: z.start, end: z.end, tag: "size" as const })),
        ...(coupon ? [{ start: coupon.start, end: coupon.end, tag: "coupon" as const }] : []),
        ...(orderId ? [{ start: orderId.start, end: orderId.end, tag: "orderId" as const }] : []),
      ];
      return maskText(lower, spans);
    };
    if (trace) {
      trace.rules = decision;
      trace.signals = signals;
      trace.masked = masked();
    }
    // the one place the learned model is combined with the rules: it may answer where the rules are unsure
    const combined = this.intentModel ? this.intentModel.combine(decision, masked) : decision;
    const intent = combined.intent;
    // (the rules' own unknown carries nothing; an unknown the model answers keeps what was named, as the corpora label
    // it: "拾光这个名字好好听" names the brand)
    if (intent === "unknown" && decision.intent === "unknown") return emptyResult("unknown", combined.confidence);
    // a head noun names a product only in an order, or in a question about one ("6寸照片那单帮我撤了");
    // "which case is best for a Mate 60 Pro?" asks about cases
    let items = built.items;
    // (or one said with two of its own sizes, which asks about that product: "-10度的睡袋和-20度的差别大吗")
    if (!ORDER_INTENTS.has(intent) && productMentions.some((m) => m.head)) {
      const own = (m: ProductMention) => new Set(sizes.map((z) => resolveSize([z], m.product.sizes, m.product.sizeIndex)).filter((z) => z !== null && m.product.sizes.includes(z))).size >= 2;
      const named = productMentions.filter((m) => !m.head || own(m));
      items = buildItems(itemText, orig, named, quantities, sizes).items;
      brandId = brandOf(named);
    }
    // (of one sold in time slots, 20:00场 or 16:30班, the time said picks the slot: "今晚8点那场", "the 9pm cruise")
    // (a time said, not the hour a part of the day stands for: "tonight" is no 19:00场)
    const clock = when === null || !CLOCK_SAID.test(lower) ? undefined : /T(\d{2}:\d{2})/.exec(when)?.[1];
    if (clock) items = items.map((it) => (it.size !== null ? it : { ...it, size: slotAt(this.matcher.products.get(it.productId)?.sizes ?? [], clock) }));
    // asking to be forgotten concerns the member, not a brand a word of theirs happens to be sold by
    if (NO_BRAND_BY_WORDS.has(intent) && brandId !== null && brandId === categoryBrand) brandId = null;
    // (nor is how one was served, rated: the 服务 of "服务一般般吧 3分", the 体验 of "体验还行吧 3星", "service was ok", though one
    // brand's goods are tagged so; another category word said still names its brand: the 机油 of "换完机油 服务太慢 一星")
    if (intent === "feedback" && brandId !== null && brandId === categoryBrand && categories.some((c) => SERVED_WORD.test(lower.slice(c.start, c.end)))) {
      brandId = this.lexicon.categoryBrand(categories.filter((c) => !SERVED_WORD.test(lower.slice(c.start, c.end))), allowed);
    }
    let role = intent === "book_appointment" ? this.lexicon.staffRoleIn(lower, titles) ?? this.titledServiceRole(lower, roles, items) ?? this.doneByTitled(lower, roles) ?? this.lexicon.pickRole(roles, lower) ?? this.roleOfItems(items) ?? this.placeRole(lower) ?? this.lexicon.subjectRoleIn(lower) ?? this.lexicon.doingRoleIn(lower) ?? this.lexicon.unknownTitleRole(lower) ?? this.lexicon.idDoingRoleIn(lower) : null;
    // a booking goes where the role works: a brand no one in that role works for, found by a category word, was only
    // a word of its goods (the 羽毛球 of "约个教练教我打羽毛球" where the shop sells shuttles and the venue has the coaches)
    if (role && brandId !== null && brandId === categoryBrand && !this.lexicon.staffs(brandId, role)) brandId = null;
    // (nor is a category word that is itself a role's word said: the 导游 of "约个导游" asks for a guide, wherever guides
    // work, not for the one brand whose goods are tagged 导游)
    if (role && brandId !== null && brandId === categoryBrand && intent === "book_appointment" && categories.every((c) => roles.some((r) => r.start === c.start && r.end === c.end))) brandId = null;
    // (and a brand named, or whose goods are named, that staffs one role only is booked in that role: "RO净水器安装" at
    // the purifier brand asks for its engineer, whatever the appliance chain calls its installers)
    // (not over a person's title said: "约个教练教我打羽毛球" asks for a coach, whoever sells the shuttles)
    const sole = intent === "book_appointment" && brandId !== null && (!role || (!titles.length && !this.lexicon.staffs(brandId, role))) ? this.lexicon.soleRoleOf(brandId) : null;
    if (sole) role = sole;
    // (else a store named by a piece of its name is where a search, a booking or an order goes: "项城店几点关门", "玉林店
    // 中包 打四个小时")
    if (brandId === null && STORE_INTENTS.has(intent)) brandId = this.storeBrands.brandIn(lower, allowed);
    // (else a store searched for by the trade one brand's names say it is in: "附近有农家乐吗" of 果香里农家乐, "哪里有考证培训" of
    // 启明考证培训)
    if (brandId === null && intent === "find_store") brandId = this.lexicon.tradeBrand(lower, allowed);

    return {
      intent,
      brandId,
      items,
      fulfillment: FULFILLMENT_INTENTS.has(intent) ? fulfillment : null,
      radiusMeters,
      when: WHEN_INTENTS.has(intent) ? when : null,
      couponCode: coupon?.value ?? null,
      orderId: orderId?.value ?? null,
      rating: intent === "feedback" ? rating : null,
      role,
      confidence: Math.round(combined.confidence * 100) / 100,
    };
  }
}

/** intents whose brand a store named gives (a search and a booking go to that store) */
/** words of praise a product's name may hold (招牌粉, 人气套餐, "recommendation letter"): no request for advice there */
const PRAISE_IN_NAME = /招牌|人气|热销|爆款|畅销|推荐|recommend/;
const STORE_INTENTS: ReadonlySet<Intent> = new Set(["find_store", "book_appointment", "order"]);
const CLAUSE_BREAK = /[\s,，。.!！?？;；、]/;
/** where the clause around `at` starts: after the last space or punctuation before it */
function clauseStart(lower: string, at: number): number {
  let i = at;
  while (i > 0 && !CLAUSE_BREAK.test(lower[i - 1])) i--;
  return i;
}
/** where the clause around `at` ends: at the next space or punctuation */
function clauseEnd(lower: string, at: number): number {
  let i = at;
  while (i < lower.length && !CLAUSE_BREAK.test(lower[i])) i++;
  return i;
}
