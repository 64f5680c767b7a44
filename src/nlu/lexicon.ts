// The catalog lexicon: the domain words of whatever catalog is loaded, built from the data itself (never from
// a word list in code). Staff roles with their titles and services, and category words (product tags). Brands and
// products are resolved by the CatalogMatcher (names, aliases, typos, pinyin); this module adds the rest.
//
// Code keeps only generic language (booking verbs, times, numbers, ratings); a role such as an optometrist is
// known because the catalog says so: its `roles` labels ({"zh":["验光师","验光"],"en":["optometrist","eye test"]}),
// else its id ("hair_stylist" → "hair stylist") and the titles its staff names end in (张药师 → 药师).
import { pinyin } from "pinyin-pro";
import type { CatalogSnapshot } from "./intent.ts";
import { boundedEditDistance } from "./edit-distance.ts";
import { asciiLower, isLatinBoundary, overlaps, pluralEnd, type Span } from "./text.ts";
import { foldTraditional } from "./traditional.ts";

export interface RoleWords {
  role: string;
  /** every word for this role, normalised (lowercase, NFKC), longest first */
  labels: string[];
  /** one display label per language, for examples and prompts (the catalog's first, else an inferred one) */
  zh: string | null;
  en: string | null;
}

export interface TermMention extends Span {
  id: string;
}

const normalize = (s: string) => asciiLower(foldTraditional(s.normalize("NFKC"))).replace(/[\s_-]+/g, " ").trim();
const isCjk = (s: string) => /[\u3400-\u9fff]/.test(s);

// Generic endings of Chinese job titles (…师, 医生, 顾问, 教练, 护士, 经理, 总监, 店长, …员, 助理): grammar, not a
// trade's vocabulary. A staff name that is a surname (or a Latin given name) followed by such a title teaches the
// role's title: 张药师 → 药师, Tony老师 → 老师, 王小明（验光师） → 验光师.
const TITLE_END = /(?:师|师傅|医生|医师|大夫|顾问|教练|护士|经理|总监|店长|员|助理|管家|(?<!员)工|匠)$/;
/** A title alone, naming no trade: 师傅, 老师, 工 (a word of every trade's staff names). */
const BARE_TITLE = /^(?:师傅|老师|师|工|医生|大夫|顾问|教练|技师|管家|经理|店长|助理|专员)$/;
/** Whether a word is a title alone, naming no trade (师傅, 老师). */
export const isBareTitle = (word: string): boolean => BARE_TITLE.test(word);
/** A bare title of one who does the work (师傅, 老师, 技师), not of one who advises or manages (顾问, 经理, 管家). */
export const isWorkerTitle = (word: string): boolean => /^(?:师傅|老师|师|工|医生|大夫|教练|技师)$/.test(word);
/** a word of one who advises, or of advice asked (顾问, 咨询, consultant): what it is about is no service booked */
const ADVICE_WORD = /(?:顾问|咨询)$|(?<![a-z])(?:[a-z]+ )?(?:consultant|advis[eo]r|consultation)s?$/;
const COMPOUND_SURNAMES = /^(?:欧阳|司马|上官|诸葛|东方|皇甫|尉迟|公孙|慕容|令狐|司徒|夏侯|长孙|宇文)/;

/** Whether a role word names a person (验光师, pastry chef) rather than a service (验光, oil change): by its ending. */
export function isTitle(word: string): boolean {
  return TITLE_END.test(word) || /(?:员|老师|教练|技师)$|(?<![a-z])(?:[a-z]*(?:er|or|ist|ian)|chef|nurse|coach|host|tech)s?$/.test(word);
}

/** The service a title names before its ending (修面师 → 修面, 酿醋师傅 → 酿醋), or null for a bare title or none. */
function serviceOfTitle(title: string): string | null {
  return BARE_TITLE.test(title) ? null : /^([\u3400-\u9fff]{2,})(?:师傅|师|员|工|匠)$/.exec(title)?.[1] ?? null;
}

/** The title a staff name ends in, or null (a plain name such as 小林 or 王小明 has none). */
export function titleInName(name: string): string | null {
  const n = name.normalize("NFKC").trim();
  const bracket = /[（(]\s*([\u3400-\u9fff]{2,6})\s*[）)]$/.exec(n);
  if (bracket && TITLE_END.test(bracket[1])) return bracket[1];
  // (a Latin name may come after 小, 老 or 阿 too: 老K录音师)
  const latin = /^[小老阿]?[A-Za-z][A-Za-z.' ]*\s*([\u3400-\u9fff]{2,6})$/.exec(n);
  if (latin) return TITLE_END.test(latin[1]) ? latin[1] : null;
  if (!/^[\u3400-\u9fff]{3,8}$/.test(n)) return null;
  // (a surname may come with 小, 老 or 阿 before it: 小林化妆师 is 化妆师 Lin)
  const rest = n.slice(COMPOUND_SURNAMES.test(n) || (/^[小老阿]/.test(n) && n.length >= 4 && TITLE_END.test(n.slice(2))) ? 2 : 1);
  return rest.length >= 2 && TITLE_END.test(rest) ? rest : null;
}

/** Words for each staff role of the catalog: declared labels, the role id, and titles found in staff names. */
export function roleWords(catalog: Pick<CatalogSnapshot, "roles" | "staff" | "staffRoles">): RoleWords[] {
  const byRole = new Map<string, { zh: string[]; en: string[] }>();
  const entry = (role: string) => {
    let e = byRole.get(role);
    if (!e) byRole.set(role, (e = { zh: [], en: [] }));
    return e;
  };
  for (const r of catalog.roles ?? []) {
    const e = entry(r.role);
    e.zh.push(...(r.labels?.zh ?? []));
    e.en.push(...(r.labels?.en ?? []));
  }
  for (const s of catalog.staff ?? []) {
    const e = entry(s.role);
    const title = titleInName(s.name);
    if (title) e.zh.push(title);
  }
  // a title the grammar does not know, learned from the names themselves: the same two or three characters ending
  // the names of two or more staff of one role (周领骑, 邓领骑 → 领骑), and no other role's
  const endings = new Map<string, Set<string>>();
  const counts = new Map<string, number>();
  for (const s of catalog.staff ?? []) {
    const name = s.name.normalize("NFKC").trim();
    for (const n of [2, 3]) {
      const end = name.length > n ? name.slice(-n) : "";
      if (!/^[\u3400-\u9fff]+$/.test(end)) continue;
      endings.set(end, (endings.get(end) ?? new Set()).add(s.role));
      counts.set(`${end}|${s.role}`, (counts.get(`${end}|${s.role}`) ?? 0) + 1);
    }
  }
  for (const [end, roles] of endings) {
    const [role] = roles;
    if (roles.size === 1 && (counts.get(`${end}|${role}`) ?? 0) >= 2) entry(role).zh.push(end);
  }
  // (and, for a role the catalog gives no Chinese word, the short title of a name of three characters with no known
  // title, a surname and a title: 周裁判 → 裁判, when no other role's staff have names ending in it; a word to find the
  // role by, not one to show, and the role still counts as one the catalog gives no Chinese word)
  const shortTitles = new Map<string, string[]>();
  for (const s of catalog.staff ?? []) {
    const name = s.name.normalize("NFKC").trim();
    if (!/^[\u3400-\u9fff]{3}$/.test(name) || COMPOUND_SURNAMES.test(name) || titleInName(name)) continue;
    const end = name.slice(1);
    if (endings.get(end)?.size !== 1) continue;
    shortTitles.set(s.role, [...(shortTitles.get(s.role) ?? []), end]);
  }
  for (const role of catalog.staffRoles ?? []) entry(role);
  const out: RoleWords[] = [];
  const labelled = new Set((catalog.roles ?? []).filter((r) => (r.labels?.zh?.length ?? 0) + (r.labels?.en?.length ?? 0) > 0).map((r) => r.role));
  // (the last word of a role id of several, when no other role's id ends in it and it names a person: "technician" of
  // tank_technician, not "class" of dimsum_class)
  const heads = new Map<string, number>();
  for (const role of byRole.keys()) {
    const head = /[_-]([a-z]{4,})$/i.exec(role)?.[1].toLowerCase();
    if (head) heads.set(head, (heads.get(head) ?? 0) + 1);
  }
  for (const [role, e] of byRole) {
    // a role the catalog gives no words: the service its staff's titles name too (酿醋师 → 酿醋, "约个酿醋的师傅"), and
    // its id's last word ("book a tank cleaning technician")
    const head = /[_-]([a-z]{4,})$/i.exec(role)?.[1].toLowerCase();
    if (!labelled.has(role) && head && heads.get(head) === 1 && isTitle(head)) e.en.push(head);
    if (!labelled.has(role)) for (const t of [...e.zh]) {
      const service = serviceOfTitle(t);
      if (service) e.zh.push(service);
    }
    // the id itself: "optometrist", "hair_stylist" → "hair stylist"; a Chinese id is a Chinese label
    const fromId = role.replace(/[_-]+/g, " ").trim();
    if (fromId && isCjk(fromId)) e.zh.push(fromId);
    else if (/[a-z]{3,}/i.test(fromId) && fromId.toLowerCase() !== "staff") e.en.push(fromId);
    const zh = e.zh.find((l) => isCjk(l)) ?? null;
    const labels = [...new Set([...e.zh, ...e.en, ...(zh === null ? shortTitles.get(role) ?? [] : [])].map(normalize))].filter((l) => l.length >= 2).sort((a, b) => b.length - a.length);
    out.push({ role, labels, zh, en: e.en.find((l) => !isCjk(l)) ?? null });
  }
  return out;
}

/** A term of a TermMatcher, normalised. */
interface Term {
  text: string;
  id: string;
  latinEnd: boolean;
}

/** the terms starting with one character: those of that one character, and the longer ones by their second */
interface FirstChar {
  one: Term[];
  bySecond: Map<number, Term[]>;
}

/** whether a character code is a lower-case Latin letter or a digit */
const isLatinCode = (c: number) => (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39);

/**
 * Exact matching of a set of terms in normalised text: CJK terms anywhere, Latin terms on word boundaries (with an
 * English plural). Longest match first, non-overlapping. Terms are indexed by their first two characters, so a scan
 * probes only what can start at each position, whatever the number of terms (a 100k-product catalog has hundreds of
 * tags starting with the same letter: "tag1" … "tag399").
 */
export class TermMatcher {
  /**
   * by the code of the first character, then of the second (numbers: looking up a character code builds no string),
   * each list longest first
   */
  private readonly byFirst = new Map<number, FirstChar>();
  /** the codes of byFirst as bits (of the code's low 16 bits): most characters of a text start no term */
  private readonly firstCodes = new Int32Array(0x10000 / 32);
  readonly size: number;

  constructor(terms: Iterable<{ text: string; id: string }>) {
    const seen = new Set<string>();
    const all: Term[] = [];
    for (const t of terms) {
      const text = normalize(t.text);
      if (!text || seen.has(text)) continue;
      seen.add(text);
      all.push({ text, id: t.id, latinEnd: /[a-z0-9]$/.test(text) });
    }
    // (sorted once, stably: each list keeps the order the terms came in among those of one length)
    all.sort((a, b) => b.text.length - a.text.length);
    for (const t of all) {
      const code = t.text.charCodeAt(0);
      this.firstCodes[code >>> 5] |= 1 << (code & 31);
      const first = this.byFirst.get(code) ?? this.byFirst.set(code, { one: [], bySecond: new Map() }).get(code)!;
      if (t.text.length === 1) first.one.push(t);
      else {
        const list = first.bySecond.get(t.text.charCodeAt(1));
        if (list) list.push(t);
        else first.bySecond.set(t.text.charCodeAt(1), [t]);
      }
    }
    this.size = seen.size;
  }

  /** Mentions in `lower` (already normalised by normalizeText), in text order. */
  find(lower: string): TermMention[] {
    const found: TermMention[] = [];
    if (!this.size) return found;
    for (let i = 0; i < lower.length; i++) {
      const code = lower.charCodeAt(i);
      if (!(this.firstCodes[code >>> 5] & (1 << (code & 31)))) continue;
      const first = this.byFirst.get(code);
      if (!first) continue;
      if (isLatinCode(code) && !isLatinBoundary(lower[i - 1])) continue;
      // (every longer term comes before the one-character ones: longest first)
      const longer = i + 1 < lower.length ? first.bySecond.get(lower.charCodeAt(i + 1)) : undefined;
      const hit = (longer && TermMatcher.firstAt(longer, lower, i)) || TermMatcher.firstAt(first.one, lower, i);
      if (!hit) continue;
      found.push({ start: i, end: hit.end, id: hit.term.id });
      i = hit.end - 1;
    }
    return found;
  }

  /** The first term of `list` written at `i` (a Latin one ending a word, or in a plural), and where it ends. */
  private static firstAt(list: Term[], lower: string, i: number): { term: Term; end: number } | null {
    for (const t of list) {
      if (!lower.startsWith(t.text, i)) continue;
      const end = t.latinEnd ? pluralEnd(lower, i + t.text.length) : i + t.text.length;
      if (end >= 0) return { term: t, end };
    }
    return null;
  }
}

/**
 * A Chinese service said as verb + object takes a measure between the two: 测度数 → 测一下度数, 剪头发 → 剪个头发.
 * (Grammar of the language, applied to whatever services the catalog names.)
 */
function serviceForms(label: string): string[] {
  if (!/^[\u3400-\u9fff]{2,4}$/.test(label)) return [label];
  // (订房 is also booked in English: "book个房", "book 房")
  const booked = /^(?:预订|预定|订)(.+)$/.exec(label)?.[1];
  return [label, ...["一下", "个", "一个", "下"].map((m) => label[0] + m + label.slice(1)), ...(booked ? ["book个", "book ", "book"].map((b) => b + booked) : [])];
}

/**
 * What a role's Chinese words are about, by the word of two characters or more that two of its words share and no other
 * role's words hold (古筝 of 古筝老师, 古筝课 and 学古筝): a service product whose name holds it is that role's.
 */
function roleSubjects(roles: RoleWords[]): [string, string][] {
  // (each Chinese word of two to eight characters, by the roles whose words hold it and how many of each role's Chinese
  // words of up to eight characters do)
  const held = new Map<string, Map<string, number>>();
  for (const r of roles) {
    for (const l of r.labels) {
      const pieces = new Set<string>();
      for (const run of l.match(/[\u3400-\u9fff]{2,}/g) ?? []) {
        for (let i = 0; i + 2 <= run.length; i++) for (let j = i + 2; j <= Math.min(run.length, i + 8); j++) pieces.add(run.slice(i, j));
      }
      const chinese = /^[\u3400-\u9fff]{2,8}$/.test(l);
      for (const w of pieces) {
        const by = held.get(w) ?? held.set(w, new Map()).get(w)!;
        by.set(r.role, (by.get(r.role) ?? 0) + (chinese ? 1 : 0));
      }
    }
  }
  const shared = new Map<string, string[]>();
  for (const [w, by] of held) {
    const [role, n] = [...by][0];
    if (by.size === 1 && n >= 2) (shared.get(role) ?? shared.set(role, []).get(role)!).push(w);
  }
  // (the longest of them: 古筝 rather than a piece of it)
  return [...shared].flatMap(([role, words]) => words.filter((w) => !words.some((o) => o !== w && o.includes(w))).map((w): [string, string] => [w, role]));
}

/**
 * The same in English: a word of four letters or more that two of a role's English words share and no other role's
 * words hold ("guitar" of "guitar teacher", "learn guitar"), not a service noun every role's words may use (lesson,
 * class).
 */
function englishRoleSubjects(roles: RoleWords[]): [string, string][] {
  const held = new Map<string, Map<string, number>>();
  for (const r of roles) {
    for (const l of r.labels) {
      // (a plural said as its singular: the dumpling of "learn to make dumplings" and "dumpling lesson")
      for (const w of new Set((l.match(/[a-z]{4,}/g) ?? []).map((w) => w.replace(/(?<=[^s]{4})s$/, "")))) {
        const by = held.get(w) ?? held.set(w, new Map()).get(w)!;
        by.set(r.role, (by.get(r.role) ?? 0) + 1);
      }
    }
  }
  const service = new RegExp(`^(?:${SERVICE_NOUNS})$`);
  return [...held].filter(([w, by]) => by.size === 1 && [...by.values()][0] >= 2 && !service.test(w)).map(([w, by]): [string, string] => [w, [...by.keys()][0]]);
}

/** whether a label is several roles' (then a typo of it names none) */
const sharedLatin = (roles: RoleWords[], label: string) => roles.filter((r) => r.labels.includes(label)).length > 1;
/** Product tags that read as words ("咖啡", "cold medicine"); structured tags such as "style:北欧" are not category words. */
const isCategoryWord = (tag: string) => !tag.includes(":") && tag.trim().length > 0;

/** role → the brands whose stores staff it (staff whose store's brand is not known are left out) */
export function staffBrands(staff: CatalogSnapshot["staff"]): Map<string, Set<string>> {
  const brands = new Map<string, Set<string>>();
  for (const s of staff ?? []) if (s.brandId) (brands.get(s.role) ?? brands.set(s.role, new Set()).get(s.role)!).add(s.brandId);
  return brands;
}

// a kind of place, by the words Chinese and English end them with (药房, 营业厅, 茶楼, 工作室; barbershop, pharmacy): not
// 健康 of 安策健康 or 师傅 of 到家师傅, which say what a brand does or who works there, not what it is
// (nor a word of any shop's stores, 旗舰店, 中心, nor a 行 that is going, 骑行)
const PLACE_KIND = /(?:[店房馆厅楼庄行所院社坊铺室城园场堂吧校]|中心|会所|俱乐部)$|(?:shop|store|studio|salon|clinic|house|hall|center|centre|mart|market|pharmacy|bakery|gym|parlou?r|hospital|park|restaurant|rink|range|club|firm|agency|academy|school|hotel|inn|lodge)s?$/;
/** words for a shop said after what it sells (螺蛳粉店, 智能家居体验店) */
const SHOP_WORDS = ["店", "体验店", "专卖店"];
const NO_KIND = /^(?:[^\u3400-\u9fff]*|.*(?:旗舰店|专卖店|体验店|门店|分店|总店|网店|商城)|中心|服务中心|(?:骑|出|旅|步|通|运|自|同|飞|航)行)$/;

/**
 * The brand's own part of a name that no other of its names is: the start it shares with another of its names, up to
 * where they part (参源 of 参源国医馆 beside 参源中医馆, 维扬 of 维扬老酱园 beside 维扬酱菜; "Huayu" of "Huayu Florist"
 * beside "huayuxuan", "Beitang" of "Beitang Bathhouse" beside "beitangfu"): two Chinese characters or more, or whole
 * English words, so that what follows it in the name is said of the brand on its own (国医馆, "bathhouse").
 */
function sharedStems(long: string, names: string[]): string[] {
  const stems: string[] = [];
  for (const other of names) {
    if (other === long) continue;
    let i = 0;
    while (i < long.length && i < other.length && long[i] === other[i]) i++;
    // (one name starting the other is a name before more, found as such)
    if (i >= Math.min(long.length, other.length)) continue;
    const stem = long.slice(0, i).trimEnd();
    if (/^[\u3400-\u9fff]{2,}$/.test(stem) || (/^[a-z][a-z ]{2,}$/.test(stem) && long[stem.length] === " ")) stems.push(stem);
  }
  return stems;
}

/** An English word of a place after a start of the name, six letters or more ("Old Fox Barbershop" after "Old Fox"), or
 * two or three: "YouPet Animal Hospital" is an animal hospital, "Wild Isle Adventure Park" an adventure park. */
function englishPlaces(long: string, starts: string[]): string[] {
  return starts.filter((n) => long[n.length] === " ").map((n) => long.slice(n.length + 1)).filter((rest) => /^[a-z]{6,}$|^[a-z]{3,}(?: [a-z]{3,}){1,2}$/.test(rest) && PLACE_KIND.test(rest)).flatMap((rest) => {
    const words = rest.split(" ");
    return words.length > 2 ? [rest, words.slice(1).join(" ")] : [rest];
  });
}

/** English says a place of learning by either word: a "drum academy" is asked for as a "drum school", and the other
 * way round (said of what is taught, two words or more). */
const otherWordOf = (kind: string): string | null => {
  const m = /^([a-z]+(?: [a-z]+)*) (academy|school)$/.exec(kind);
  return m ? `${m[1]} ${m[2] === "academy" ? "school" : "academy"}` : null;
};

/**
 * The kinds of shop the brands are, read from their names: a name that is another of the brand's names and more
 * (粤点轩 → 粤点轩茶楼, 海联 → 海联营业厅, "Old Fox" → "Old Fox Barbershop") adds that more, when it is the word of a
 * place (two Chinese characters or more, or an English word) and no other brand's names end in it. id: the brand.
 */
export function brandKinds(brands: { id: string; name: string; aliases?: string[] }[]): { text: string; id: string }[] {
  const owners = new Map<string, Set<string>>();
  for (const b of brands) {
    const names = [...new Set([b.name, ...(b.aliases ?? [])].map(normalize).filter(Boolean))];
    for (const long of names) {
      // (after the longest of its other names that it starts with: 粤点轩茶楼 is 粤点轩 and 茶楼, not 粤点 and 轩茶楼)
      // (an English kind is a whole word of six letters or more: "Old Fox Barbershop" after "Old Fox", not "home" or "copy")
      const prefixes = names.filter((n) => n.length < long.length && long.startsWith(n)).sort((a, b) => b.length - a.length);
      const placeAfter = (starts: string[]) => [
        // (and after any shorter one, when the longest leaves too little: 母婴店 of 乐贝多母婴店 beside 乐贝多母婴, 4S店 of 青岚4S店)
        ...starts.map((n) => long.slice(n.length)).filter((rest) => /^(?:[\u3400-\u9fff]{2,6}|\d[a-z][\u3400-\u9fff])$/.test(rest) && PLACE_KIND.test(rest) && !NO_KIND.test(rest)).slice(0, 1),
        ...englishPlaces(long, starts),
      ];
      // (else after the start it shares with another of its names: 国医馆 of 参源国医馆 beside 参源中医馆, "bathhouse" of
      // "Beitang Bathhouse" beside "beitangfu")
      const places = placeAfter(prefixes);
      const kinds = [
        ...(places.length ? places : placeAfter(sharedStems(long, names))),
        // (what the brand sells, said with a word for a shop: 螺蛳粉店 of 阿螺记螺蛳粉, 贴膜店 of 膜匠汽车贴膜, 智能家居体验店 of
        // 小栖智能家居; from the end of what its name says after its shorter name, two characters or more)
        ...prefixes.map((n) => long.slice(n.length)).filter((rest) => /^[\u3400-\u9fff]{2,6}$/.test(rest) && !PLACE_KIND.test(rest) && !NO_KIND.test(rest)).slice(0, 1)
          .flatMap((rest) => [...rest].slice(0, -1).map((_, k) => rest.slice(k)).flatMap((piece) => SHOP_WORDS.map((w) => piece + w))),
        // (what the brand is in English, said with a word for a shop: "Shiyi Clothing" → "clothing store", "Sumian Home
        // Textiles" → "home textile shop")
        ...prefixes.filter((n) => long[n.length] === " " && /^[a-z]/.test(n)).map((n) => long.slice(n.length + 1))
          .filter((rest) => /^[a-z]{4,}(?: [a-z]{4,})?$/.test(rest) && !PLACE_KIND.test(rest) && !/\b(?:official|flagship|online|group|brand|china)\b/.test(rest))
          .flatMap((rest) => [rest, rest.replace(/s$/, "")]).flatMap((rest) => ["store", "shop", "restaurant", "salon", "studio", "place"].map((w) => `${rest} ${w}`)),
      ];
      // (大药房 is also said 药房)
      for (const kind of kinds.flatMap((k) => (/^[大新老]..+$/.test(k) ? [k, k.slice(1)] : [k]))) (owners.get(kind) ?? owners.set(kind, new Set()).get(kind)!).add(b.id);
    }
  }
  const kinds = [...owners].filter(([, ids]) => ids.size === 1).map(([text, ids]) => ({ text, id: [...ids][0] }));
  // (and said by the other word, when no brand's names say that)
  const otherWords = new Map<string, Set<string>>();
  for (const k of kinds) {
    const other = otherWordOf(k.text);
    if (other && !owners.has(other)) (otherWords.get(other) ?? otherWords.set(other, new Set()).get(other)!).add(k.id);
  }
  return [...kinds, ...[...otherWords].filter(([, ids]) => ids.size === 1).map(([text, ids]) => ({ text, id: [...ids][0] }))];
}

/** the city (and county) a store's address starts with: 西安 of 西安市碑林区…, 安吉 of 湖州市安吉县… */
const ADDRESS_PLACE = /^(?:[\u4e00-\u9fff]{2,3}省)?([\u4e00-\u9fff]{2,3}?)市(?:([\u4e00-\u9fff]{2}?)县)?/;

/**
 * What a brand's longer name says after its shorter one, in Chinese (农家乐 of 果香里农家乐 beside 果香里, 螺蛳粉 of
 * 阿螺记螺蛳粉, 考证培训 of 启明考证培训 beside 启明), when no other brand's names say it: the trade it is in, by which
 * a customer searching for a store names it ("附近有农家乐吗"): three characters or more, as two (健康, 健身, 有机) are
 * often what many shops do rather than what one is. A place its stores are in is no trade (昆明 of 云途昆明).
 */
export function brandTrades(catalog: Pick<CatalogSnapshot, "brands" | "stores">): { text: string; id: string }[] {
  const places = new Set((catalog.stores ?? []).flatMap((st) => ADDRESS_PLACE.exec(st.address ?? "")?.slice(1) ?? []).filter(Boolean));
  const owners = new Map<string, Set<string>>();
  for (const b of catalog.brands ?? []) {
    const names = [...new Set([b.name, ...(b.aliases ?? [])].map(normalize).filter(Boolean))];
    for (const long of names) {
      for (const n of names) {
        if (n.length >= long.length || !long.startsWith(n)) continue;
        const rest = long.slice(n.length).trim();
        if (/^[\u3400-\u9fff]{3,6}$/.test(rest) && !places.has(rest.replace(/[市县区]$/, ""))) (owners.get(rest) ?? owners.set(rest, new Set()).get(rest)!).add(b.id);
      }
    }
  }
  return [...owners].filter(([, ids]) => ids.size === 1).map(([text, ids]) => ({ text, id: [...ids][0] }));
}

/** the English nouns of a service done to a thing: rod repair, tank cleaning, face painting (English's, no trade's) */
const SERVICE_NOUNS = "repairs?|cleaning|painting|installation|install|fitting|tuning|service|servicing|design|transfer|setup|set-up|consultation|appraisal|care|session|class|lesson";

/** a person asked for by a title: 约个摄影师, 找个修图师, 请个歌手, 约驻唱歌手 (the title's ending is grammar, its trade any) */
const UNKNOWN_TITLE_ASKED = /(?:约|请|找|要|需要|预约)(?:一?[个位名])?([\u4e00-\u9fff]{1,3}(?:师|手|员|匠))(?!傅)/;

/**
 * What a person does, by the English word a role's id names them with (repairer, tailor, measurer, installer, guide,
 * appraiser, cleaner, referee), and how Chinese and English say that doing ("改一下", "修一下", "量下尺寸", "fix",
 * "install", "factory tour"): grammar of trades, no catalog's vocabulary. Only asked when no role's words are said.
 */
const ID_DOINGS: [RegExp, RegExp][] = [
  [/(?:^|_)(?:repair[a-z]*|mender|fixer)(?:_|$)|(?:^|_)(?:tech|technician)$/,
    /维修|修理|修补|织补|修(?:一下|下|个|好|得|吗|不|$|[\s，,。?？])|补(?:一下|上|好|个|洞)|(?<![a-z])(?:fix|repair|mend)(?:ed|ing|s)?(?![a-z])/],
  [/(?:^|_)tailor$/, /修改|改(?:一下|下|个|衣|裤|裙|短|小|大|窄|长|腰|尺码)|收腰|(?<![a-z])(?:alter(?:ation)?s?|take in|hem(?:med|ming)?)(?![a-z])/],
  [/(?:^|_)measurer$/, /测量|量(?:一下|下|个|尺|房|体)|(?<![a-z])measur(?:e|es|ed|ing|ements?)(?![a-z])/],
  [/(?:^|_)(?:installer|fitter)$/, /安装|(?:来|上门|帮我|帮忙|过来)装|装(?:一下|下|个|上)|(?<![a-z])install(?:ed|ing|ation|s)?(?![a-z])/],
  [/(?:^|_)guide$/, /参观|导游|讲解|导览|(?<![a-z])(?:tours?|guided?)(?![a-z])/],
  [/(?:^|_)appraiser$/, /鉴定|估价|(?<![a-z])(?:apprais|authenticat)[a-z]*/],
  [/(?:^|_)(?:cleaner|washer)$/, /清洗|清洁|洗(?:一下|下|个)|(?<![a-z])(?:clean|wash)(?:ed|ing)?(?![a-z])/],
  [/(?:^|_)(?:referee|judge)$/, /裁判|(?<![a-z])(?:referee|judge)s?(?![a-z])/],
];

/** English words for a Chinese title after a surname: 医生 → Dr, 师傅 → Master, 教练 → Coach (Chinese and English, no trade's) */
const TITLE_IN_ENGLISH: Record<string, string[]> = {
  医生: ["dr", "dr.", "doctor"], 医师: ["dr", "dr.", "doctor"], 大夫: ["dr", "dr.", "doctor"], 主任: ["dr", "dr.", "director"],
  师傅: ["master"], 教练: ["coach"], 老师: ["teacher", "mr", "mr.", "ms", "ms.", "miss"], 经理: ["manager"],
};
const SURNAME_AND_TITLE = new RegExp(`^(?:[小老阿])?([\u4e00-\u9fff]{1,2}?)(${Object.keys(TITLE_IN_ENGLISH).join("|")})$`);

/** A staff name of a surname and a title said in English: 涂大夫 → "dr tu", "dr. tu", "doctor tu". */
export function englishStaffNames(name: string): string[] {
  const m = SURNAME_AND_TITLE.exec(name);
  if (!m) return [];
  const surname = pinyin(m[1], { toneType: "none", type: "array" }).join("");
  return /^[a-z]+$/.test(surname) ? TITLE_IN_ENGLISH[m[2]].map((t) => `${t} ${surname}`) : [];
}

export class Lexicon {
  readonly roles: RoleWords[];
  readonly roleMatcher: TermMatcher;
  readonly categoryMatcher: TermMatcher;
  /** words several roles share (医生 for a dentist and an orthodontist): the weakest evidence of which is meant */
  private readonly sharedWords = new Set<string>();
  /** the kind of shop a brand is, from its own names (粤点轩 and 粤点轩茶楼 → 茶楼; "Old Fox" and "Old Fox Barbershop" →
   * barbershop), when no other brand's names say it: "附近有茶楼吗" asks for that brand */
  readonly kindMatcher: TermMatcher;
  /** the trade a brand's longer name says after its shorter one (农家乐 of 果香里农家乐, 螺蛳粉 of 阿螺记螺蛳粉), one brand's:
   * a store search in that trade's word asks for that brand (brandTrades) */
  private readonly tradeMatcher: TermMatcher;
  /** category word (normalised tag) → brands whose products carry it */
  private readonly tagBrands = new Map<string, Set<string>>();
  /** role → the brands whose stores staff it */
  private readonly roleBrands: Map<string, Set<string>>;
  /** a product whose name, aliases or tags use any role's words → those roles (the service each performs; one role:
   * roleOfProduct, 大保养 → the mechanic's 保养) */
  private readonly productRoleSets = new Map<string, Set<string>>();
  /** the roles whose words the product's own names (not its tags) use: where its words name several roles, these say
   * which it is (调香体验课 tagged 手作课 is the perfumer's) */
  private readonly productNameRoles = new Map<string, Set<string>>();
  /** what each role's Chinese words are about (roleSubjects) */
  private subjects: [string, string][] = [];
  /** what each role's English words are about (englishRoleSubjects), as whole words */
  private englishSubjects: [RegExp, string][] = [];
  /** a service product's role by the subject its name holds, when no role's words are its own (古筝体验课) */
  private readonly subjectRoles = new Map<string, string>();
  /** a role the catalog gives no words → the doing its id names (embroiderer → embroider, embroidery) */
  private doings: [RegExp, string][] = [];
  /** role → the index of its doing in ID_DOINGS, by the English word its id names the person with */
  private readonly idDoings: [number, string][] = [];
  /** the one role with no Chinese word (no label, no title in its staff's names), or null */
  private readonly wordlessRole: string | null;
  /** staff members by name: naming one (苏老师, Kevin老师) asks for their role */
  private readonly staffMatcher: TermMatcher;
  /** one-word English titles of six letters or more, for typos ("dentst"; a service's word is left exact) */
  private readonly latinRoleWords: { text: string; id: string }[];

  constructor(catalog: CatalogSnapshot) {
    this.roles = roleWords(catalog);
    const owners = new Map<string, Set<string>>();
    for (const r of this.roles) for (const l of r.labels) owners.set(l, (owners.get(l) ?? new Set()).add(r.role));
    for (const [word, roles] of owners) if (roles.size > 1) this.sharedWords.add(word);
    this.roleBrands = staffBrands(catalog.staff);
    this.roleMatcher = new TermMatcher(this.roles.flatMap((r) => r.labels.flatMap((text) => serviceForms(text).map((t) => ({ text: t, id: r.role })))));
    this.latinRoleWords = this.roles.flatMap((r) => r.labels.filter((l) => /^[a-z]{6,}$/.test(l) && isTitle(l) && !sharedLatin(this.roles, l)).map((text) => ({ text, id: r.role })));
    for (const p of catalog.products ?? []) {
      for (const tag of p.tags ?? []) {
        if (!isCategoryWord(tag)) continue;
        const key = normalize(tag);
        if (key.length < 2 && !isCjk(key)) continue;
        let set = this.tagBrands.get(key);
        if (!set) this.tagBrands.set(key, (set = new Set()));
        set.add(p.brandId);
      }
    }
    this.categoryMatcher = new TermMatcher([...this.tagBrands.keys()].map((text) => ({ text, id: text })));
    this.kindMatcher = new TermMatcher(brandKinds(catalog.brands ?? []));
    this.tradeMatcher = new TermMatcher(brandTrades(catalog));
    const staffRoles = new Map<string, Set<string>>();
    for (const s of catalog.staff ?? []) {
      const name = normalize(s.name);
      if (name.length >= 2) staffRoles.set(name, (staffRoles.get(name) ?? new Set()).add(s.role));
      // (and as English speakers say it: 涂大夫 is Dr. Tu, 陈师傅 Master Chen, 王教练 Coach Wang)
      for (const english of englishStaffNames(name)) staffRoles.set(english, (staffRoles.get(english) ?? new Set()).add(s.role));
      // (a name in Latin letters with a title after it is also said alone: "Yoyo" for Yoyo美睫师)
      const given = /^([a-z][a-z.' ]{2,}?)\s*[\u3400-\u9fff]{2,6}$/.exec(name)?.[1].trim();
      if (given && given.length >= 3) staffRoles.set(given, (staffRoles.get(given) ?? new Set()).add(s.role));
    }
    // (the one role the catalog gives no Chinese word at all, neither label nor title in its staff's names)
    const wordless = this.roles.filter((r) => r.zh === null);
    this.wordlessRole = wordless.length === 1 ? wordless[0].role : null;
    for (const r of this.roles) {
      const k = ID_DOINGS.findIndex(([id]) => id.test(r.role.toLowerCase()));
      if (k >= 0) this.idDoings.push([k, r.role]);
    }
    this.staffMatcher = new TermMatcher([...staffRoles].filter(([, r]) => r.size === 1).map(([text, r]) => ({ text, id: [...r][0] })));
    if (this.roles.length) {
      const titleStems: [string, string][] = this.roles.flatMap((r) => r.labels.flatMap((l) => {
        const service = serviceOfTitle(l);
        return service ? [[service, r.role] as [string, string]] : [];
      }));
      // (a role the catalog gives no words does what its id says before the person: scrub_master a scrub, rod_repairer a
      // rod repair, face_painter face painting)
      const labelled = new Set((catalog.roles ?? []).filter((r) => (r.labels?.zh?.length ?? 0) + (r.labels?.en?.length ?? 0) > 0).map((r) => r.role));
      const idStems: [RegExp, string][] = this.roles.flatMap((r) => {
        const m = labelled.has(r.role) ? null : /^([a-z]{3,}(?:[_-][a-z]{3,})?)[_-]([a-z]{4,})$/i.exec(r.role);
        return m && isTitle(m[2].toLowerCase()) ? [[new RegExp(`^${m[1].toLowerCase().replace(/[_-]/g, " ")}(?: (?:${SERVICE_NOUNS}))?$`), r.role] as [RegExp, string]] : [];
      });
      // (and the doing its id's last word names, as a noun of the same stem: an embroiderer embroidery, a pedicurist a
      // pedicure, an appraiser an appraisal, a lion_dancer a lion dance; with the id's words before it said too)
      const doings: [RegExp, string][] = (this.doings = this.roles.flatMap((r) => {
        const m = labelled.has(r.role) ? null : /^((?:[a-z]{3,}[_-]){0,2})([a-z]{4,})$/i.exec(r.role);
        const stem = m && /(?:er|or|ist|ian)$/i.test(m[2]) ? m[2].toLowerCase().replace(/(?:er|or|ist|ian)$/, "") : null;
        if (!m || !stem || stem.length < (m[1] ? 4 : 5)) return [];
        const before = m[1].toLowerCase().replace(/[_-]/g, " ");
        return [[new RegExp(`(?<![a-z])${before}${stem}(?!(?:er|or|ist|ian)s?(?![a-z]))[a-z]{0,5}(?![a-z])`), r.role] as [RegExp, string]];
      }));
      const subjects = (this.subjects = roleSubjects(this.roles));
      this.englishSubjects = englishRoleSubjects(this.roles).map(([w, role]) => [new RegExp(`(?<![a-z])${w}s?(?![a-z])`), role]);
      const doneTo = new Map<string, Set<string>>();
      for (const r of this.roles) for (const l of r.labels) {
        if (l.length < 3 || !/^[\u3400-\u9fff]+$/.test(l) || /^[学教]/.test(l)) continue;
        doneTo.set(l.slice(1), (doneTo.get(l.slice(1)) ?? new Set()).add(r.role));
      }
      for (const p of catalog.products ?? []) {
        const found = new Set(this.roleMatcher.find(normalize([p.name, ...(p.aliases ?? []), ...(p.tags ?? [])].join(" | "))).map((m) => m.id));
        // (and a role whose title is the product's name and a title's ending: 修面师 does 修面, a shave)
        const names = new Set([p.name, ...(p.aliases ?? [])].map(normalize));
        for (const [stem, role] of titleStems) if (names.has(stem)) found.add(role);
        for (const [re, role] of idStems) if ([...names].some((n) => re.test(n))) found.add(role);
        // (and the one role one of whose words is a doing of one character and the product's own word: 打疫苗 is the vet's,
        // a 猫三联疫苗 tagged 疫苗 its service; 学 and 教 before a word say a lesson's subject, not a service done to it)
        if (!found.size && doneTo.size) {
          const doers = new Set([p.name, ...(p.aliases ?? []), ...(p.tags ?? [])].flatMap((w) => [...(doneTo.get(normalize(w)) ?? [])]));
          if (doers.size === 1) found.add([...doers][0]);
        }
        if (!found.size && doings.length) {
          const doers = new Set(doings.filter(([re]) => [...names].some((n) => re.test(n))).map(([, role]) => role));
          if (doers.size === 1) found.add([...doers][0]);
        }
        if (found.size) this.productRoleSets.set(p.id, found);
        if (found.size > 1) this.productNameRoles.set(p.id, new Set(this.roleMatcher.find(normalize([p.name, ...(p.aliases ?? [])].join(" | "))).map((m) => m.id)));
        // (else the one role whose subject its name holds: 古筝体验课 is taught by the role of 古筝老师, 古筝课 and 学古筝)
        const about = found.size ? [] : [...new Set(subjects.filter(([w]) => [...names].some((n) => n.includes(w))).map(([, role]) => role))];
        if (about.length === 1) this.subjectRoles.set(p.id, about[0]);
      }
    }
  }

  /** The role of a staff member named with their title ("约苏老师" where 老师 is several roles' title), else of one named
   * alone ("陈悦明天在吗 想约她": the person asked for, so her role), or null. */
  staffRoleIn(lower: string, titles: Span[]): string | null {
    const named = this.staffMatcher.find(lower);
    return (named.find((m) => titles.some((t) => overlaps(t, m))) ?? named[0])?.id ?? null;
  }

  /** Staff members named in the text (any of them, whatever their role): the intent model masks them as roles. */
  staffIn(lower: string): TermMention[] {
    return this.staffMatcher.find(lower);
  }

  /** The one brand whose names' trade (brandTrades) the text says, when the words said are one brand's, or null. */
  tradeBrand(lower: string, allowed: ReadonlySet<string> | null): string | null {
    if (!this.tradeMatcher.size) return null;
    const ids = new Set(this.tradeMatcher.find(lower).map((m) => m.id));
    const id = ids.size === 1 ? [...ids][0] : null;
    return id && (!allowed || allowed.has(id)) ? id : null;
  }

  /** The one role `brandId`'s stores staff, when they staff exactly one (a water-purifier brand's engineers). */
  soleRoleOf(brandId: string): string | null {
    let found: string | null = null;
    for (const [role, brands] of this.roleBrands) {
      if (!brands.has(brandId)) continue;
      if (found) return null;
      found = role;
    }
    return found;
  }

  /** Whether a booking with `role` can go to `brandId`'s stores (true when the catalog does not say where staff work). */
  staffs(brandId: string, role: string): boolean {
    const brands = this.roleBrands.get(role);
    return !brands || brands.has(brandId);
  }

  /** Whether a role's words are among a product's own (the 艾灸 of 艾灸 and of 艾灸师): it performs that service. */
  performs(role: string, productId: string): boolean {
    return this.productRoleSets.get(productId)?.has(role) ?? false;
  }

  /** The role that does a service booked in a size: the one its words name (roleOfProduct), else the one whose subject
   * its name holds (古筝体验课), else the one whose subject the size holds (the 古筝 of a trial lesson in 古筝/二胡). */
  roleOfBooked(productId: string, size: string | null | undefined): string | null {
    const role = this.roleOfProduct(productId) ?? this.subjectRoles.get(productId);
    if (role || !size) return role ?? null;
    const roles = new Set(this.subjects.filter(([w]) => size.includes(w)).map(([, r]) => r));
    return roles.size === 1 ? [...roles][0] : null;
  }

  /** The one role the catalog gives no words whose doing the text says in English ("can someone embroider my name"). */
  doingRoleIn(lower: string): string | null {
    if (!this.doings.length || !/[a-z]{4}/.test(lower)) return null;
    const roles = new Set(this.doings.filter(([re]) => re.test(lower)).map(([, r]) => r));
    return roles.size === 1 ? [...roles][0] : null;
  }

  /** The one role whose id names a person by a doing the text says (ID_DOINGS: a tailor for "改一下", a measurer for
   * "量一下卫生间尺寸", a repairer for "fix a chipped gaiwan"), or null when none or several do. */
  idDoingRoleIn(lower: string): string | null {
    if (!this.idDoings.length) return null;
    const said = new Map<number, boolean>();
    let found: string | null = null;
    for (const [k, role] of this.idDoings) {
      let hit = said.get(k);
      if (hit === undefined) said.set(k, (hit = ID_DOINGS[k][1].test(lower)));
      if (!hit) continue;
      if (found) return null;
      found = role;
    }
    return found;
  }

  /** A person asked for by a title no role's words hold ("约个调酒师", "请个歌手"): the one role the catalog gives no Chinese
   * word, when there is one; null when no such title is said. */
  unknownTitleRole(lower: string): string | null {
    if (!this.wordlessRole) return null;
    const m = UNKNOWN_TITLE_ASKED.exec(lower);
    return m && !BARE_TITLE.test(m[1]) && !/^[男女]?(?:技师|老师|师傅)$/.test(m[1]) ? this.wordlessRole : null;
  }

  /** The one role whose subject the text says (roleSubjects: "预约吉他试听" where 吉他老师, 学吉他 and 吉他教练 are one
   * role's words), or null when none or several are said. */
  subjectRoleIn(lower: string): string | null {
    const roles = new Set(this.subjects.filter(([w]) => lower.includes(w)).map(([, r]) => r));
    // (or an English one: "can I book a trial guitar lesson")
    if (/[a-z]{4}/.test(lower)) for (const [re, r] of this.englishSubjects) if (re.test(lower)) roles.add(r);
    return roles.size === 1 ? [...roles][0] : null;
  }

  /** The role that performs a service product, when its words name exactly one role. */
  roleOfProduct(productId: string): string | null {
    const roles = this.productRoleSets.get(productId);
    if (roles?.size === 1) return [...roles][0];
    const named = this.productNameRoles.get(productId);
    return named?.size === 1 ? [...named][0] : null;
  }

  /**
   * Role mentions (by title or service) that are not inside a brand or product name already found. When none is
   * written exactly, an English word one typo away from a one-word role label ("dentst" for dentist) counts. `exact`:
   * the role words of the text, when the caller already found them (roleWordsIn), so the text is not scanned again.
   */
  rolesIn(lower: string, taken: Span[] = [], exact: TermMention[] = this.roleWordsIn(lower)): TermMention[] {
    const found = exact.filter((m) => !taken.some((t) => overlaps(t, m)));
    if (found.length || !this.latinRoleWords.length || !/[a-z]{5}/.test(lower)) return found;
    const word = /[a-z]{5,}/g;
    for (let m = word.exec(lower); m; m = word.exec(lower)) {
      const span = { start: m.index, end: m.index + m[0].length };
      if (taken.some((t) => overlaps(t, span))) continue;
      const hit = this.latinRoleWords.find((w) => Math.abs(w.text.length - m![0].length) <= 1 && boundedEditDistance(m![0], w.text, 1) <= 1);
      if (hit) found.push({ ...span, id: hit.id });
    }
    return found;
  }

  /** Every role word (title or service) written exactly in the text. */
  roleWordsIn(lower: string): TermMention[] {
    return this.roleMatcher.find(lower);
  }

  /** The role a message asks for: the first named by a word of its own, else the first named at all. */
  pickRole(mentions: TermMention[], lower: string): string | null {
    // (a bare title — 师傅, 老师 — says less than a service: "约个师傅上门检修" asks for whoever does 检修)
    // (but one who advises is asked for whatever the advice is about: "约个顾问 想了解下洗眉疗程", "预约纹身咨询")
    const rank = (m: TermMention) => {
      const word = lower.slice(m.start, m.end);
      if (ADVICE_WORD.test(word)) return -1;
      return (BARE_TITLE.test(word) ? 2 : 0) + (this.sharedWords.has(word) ? 1 : 0);
    };
    return [...mentions].sort((a, b) => rank(a) - rank(b))[0]?.id ?? null;
  }

  categoriesIn(lower: string, taken: Span[] = []): TermMention[] {
    return this.categoryMatcher.find(lower).filter((m) => !taken.some((t) => overlaps(t, m)));
  }

  /** The single brand the category words point to (咖啡 → the only brand selling coffee), or null. */
  categoryBrand(categories: TermMention[], allowed: Set<string> | null): string | null {
    for (const c of categories) {
      const brands = [...(this.tagBrands.get(c.id) ?? [])].filter((b) => !allowed || allowed.has(b));
      if (brands.length === 1) return brands[0];
    }
    return null;
  }

  role(id: string): RoleWords | undefined {
    return this.roles.find((r) => r.role === id);
  }
}
