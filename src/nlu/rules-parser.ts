// The offline parser: pure rules over a catalog snapshot, no I/O. Every extractor lives in its own
// module; this file only wires them together and decides which fields an intent carries.
import { CatalogMatcher } from "./catalog-matcher.ts";
import { findCouponCode, findOrderId } from "./codes.ts";
import { parseFulfillment } from "./fulfillment.ts";
import { Lexicon } from "./lexicon.ts";
import { emptyResult, type CatalogSnapshot, type Intent, type IntentParser, type ParseContext, type ParseResult } from "./intent.ts";
import { decideIntent } from "./intent-rules.ts";
import { buildItems, type ProductMention } from "./items.ts";
import { findQuantities } from "./numbers.ts";
import { parseRadius } from "./radius.ts";
import { parseRating } from "./rating.ts";
import { catalogSizes, findSizes } from "./sizes.ts";
import { normalizeText } from "./text.ts";
import { parseWhen } from "./when.ts";

/** Intents for which a date-time means something (a pickup time, a booking, opening hours). */
const WHEN_INTENTS = new Set<Intent>(["order", "book_appointment", "find_store"]);
/** Intents for which delivery/pickup/shipping is a choice the user is making. */
const FULFILLMENT_INTENTS = new Set<Intent>(["order", "find_store"]);

export class RulesParser implements IntentParser {
  private readonly matcher: CatalogMatcher;
  private readonly lexicon: Lexicon;
  /** UPPERCASE code → catalog spelling */
  private readonly couponCodes = new Map<string, string>();
  private readonly couponBrand = new Map<string, string>();
  private readonly couponKeys: Set<string>;
  private readonly allowedCache = new Map<string, Set<string>>();

  constructor(catalog: CatalogSnapshot, lexicon: Lexicon = new Lexicon(catalog)) {
    this.matcher = new CatalogMatcher(catalog);
    this.lexicon = lexicon;
    for (const c of catalog.coupons ?? []) {
      this.couponCodes.set(c.code.toUpperCase(), c.code);
      this.couponBrand.set(c.code, c.brandId);
    }
    this.couponKeys = new Set(this.couponCodes.keys());
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

  private run(text: string, ctx: ParseContext): ParseResult {
    const { orig, lower } = normalizeText(text);
    if (!lower) return emptyResult("unknown", 0);
    const allowed = this.allowed(ctx);

    const mentions = this.matcher.findMentions(lower, allowed);
    const productMentions: ProductMention[] = [];
    let explicitBrand: string | null = null;
    for (const m of mentions) {
      if (m.kind === "brand") explicitBrand ??= m.id;
      else {
        const product = this.matcher.products.get(m.id);
        if (product) productMentions.push({ start: m.start, end: m.end, product });
      }
    }
    const sizes = productMentions.length ? findSizes(lower, orig, catalogSizes(lower, productMentions.map((m) => m.product))) : [];
    // a number that is part of a size ("10只装", "19朵") is not a count
    const quantities = findQuantities(lower).filter((q) => !sizes.some((s) => !s.weak && s.start < q.end && q.start < s.end));
    const { items, explicitQuantity } = buildItems(lower, orig, productMentions, quantities, sizes);

    const orderId = findOrderId(lower, orig, this.couponKeys);
    const coupon = findCouponCode(lower, orig, this.couponCodes, orderId);
    const couponBrand = coupon ? this.couponBrand.get(coupon.value) ?? null : null;
    // domain nouns beyond names: categories (product tags) and staff roles, both from the catalog
    const roles = this.lexicon.rolesIn(lower, mentions);
    // (a category word inside a role's title is the role's: "pastry chef" names no pastry)
    const categories = this.lexicon.categoriesIn(lower, [...mentions, ...roles]);
    const categoryBrand = explicitBrand || productMentions.length ? null : this.lexicon.categoryBrand(categories, allowed);
    const brandId =
      explicitBrand ??
      productMentions[0]?.product.brandId ??
      (couponBrand && (!allowed || allowed.has(couponBrand)) ? couponBrand : null) ??
      categoryBrand;

    const now = ctx?.now instanceof Date && !Number.isNaN(ctx.now.getTime()) ? ctx.now : new Date();
    const when = parseWhen(lower, now, ctx?.timezone || "UTC");
    const radiusMeters = parseRadius(lower);
    const rating = parseRating(lower);
    const fulfillment = parseFulfillment(lower);

    const decision = decideIntent({
      lower,
      hasProduct: productMentions.length > 0,
      hasBrand: brandId !== null,
      hasCategory: categories.length > 0,
      hasRole: roles.length > 0,
      hasQuantity: explicitQuantity || quantities.length > 0,
      hasSize: sizes.length > 0,
      hasCoupon: coupon !== null,
      hasOrderId: orderId !== null,
      hasRating: rating !== null,
      hasWhen: when !== null,
      hasRadius: radiusMeters !== null,
    });
    const intent = decision.intent;
    if (intent === "unknown") return emptyResult("unknown", decision.confidence);

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
      role: intent === "book_appointment" ? roles[0]?.id ?? null : null,
      confidence: Math.round(decision.confidence * 100) / 100,
    };
  }
}
