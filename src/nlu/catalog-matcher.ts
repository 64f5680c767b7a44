// Brand and product resolution against the catalog: names and aliases (case-insensitive, mixed zh/en,
// English plurals), Latin typos by bounded edit distance ("latee", "capuccino"), pinyin typed in Latin
// letters ("natie" → 拿铁, "xing ba ke" → 星巴克), and homophone typos in Chinese for long names
// ("卡不奇诺" → 卡布奇诺). All indexes are built once per catalog snapshot.
import { pinyin } from "pinyin-pro";
import { boundedEditDistance, typoBudget } from "./edit-distance.ts";
import type { CatalogSnapshot } from "./intent.ts";
import type { DescribedSize } from "./described-sizes.ts";
import { nearSound, typedFor } from "./homophone.ts";
import { BETWEEN_VERB_AND_OBJECT, isParticiple, messageVerbs, nounKey, PARTICLE, verbReadings } from "./english-verbs.ts";
import { MEASURE_WORDS, ZH_NUM_RE } from "./numbers.ts";
import { sizeIndex } from "./sizes.ts";
import { asciiLower, isCjkChar, isLatinBoundary, overlaps, pluralEnd, type Span } from "./text.ts";
import { foldTraditional } from "./traditional.ts";

export type MentionKind = "brand" | "product";
export type MatchVia = "exact" | "typo" | "pinyin" | "homophone";

export interface CatalogMention extends Span {
  kind: MentionKind;
  /** brand id or product id */
  id: string;
  brandId: string;
  via: MatchVia;
}

/**
 * A head noun said alone: "小提琴" where the catalog sells 入门小提琴 and 手工小提琴, "violin" for "student violin" and
 * "handmade violin". It stands for one of the products whose names end in it (`ids`, catalog order); the parser picks
 * the one a size in the sentence fits.
 */
export interface HeadMention extends Span {
  ids: string[];
  /** a category word (tag) rather than the end of names: it names a product only where none is named */
  tag?: true;
}

export interface ProductInfo {
  id: string;
  brandId: string;
  sizes: string[];
  sizeIndex: Map<string, string>;
  /** the Chinese characters of its name and aliases (to tell apart products a head noun and a size both fit) */
  chars?: Set<string>;
  /** what one of it is, when sold by an amount (斤, 人, 晚; sold-by.ts) */
  unit?: string | null;
  /** its name as the text is read: simplified characters, lower case */
  name?: string;
  /** the amounts its description gives its sizes (described-sizes.ts) */
  described?: DescribedSize[];
  /** its category words, as the text is read */
  tags?: readonly string[];
  /** one of it is a pair, as its own words say ("一对装", "按对计", 对戒, "(一对)", a size 双耳, an English name in the
   * plural, "knee pads"): "一对" of it is one */
  pairs?: boolean;
}

// a name or a size that says one of it is a pair: 一对装, (一对), 对戒, 对章, "pair of seals"; a size 对, 一对, 双耳, 双眼
const PAIR_NAME = /[一按成每]对(?!一)|对[装戒章]|pairs?(?![a-z])/;
const PAIR_SIZE = /^(?:一?对|一?双|双[耳眼侧边])$/;
// an English name in the plural ("knee pads", "angel wings"; not "glass", "lens", "bus")
const PLURAL_NAME = /^[a-z0-9 .'&+-]*[a-z]{2}(?<![sui]|len)s$/;
/** Whether one of a product is a pair, by its name, aliases, sizes and description. */
function soldAsPair(p: { name: string; aliases?: string[]; sizes?: string[]; unit?: string | null; pairs?: boolean }): boolean {
  if (p.pairs || p.unit === "对" || p.unit === "副") return true;
  const names = [p.name, ...(p.aliases ?? [])].map((s) => normalizeSurface(s));
  return names.some((n) => PAIR_NAME.test(n) || PLURAL_NAME.test(n)) || (p.sizes ?? []).some((z) => PAIR_SIZE.test(z.trim()));
}

interface Surface {
  text: string;
  kind: MentionKind;
  id: string;
  brandId: string;
  /** made of Latin letters, digits and spaces only: eligible for typo matching */
  latin: boolean;
  via: "exact" | "pinyin";
  /** starts / ends with a Latin letter or digit: needs a word boundary there */
  latinStart: boolean;
  latinEnd: boolean;
  /** ends with a letter: may take an English plural */
  letterEnd: boolean;
}

interface HomophoneSurface {
  chars: string;
  syllables: string[];
  kind: MentionKind;
  id: string;
  brandId: string;
  /** its place among the homophone names in catalog order: where several fit at one place, the first wins */
  order: number;
}

// Common English words within one typo of a catalog word ("late"/"latte", "short"/"shirt"): never
// read them as typos.
const TYPO_STOPWORDS = new Set([
  "late", "later", "latter", "short", "shorts", "skirt", "skirts", "shift", "shire", "speaker", "speakers",
  "american", "americans", "native", "mochi", "jean", "means", "beans", "perfect", "match", "matches", "lattice",
  "moke", "sneak", "sneaky", "shirk", "please", "place", "there", "where", "these", "those", "store", "stores",
  "order", "orders", "coupon", "coupons", "cancel", "follow", "unfollow", "nearest", "nearby",
  "hello", "thanks", "thank", "tomorrow", "today", "morning", "evening", "afternoon", "delivery", "deliver", "pickup",
  "would", "could", "should", "about", "after", "before", "again", "great", "good", "large", "small", "medium",
  "latest", "matter", "little", "bottle", "battle", "kettle", "cattle", "settle", "start", "starts", "started", "starting",
  // (spans of time: "2 months" is no "Monte 2")
  "minute", "minutes", "hour", "hours", "night", "nights", "week", "weeks", "month", "months", "year", "years",
]);

/** English words of grammar (articles, pronouns, prepositions, auxiliaries, the commonest verbs): never a typo of a name's word */
const GRAMMAR_WORDS = new Set([
  "a", "an", "the", "i", "me", "my", "we", "us", "our", "you", "your", "he", "him", "his", "she", "her", "it", "its", "they", "them", "their",
  "this", "that", "what", "which", "who", "how", "when", "where", "why", "is", "are", "was", "were", "be", "been", "am", "do", "does", "did",
  "have", "has", "had", "can", "will", "may", "get", "got", "see", "saw", "want", "need", "like", "for", "to", "of", "in", "on", "at", "by",
  "with", "from", "and", "or", "but", "not", "no", "any", "some", "all", "one", "two", "more", "less", "very", "too", "so", "if", "then",
]);

/** an English article or possessive and the space after it, between two other words */
const ARTICLE = /(?<=[a-z] )(?:the|a|an|my|your|his|her|our|their|this|that|these|those) (?=[a-z])/;

/** what may come right before a one-character name: a count and a measure word (两瓶, 来瓶, 一个), or a described 的 (17的) */
const COUNTED_ONE_CHAR = new RegExp(`(?:[\\d一二两三四五六七八九十几俩仨来要买拿备整]\\s*[${MEASURE_WORDS}块部]|[\\da-z]\\s*的)$`);
/** a one-character name said as a word of its own, between pauses, or counted right after it: "馕两个", "伞 2米2的 来一把", "+馕+" */
const ALONE_BEFORE = /^(?:|[\s,，、+＋;；。:：])$/;
const COUNTED_AFTER = new RegExp(`^(?:[\\s,，、+＋;；。!！?？]|$|\\d|(?:${ZH_NUM_RE})[${MEASURE_WORDS}])`);

/** a Latin start bucket larger than this is split by the NEXT_CHARS characters after its first word */
/** what stands before the 个 of a count or a pointing word, not of a verb and its object (三个, 这个, 哪个) */
const GE_NOT_VERB = /[\d一二两三四五六七八九十百千几俩仨半这那哪每某各整单多好]/;
const SPLIT_BUCKET = 48;
/** words between a verb and its object (splitByWordsBetween): a count and its measure word, 一下 or 下, 完 or 了 of a thing done */
const WORDS_BETWEEN = new RegExp(`(?:一下|下|[完了过]|(?:[一二两三四五六七八九十几俩仨]|\\d{1,3})?\\s*[${MEASURE_WORDS}])`, "y");
/** a cheap test for any of them in a message */
const BETWEEN_PRECHECK = new RegExp(`[下完了过${MEASURE_WORDS}]`);
/** the characters they start with, by code (a place starting none of them is passed over without the regular expression) */
const BETWEEN_STARTS = new Set([..."下完了过一二两三四五六七八九十几俩仨0123456789" + MEASURE_WORDS].map((c) => c.charCodeAt(0)));
const NEXT_CHARS = 4;

/** the most multi-word names a typo'd phrase is compared with (those sharing its rarest word) */
const MAX_TYPO_PHRASES = 200;

/** the most products a head noun may stand for */
const MAX_HEAD_PRODUCTS = 12;

const normalizeSurface = (s: string) => asciiLower(foldTraditional(s.normalize("NFKC"))).replace(/\s+/g, " ").trim();
const isLatin = (s: string) => /^[a-z0-9][a-z0-9 '&.-]*$/.test(s);
const edges = (s: string) => ({
  latinStart: /^[a-z0-9]/.test(s),
  latinEnd: /[a-z0-9]$/.test(s),
  letterEnd: /[a-z]$/.test(s),
});
const isAllCjk = (s: string) => s.length > 0 && [...s].every((c) => isCjkChar(c));

/**
 * An English compound written with a hyphen is as often typed with a space, and one of two words also run together:
 * "alcohol-free mouthwash" is "alcohol free mouthwash" and "alcoholfree mouthwash", "10-session card" "10 session card".
 */
function unhyphenated(raw: string): string[] {
  const text = normalizeSurface(raw);
  // (only between words: the hyphen of a range, "12-53", stays)
  const between = /(?<=[a-z])-(?=[a-z0-9])|(?<=[0-9])-(?=[a-z])/g;
  if (!between.test(text)) return [];
  const spaced = text.replace(between, " ");
  const joined = text.replace(/(?<=[a-z])-(?=[a-z])/g, "");
  return joined !== text && joined !== spaced ? [spaced, joined] : [spaced];
}

/** words that join or relate phrases: no verb reaches its object across them */
const JOINS = /^(?:or|and|nor|but|then|plus|with|without|for|to|at|from|by|than|if|when|is|are|was|were)$/;
// ("of" too, but after "pair": "clean 2 pairs of sneakers"; a glass of wine is no wine glass)

const NUMBER_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];

/**
 * An English name with a small number in it is typed with the number either way: "set for two" is "set for 2",
 * "10 session card" "ten session card" (a number glued to a letter, "7ft", stays).
 */
function numberSpellings(text: string): string[] {
  if (!isLatin(text) || !/(?<![a-z0-9.])(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|\d+)(?![a-z0-9.])/.test(text)) return [];
  const digits = text.replace(/(?<![a-z0-9.])(zero|one|two|three|four|five|six|seven|eight|nine|ten)(?![a-z0-9.])/g, (w) => String(NUMBER_WORDS.indexOf(w)));
  const words = text.replace(/(?<![a-z0-9.])(\d+)(?![a-z0-9.])/g, (d) => NUMBER_WORDS[Number(d)] ?? d);
  return [...new Set([digits, words])].filter((v) => v !== text);
}

/** the Chinese words for the units a name may hold in letters (general language) */
const UNIT_CHARS: Record<string, string> = { mm: "毫米", cm: "厘米", ml: "毫升", kg: "公斤", g: "克", l: "升", m: "米" };
/**
 * A name of Chinese words with an amount in letters said with the unit's Chinese word, or the other way round: 5mm湿衣 as
 * 5毫米湿衣, 500毫升装 as 500ml装.
 */
function unitSpellings(text: string): string[] {
  if (!/[\u4e00-\u9fff]/.test(text)) return [];
  const out = new Set<string>();
  out.add(text.replace(/(\d)(mm|cm|ml|kg|g|l|m)(?![a-z])/g, (_, d: string, u: string) => d + UNIT_CHARS[u]));
  for (const [u, zh] of Object.entries(UNIT_CHARS)) out.add(text.replace(new RegExp(`(\\d)${zh}`, "g"), `$1${u}`));
  out.delete(text);
  return [...out];
}

/** The letters a–z a word contains, as bits. */
function letterSet(word: string): number {
  let bits = 0;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i) - 97;
    if (c >= 0 && c < 26) bits |= 1 << c;
  }
  return bits;
}

function bitCount(n: number): number {
  n -= (n >>> 1) & 0x55555555;
  n = (n & 0x33333333) + ((n >>> 2) & 0x33333333);
  return (((n + (n >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** A single Latin word's typo bucket, as one number: its first letter and its length. */
const latinWordKey = (first: number, length: number) => length * 128 + first;

/** A word's place in a multi-word name, as one number: the name's word count and the word's position. */
const phraseSlot = (words: number, pos: number) => words * 64 + pos;

/** whether `longer` is `word` with the English -er / -r of a doer or a tool ("charger", "printer", "cleaner") */
const agentive = (word: string, longer: string) => longer.length === word.length + (word.endsWith("e") ? 1 : 2) && longer.startsWith(word) && longer.endsWith("r") && (word.endsWith("e") || longer.endsWith("er"));

/** The toneless pinyin syllables of a text's Chinese characters (ü as v). */
export function syllablesOf(s: string): string[] {
  return pinyin(s, { toneType: "none", type: "array", nonZh: "removed" }).map((p) => p.toLowerCase().replace(/ü/g, "v"));
}

// Syllables as small numbers (ids), the same for every catalog: a homophone index is keyed by them.
const syllableIds = new Map<string, number>();
const syllableNames: string[] = [];
function syllableId(syllable: string): number {
  let id = syllableIds.get(syllable);
  if (id === undefined) {
    id = syllableNames.length;
    syllableIds.set(syllable, id);
    syllableNames.push(syllable);
  }
  return id;
}

// Pinyin of single characters (their syllable id + 1, 0 until looked up), memoised by character code: pinyin-pro costs
// microseconds per call and chat text reuses the same few thousand characters (a table of every code, rather than a
// map of characters, looks one up without making a string of it).
const charSyllables = new Int32Array(0x10000);
function syllableOfCode(code: number): number {
  let id = charSyllables[code] - 1;
  if (id < 0) {
    const ch = String.fromCharCode(code);
    id = syllableId(isCjkChar(ch) ? (syllablesOf(ch)[0] ?? "") : "");
    charSyllables[code] = id + 1;
  }
  return id;
}

/** what each character of a text reads as alone (syllable ids), reused from one text to the next */
let readings = new Int32Array(256);

/**
 * A syllable as a pinyin input method's fuzzy setting reads it: zh/ch/sh as z/c/s, l as n, -ng as -n, ü as u (救身衣 for
 * 救生衣, 内纯卡 for 内存卡, 伴良服 for 伴娘服: the characters such a typist picks without seeing the difference).
 */
export function fuzzySyllable(s: string): string {
  return s.replace(/^([zcs])h/, "$1").replace(/^l/, "n").replace(/ng$/, "n").replace(/v/g, "u");
}
const foldedIds = new Int32Array(4096);
/** the id of a syllable id's fuzzy reading (memoised) */
function foldedId(id: number): number {
  if (id >= foldedIds.length) return syllableId(fuzzySyllable(syllableNames[id]));
  let f = foldedIds[id] - 1;
  if (f < 0) {
    f = syllableId(fuzzySyllable(syllableNames[id]));
    foldedIds[id] = f + 1;
  }
  return f;
}

function pinyinOfChar(ch: string): string {
  return syllableNames[syllableOfCode(ch.charCodeAt(0))];
}

const HOMOPHONE_KEY_SEED = 0x2545f491;
const HOMOPHONE_PREFIX_BITS = 1 << 20;

/**
 * The key of a homophone name's first n syllables from that of its first n - 1 and the n-th syllable's id: a hash
 * (a small integer, cheap as a map key), so names sharing a first two syllables are told apart by the rest.
 */
const nextHomophoneKey = (key: number, syllable: number) => Math.imul(key ^ (syllable + 1), 0x9e3779b1) >>> 2;

/** The key of a name's first two syllables, for the polyphonic homophone names. */
const syllablePair = (a: number, b: number) => a * 0x8000 + b;

/** Chinese kind-words that end a Latin name, in English (general language, not any trade's) */
const KIND_GLOSSES: Record<string, string[]> = { 卡: ["card"], 线: ["cable", "line"], 垫: ["mat", "pad"], 盒: ["box"], 票: ["ticket"], 课: ["class", "lesson"] };

const START_BITS = 1 << 20;

// Character tests by code, for the loops over every place of a message: indexing a string by a Chinese character
// makes a new string of it each time.
/** isCjkChar of a character code (NaN, past the end, is none) */
const isCjkCode = (c: number) => (c >= 0x3400 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff);
/** isLatinBoundary(text[i]) (before the start and past the end too) */
function boundaryAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  const folded = c | 0x20; // (A-Z onto a-z)
  return !((folded >= 0x61 && folded <= 0x7a) || (c >= 0x30 && c <= 0x39));
}

/** startKey's Chinese key at `i` (two characters, or one at the end), hashed to a bit of StartBits. */
function cjkStartBit(text: string, i: number): number {
  const second = isCjkCode(text.charCodeAt(i + 1)) ? text.charCodeAt(i + 1) : 0;
  return (Math.imul(text.charCodeAt(i), 0x9e3779b1) ^ Math.imul(second + 1, 0x85ebca77)) >>> 12;
}

const WORD_HASH_SEED = 0x811c9dc5;

/** A hash of `h` (a hash so far, or WORD_HASH_SEED) and text[from, to): words run together hash as one. */
function wordHash(h: number, text: string, from: number, to: number): number {
  for (let k = from; k < to; k++) h = Math.imul(h ^ text.charCodeAt(k), 0x01000193);
  return h;
}

/** startKey's Latin key of the word text[from, to) ("w:" and the word), hashed to a bit of StartBits without making it. */
function latinStartBit(text: string, from: number, to: number): number {
  return wordHash(WORD_HASH_SEED, text, from, to) >>> 12;
}

/**
 * The Chinese and Latin keys of an index by startKey as bits of a small table: most places in a message start nothing
 * indexed, and the table says so without building a key or looking in a map of a hundred thousand keys.
 */
class StartBits {
  private readonly bits = new Int32Array(START_BITS / 32);

  add(key: string): void {
    if (isCjkChar(key[0])) this.set(cjkStartBit(key, 0));
    else if (key.startsWith("w:")) this.set(latinStartBit(key, 2, key.length));
  }

  /** notes a Latin word (for a table of words rather than start keys) */
  addWord(word: string): void {
    this.set(latinStartBit(word, 0, word.length));
  }

  /** whether startKey(text, i), at a Chinese character, may be a key */
  cjk(text: string, i: number): boolean {
    return this.has(cjkStartBit(text, i));
  }

  /** whether the Latin key of the word text[from, to) may be a key (or the word one noted) */
  latin(text: string, from: number, to: number): boolean {
    return this.has(latinStartBit(text, from, to));
  }

  /** whether a word whose wordHash is `hash` may be one noted */
  hashed(hash: number): boolean {
    return this.has(hash >>> 12);
  }

  private set(bit: number): void {
    this.bits[bit >>> 5] |= 1 << (bit & 31);
  }

  private has(bit: number): boolean {
    return (this.bits[bit >>> 5] & (1 << (bit & 31))) !== 0;
  }
}

/** whether a character code is a lower-case Latin letter or a digit (what startKey makes a Latin word of) */
const isWordCode = (c: number) => (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39);
const isLetterCode = (c: number) => c >= 0x61 && c <= 0x7a;

/** Where startKey's Latin word at `i` ends: letters and digits, at most 40. */
function wordEnd(text: string, i: number): number {
  let j = i;
  while (j < text.length && isWordCode(text.charCodeAt(j)) && j - i < 40) j++;
  return j;
}

/** Where the letters at `i` end (at most 40): the word an English ending is taken off. */
function lettersEnd(text: string, i: number): number {
  let j = i;
  while (j < text.length && isLetterCode(text.charCodeAt(j)) && j - i < 40) j++;
  return j;
}

/**
 * How long the word text[i, end) is without an ending, in the order they are tried: a plural -es or -s, an -s, a
 * participle's -ed, an -ed after a doubled consonant ("hemmed" → "hem"); the whole word where it has no such ending.
 */
function stemLength(text: string, i: number, end: number, ending: "es|s" | "s" | "ed" | "xed"): number {
  const n = end - i;
  const last = text[end - 1];
  if (ending === "s") return last === "s" ? n - 1 : n;
  if (ending === "es|s") return n >= 2 && text.startsWith("es", end - 2) ? n - 2 : last === "s" ? n - 1 : n;
  if (n < 2 || !text.startsWith("ed", end - 2)) return n;
  if (ending === "ed") return n - 2;
  return n >= 4 && text[end - 3] === text[end - 4] ? n - 3 : n;
}

/**
 * The index key of whatever starts at `i`: the first two characters of Chinese text (one at the end), the first
 * word of Latin text ("w:caffe"), else the character itself.
 */
function startKey(text: string, i: number): string {
  const c = text[i];
  if (isCjkChar(c)) return isCjkChar(text[i + 1] ?? "") ? text.slice(i, i + 2) : c;
  if (/[a-z0-9]/.test(c)) {
    let j = i;
    while (j < text.length && /[a-z0-9]/.test(text[j]) && j - i < 40) j++;
    return `w:${text.slice(i, j)}`;
  }
  return c;
}

export class CatalogMatcher {
  readonly products = new Map<string, ProductInfo>();
  private readonly surfaces: Surface[] = [];
  /**
   * Surfaces by where they start, longest first, so exact matching probes only what can start here: a Chinese
   * surface by its first two characters, a Latin one by its first word (a 100k-product catalog keeps every bucket
   * small: indexing by first character alone made each probe scan thousands).
   */
  private readonly byStart = new Map<string, Surface[]>();
  /** the keys of byStart as bits (most places in a message start no name) */
  private readonly starts = new StartBits();
  /** large Latin buckets of byStart, by the characters after their first word (longer names) and the rest (shorter) */
  private readonly splitBuckets = new Map<string, { at: number; next: Map<string, Surface[]>; short: Surface[] }>();
  /** single-word Latin surfaces by first letter and length (latinWordKey), for typo matching */
  private readonly latinWordsByFirst = new Map<number, Surface[]>();
  /** each of those surfaces' letters as a bit set (letterSet), in the same order: most names are ruled out by it alone */
  private readonly latinWordLetters = new Map<number, Int32Array>();
  /** pinyin surfaces, for pinyin typed with spaces ("na tie") */
  private readonly pinyinWords = new Map<string, Surface>();
  /** the keys of pinyinWords as bits: most runs of short words are none (without joining them) */
  private readonly pinyinWordBits = new StartBits();
  /**
   * Multi-word Latin surfaces by word, then by word count and position (phraseSlot): "european sofa" is under
   * european at (2, 0) and sofa at (2, 1). A phrase with one typo still has a word right, and the rarest word of a
   * window finds its few candidates.
   */
  private readonly latinPhrases = new Map<string, Map<number, Surface[]>>();
  /** the words of latinPhrases as bits: most words said are in no name (a big catalog's names have 200k words) */
  private readonly phraseWordBits = new StartBits();
  private readonly phraseWordCounts = new Set<number>();
  /** every homophone name (see homophoneMatches), in catalog order */
  private readonly homophones: HomophoneSurface[] = [];
  /**
   * Homophone names by the key of all their syllables (nextHomophoneKey), each list in catalog order: a name is looked
   * at only where every character of the text reads as the name's does (in a big catalog hundreds of names share a
   * first two syllables: 明天 fits all of 明天…, 铭田…, 名甜…)
   */
  private readonly homophonesByKey = new Map<number, HomophoneSurface[]>();
  /** the keys of the names' first two syllables or more, as bits: past a prefix no name reads as, no longer name fits */
  private readonly homophonePrefixes = new Int32Array(HOMOPHONE_PREFIX_BITS / 32);
  /**
   * The names with a character from the third on that reads otherwise alone (the 行 of 银行卡 read hang, xing alone) by
   * their first two syllables (syllablePair): there the character as written fits whatever it reads as alone, which a
   * key of readings cannot say
   */
  private readonly polyphonicHomophones = new Map<number, HomophoneSurface[]>();
  /** every two Chinese characters side by side in a name: a character typed beside one it makes such a pair with is meant */
  private readonly namePairs = new Set<string>();
  /** one-character product names (水, 壳): found only where counted or described right before them (see oneCharNames) */
  private readonly singleChars = new Map<string, { id: string; brandId: string }>();
  /**
   * English services by verb and object ("shin|shoe" of "shoe shine", "sew|button" of "sew button"; see
   * english-verbs.ts), a sure verb form first, then catalog order
   */
  private readonly verbPhrases = new Map<string, { id: string; brandId: string; verbal: boolean }[]>();
  /** the verbs and the objects of verbPhrases' keys: a look-up whose verb or object is none of them builds no key */
  private readonly phraseVerbs = new Set<string>();
  private readonly phraseObjects = new Set<string>();
  /** two-word English product names by their last word (singular) and first: "strap" → leather → "leather strap" */
  private readonly byHeadWord = new Map<string, Map<string, { id: string; brandId: string }>>();
  /** head nouns by start key, longest first (see HeadMention) */
  private readonly headsByStart = new Map<string, { text: string; ids: string[]; latin: boolean; tag: boolean }[]>();
  /** the last character of sized products' Chinese names, for the products ending in it (see sizedOneCharHeads) */
  readonly lastChars = new Map<string, string[]>();
  /** Chinese heads (2–4 characters, read one syllable a character) by the key of their syllables: typed with homophones */
  private readonly headHomophones = new Map<number, { text: string; syllables: string[]; ids: string[]; tag: boolean }[]>();
  /** the keys of headsByStart as bits */
  private readonly headStarts = new StartBits();

  constructor(catalog: CatalogSnapshot) {
    const seen = new Set<string>();
    const add = (raw: string, kind: MentionKind, id: string, brandId: string) => {
      const text = normalizeSurface(raw);
      if (kind === "product" && isAllCjk(text) && text.length === 1 && !this.singleChars.has(text)) this.singleChars.set(text, { id, brandId });
      if (text.length < 2) return;
      const key = `${text}|${kind}`;
      if (seen.has(key)) return; // the first owner of a surface wins
      seen.add(key);
      this.surfaces.push({ text, kind, id, brandId, latin: isLatin(text), via: "exact", ...edges(text) });
      for (let k = 0; k + 1 < text.length; k++) if (isCjkChar(text[k]) && isCjkChar(text[k + 1])) this.namePairs.add(text.slice(k, k + 2));
      if (isAllCjk(text)) {
        const syllables = syllablesOf(text);
        const py = syllables.join("");
        if (py.length >= 4 && !seen.has(`${py}|${kind}`)) {
          seen.add(`${py}|${kind}`);
          this.surfaces.push({ text: py, kind, id, brandId, latin: true, via: "pinyin", ...edges(py) });
        }
        // (a two-character product name too: 凤抓 for 凤爪, 奥树 for 奥数; one character must be the name's own)
        if ((syllables.length >= 3 || (syllables.length === 2 && kind === "product")) && syllables.length === text.length) {
          this.homophones.push({ chars: text, syllables, kind, id, brandId, order: this.homophones.length });
        }
      }
    };
    for (const b of catalog.brands ?? []) {
      for (const s of [b.name, b.id, ...(b.aliases ?? [])]) if (s) add(s, "brand", b.id, b.id);
      for (const s of [b.name, ...(b.aliases ?? [])]) if (s) for (const v of unhyphenated(s)) add(v, "brand", b.id, b.id);
    }
    // a model name is typed with or without the space between its letters and its number: "iPhone 17 Pro" is also
    // "iphone17 pro", "iphone 17pro" and "iphone17pro"
    const spacings = (raw: string): string[] => {
      const text = normalizeSurface(raw);
      const gaps = [...text.matchAll(/(?<=[a-z]) (?=\d)|(?<=\d) (?=[a-z])/g)].map((m) => m.index!);
      if (!gaps.length || gaps.length > 3) return [];
      const out: string[] = [];
      for (let mask = 1; mask < 1 << gaps.length; mask++) {
        out.push([...text].filter((_, i) => !gaps.some((g, k) => g === i && mask & (1 << k))).join(""));
      }
      return out;
    };
    // (and a model code written together is also typed with a space or a hyphen where its letters meet its number: "ax
    // 6000" and "ax-6000" of AX6000, "mg 996r" of MG996R; and its zeros typed as the letter o: "be72oo" of BE7200; only
    // in a code of four characters or more)
    const codeSpellings = (raw: string): string[] => {
      const text = normalizeSurface(raw);
      if (!/[a-z]\d|\d[a-z]/.test(text)) return [];
      const out = new Set<string>();
      for (const m of text.matchAll(/(?<![a-z\d])[a-z\d]*(?:[a-z]\d|\d[a-z])[a-z\d]*(?![a-z\d])/g)) {
        const code = m[0];
        if (code.length < 4) continue;
        const at = (v: string) => text.slice(0, m.index) + v + text.slice(m.index! + code.length);
        const gaps = [...code.matchAll(/(?<=[a-z])(?=\d)|(?<=\d)(?=[a-z])/g)].map((g) => g.index!);
        if (gaps.length <= 3) {
          for (let mask = 1; mask < 1 << gaps.length; mask++) {
            for (const mark of [" ", "-"]) out.add(at([...code].map((c, i) => (gaps.some((g, k) => g === i && mask & (1 << k)) ? mark : "") + c).join("")));
          }
        }
        const zeros = [...code.matchAll(/0/g)].map((z) => z.index!);
        if (zeros.length && zeros.length <= 3) {
          for (let mask = 1; mask < 1 << zeros.length; mask++) out.add(at([...code].map((c, i) => (zeros.some((z, k) => z === i && mask & (1 << k)) ? "o" : c)).join("")));
        }
      }
      out.delete(text);
      return [...out];
    };
    // (a role's Chinese words are the catalog's words too: the 碾米 of 碾米师傅 is no 粘米)
    for (const r of catalog.roles ?? []) {
      for (const raw of r.labels?.zh ?? []) {
        const text = normalizeSurface(raw);
        for (let k = 0; k + 1 < text.length; k++) if (isCjkChar(text[k]) && isCjkChar(text[k + 1])) this.namePairs.add(text.slice(k, k + 2));
      }
    }
    for (const p of catalog.products ?? []) {
      const chars = new Set([p.name, ...(p.aliases ?? [])].join("").normalize("NFKC").toLowerCase().match(/[\u3400-\u9fff]/g) ?? []);
      this.products.set(p.id, { id: p.id, brandId: p.brandId, sizes: p.sizes ?? [], sizeIndex: sizeIndex(p.sizes ?? []), chars, unit: p.unit ?? null, name: normalizeSurface(p.name), described: p.described ?? [], tags: p.tags?.length ? p.tags.map(normalizeSurface) : undefined, pairs: soldAsPair(p) });
      for (const s of [p.name, ...(p.aliases ?? [])]) if (s) add(s, "product", p.id, p.brandId);
      for (const s of [p.name, ...(p.aliases ?? [])]) if (s) for (const v of spacings(s)) add(v, "product", p.id, p.brandId);
      for (const s of [p.name, ...(p.aliases ?? [])]) if (s) for (const v of codeSpellings(s)) add(v, "product", p.id, p.brandId);
      for (const s of [p.name, ...(p.aliases ?? [])]) if (s) for (const v of unhyphenated(s)) add(v, "product", p.id, p.brandId);
      for (const s of [p.name, ...(p.aliases ?? [])]) if (s) for (const v of unitSpellings(normalizeSurface(s))) add(v, "product", p.id, p.brandId);
      // (a Latin name with a Chinese kind-word is also said in English: SD卡 as "SD card", TPE垫 as "TPE mat")
      for (const s of [p.name, ...(p.aliases ?? [])]) {
        const kinded = s ? /^([a-z][a-z0-9.+-]*(?: [a-z0-9.+-]+)?)\s*([\u4e00-\u9fff])$/i.exec(s.normalize("NFKC").trim()) : null;
        if (kinded && kinded[1].length >= 2) for (const gloss of KIND_GLOSSES[kinded[2]] ?? []) add(`${kinded[1]} ${gloss}`, "product", p.id, p.brandId);
      }
      for (const s of [p.name, ...(p.aliases ?? [])]) if (s) for (const v of [s, ...unhyphenated(s)].flatMap((t) => numberSpellings(normalizeSurface(t)))) add(v, "product", p.id, p.brandId);
      for (const s of [p.name, ...(p.aliases ?? [])]) {
        const bare = s ? normalizeSurface(s).replace(new RegExp(ARTICLE.source, "g"), "") : "";
        if (bare && bare !== normalizeSurface(s)) add(bare, "product", p.id, p.brandId);
      }
    }
    // A product name or alias of several words is often said by its first: "美孚1号" of "美孚1号 0W-40 全合成机油",
    // "Prestone" of "Prestone antifreeze" (a proper name: capitalised or with a digit). Only when no other product
    // starts that way, and added last so a full name spelled that way keeps it.
    const firstWords = new Map<string, { id: string; brandId: string } | null>();
    // (not a code that is a model in other products' sizes: the G20 of G20排气 is also the 宝马G20 coilovers come in)
    let sizeCodes: Map<string, Set<string>> | undefined;
    const sizeCodeOfOthers = (code: string, id: string) => {
      if (!sizeCodes) {
        sizeCodes = new Map();
        for (const q of catalog.products ?? []) for (const z of q.sizes ?? []) for (const m of z.normalize("NFKC").toLowerCase().matchAll(/[a-z][a-z\d-]*\d[a-z\d-]*/g)) (sizeCodes.get(m[0]) ?? sizeCodes.set(m[0], new Set()).get(m[0])!).add(q.id);
      }
      const owners = sizeCodes.get(code.toLowerCase());
      return !!owners && (owners.size > 1 || !owners.has(id));
    };
    for (const p of catalog.products ?? []) {
      for (const raw of [p.name, ...(p.aliases ?? [])]) {
        const parts = raw.normalize("NFKC").trim().split(/\s+/);
        // (or a capitalised code written against the Chinese: the TPE of TPE瑜伽垫, the K87 of K87机械键盘)
        const code = /^([A-Z][A-Z\d-]{2,})(?=[\u4e00-\u9fff])/.exec(parts[0])?.[1];
        if (parts.length < 2 && !code) continue;
        const lead = code ?? parts[0];
        const ok = code ? /[A-Z]/.test(lead) && !sizeCodeOfOthers(lead, p.id) : isAllCjk(lead) ? lead.length >= 2 : lead.length >= 4 && (/^[A-Z]/.test(lead) || /\d/.test(lead)) && /[a-z]/i.test(lead);
        if (!ok) continue;
        const key = normalizeSurface(lead);
        const prev = firstWords.get(key);
        if (prev === undefined) firstWords.set(key, { id: p.id, brandId: p.brandId });
        else if (prev && prev.id !== p.id) firstWords.set(key, null);
      }
    }
    for (const [key, owner] of firstWords) if (owner && !seen.has(`${key}|brand`)) add(key, "product", owner.id, owner.brandId);
    // A name with a note in brackets after it is said without the note: 婴儿游泳 of 婴儿游泳(单次), 麻将包间 of 麻将包间(按小时)
    // (added after every name, so a name already spelled that way keeps it)
    for (const p of catalog.products ?? []) {
      for (const raw of [p.name, ...(p.aliases ?? [])]) {
        const noted = raw ? /^(.+?)\s*[(（][^()（）]+[)）]$/.exec(raw.normalize("NFKC").trim()) : null;
        if (noted && normalizeSurface(noted[1]).length >= 2) add(noted[1], "product", p.id, p.brandId);
      }
    }
    // A Chinese brand name of four or more characters is often said by its first two (暖房花艺 → 暖房, 益康大药房 →
    // 益康): a short form, added last so that any name or alias already spelled that way keeps it.
    for (const b of catalog.brands ?? []) {
      const name = normalizeSurface(b.name);
      if (name.length >= 4 && isAllCjk(name.slice(0, 2)) && !seen.has(`${name.slice(0, 2)}|product`)) add(name.slice(0, 2), "brand", b.id, b.id);
    }
    // A long Chinese name is said without a word of two characters inside it: 鲜虾肠粉套装 of 鲜虾肠粉家庭套装, 布艺沙发清洗
    // of 布艺沙发深度清洗 (a name of eight characters or more, at least two kept on each side; only a saying no other name
    // has, added after every name)
    const elided = new Map<string, { id: string; brandId: string } | null>();
    for (const p of catalog.products ?? []) {
      for (const raw of [p.name, ...(p.aliases ?? [])]) {
        const text = raw ? normalizeSurface(raw) : "";
        if (text.length < 8 || !isAllCjk(text)) continue;
        for (let k = 2; k + 4 <= text.length; k++) {
          const said = text.slice(0, k) + text.slice(k + 2);
          const prev = elided.get(said);
          if (prev === undefined) elided.set(said, { id: p.id, brandId: p.brandId });
          else if (prev && prev.id !== p.id) elided.set(said, null);
        }
      }
    }
    for (const [said, owner] of elided) if (owner && !seen.has(`${said}|product`) && !seen.has(`${said}|brand`)) add(said, "product", owner.id, owner.brandId);
    this.indexHeads(catalog, seen);
    this.indexVerbPhrases(catalog);
    // Longest first, so 抹茶星冰乐 wins over 星冰乐 and "caffe latte" over "latte".
    this.surfaces.sort((a, b) => b.text.length - a.text.length);
    for (const s of this.surfaces) {
      const key = startKey(s.text, 0);
      const bucket = this.byStart.get(key) ?? [];
      bucket.push(s);
      this.byStart.set(key, bucket);
      this.starts.add(key);
    }
    // (a bucket of thousands of names sharing a first word — "soft …", "classic …" — is split by what follows that
    // word, so a probe compares the few that can match)
    for (const [key, bucket] of this.byStart) {
      if (bucket.length <= SPLIT_BUCKET || !key.startsWith("w:")) continue;
      const at = key.length - 2;
      const split = { at, next: new Map<string, Surface[]>(), short: [] as Surface[] };
      for (const s of bucket) {
        if (s.text.length < at + NEXT_CHARS) split.short.push(s);
        else (split.next.get(s.text.slice(at, at + NEXT_CHARS)) ?? split.next.set(s.text.slice(at, at + NEXT_CHARS), []).get(s.text.slice(at, at + NEXT_CHARS))!).push(s);
      }
      this.splitBuckets.set(key, split);
    }
    for (const s of this.surfaces) {
      if (!s.latin) continue;
      if (s.text.includes(" ")) {
        const words = s.text.split(" ");
        if (s.kind === "product" && words.length === 2 && /^[a-z]{3,}$/.test(words[0]) && /^[a-z]{3,}$/.test(words[1])) {
          const head = nounKey(words[1]);
          const byFirst = this.byHeadWord.get(head) ?? new Map<string, { id: string; brandId: string }>();
          if (!byFirst.has(words[0])) byFirst.set(words[0], { id: s.id, brandId: s.brandId });
          this.byHeadWord.set(head, byFirst);
        }
        this.phraseWordCounts.add(words.length);
        words.forEach((w, pos) => {
          const slots = this.latinPhrases.get(w) ?? this.latinPhrases.set(w, new Map()).get(w)!;
          this.phraseWordBits.addWord(w);
          const list = slots.get(phraseSlot(words.length, pos));
          if (list) list.push(s);
          else slots.set(phraseSlot(words.length, pos), [s]);
        });
      } else if (/^[a-z]+$/.test(s.text)) {
        const key = latinWordKey(s.text.charCodeAt(0), s.text.length);
        const list = this.latinWordsByFirst.get(key) ?? [];
        list.push(s);
        this.latinWordsByFirst.set(key, list);
        if (s.via === "pinyin" && !this.pinyinWords.has(s.text)) this.pinyinWords.set(s.text, s), this.pinyinWordBits.addWord(s.text);
      }
    }
    for (const [key, list] of this.latinWordsByFirst) this.latinWordLetters.set(key, Int32Array.from(list, (s) => letterSet(s.text)));
    this.indexHomophones();
  }

  /** Each homophone name by the key of its syllables, or, polyphonic, by its first two (see homophonesByKey). */
  private indexHomophones(): void {
    for (const h of this.homophones) {
      // (keyed by the syllables' fuzzy readings: a name typed with a character of a near sound is looked up with it)
      const ids = h.syllables.map((y) => syllableId(fuzzySyllable(y)));
      let polyphonic = false;
      for (let k = 2; k < ids.length && !polyphonic; k++) polyphonic = foldedId(syllableOfCode(h.chars.charCodeAt(k))) !== ids[k];
      if (polyphonic) {
        const list = this.polyphonicHomophones.get(syllablePair(ids[0], ids[1]));
        if (list) list.push(h);
        else this.polyphonicHomophones.set(syllablePair(ids[0], ids[1]), [h]);
        continue;
      }
      let key = nextHomophoneKey(HOMOPHONE_KEY_SEED, ids[0]);
      for (let k = 1; k < ids.length; k++) {
        key = nextHomophoneKey(key, ids[k]);
        const bit = key & (HOMOPHONE_PREFIX_BITS - 1);
        this.homophonePrefixes[bit >>> 5] |= 1 << (bit & 31);
      }
      const list = this.homophonesByKey.get(key);
      if (list) list.push(h);
      else this.homophonesByKey.set(key, [h]);
    }
  }

  /**
   * The head nouns of product names: the last two to four characters of a Chinese name (after dropping a bracketed
   * note) or the last word of an English one of several words, when it is not itself a name. Each stands for the
   * products whose names end in it (the parser takes one only when a size in the sentence fits it).
   */
  private indexHeads(catalog: CatalogSnapshot, seen: Set<string>): void {
    const heads = new Map<string, string[]>();
    const tagHeads = new Map<string, string[]>();
    const note = (head: string, id: string) => {
      const ids = heads.get(head) ?? [];
      if (!ids.includes(id)) ids.push(id);
      heads.set(head, ids);
    };
    // (Chinese heads only of products with sizes: a head names one only through a size it comes in; an English head
    // also of one without, which it names when it is the only product so called: "a lock" of "bike lock")
    for (const p of catalog.products ?? []) {
      const sized = !!p.sizes?.length;
      const done = new Set<string>();
      for (const raw of [p.name, ...(p.aliases ?? [])]) {
        const text = normalizeSurface(raw.replace(/[（(][^）)]*[）)]/g, " "));
        const cjk = sized ? /[\u3400-\u9fff]+$/.exec(text)?.[0] ?? "" : "";
        for (let n = 2; n <= 4 && n < cjk.length; n++) if (!done.has(cjk.slice(-n))) done.add(cjk.slice(-n)), note(cjk.slice(-n), p.id);
        if (cjk.length >= 2 && !done.has(cjk.slice(-1))) {
          done.add(cjk.slice(-1));
          const ids = this.lastChars.get(cjk.slice(-1)) ?? this.lastChars.set(cjk.slice(-1), []).get(cjk.slice(-1))!;
          ids.push(p.id);
        }
        const words = isLatin(text) ? text.split(" ") : [];
        // (in the singular: "a pole" of "trekking poles"; the text may say either)
        const last = words.length >= 2 ? nounKey(words[words.length - 1]) : "";
        if (/^[a-z]{3,}$/.test(last) && !done.has(last)) done.add(last), note(last, p.id);
      }
      // (and its Chinese category words, apart: "A2图纸" is the one product tagged 图纸 that comes in A2)
      if (sized) for (const tag of p.tags ?? []) {
        const t = normalizeSurface(tag);
        if (/^[\u3400-\u9fff]{2,4}$/.test(t) && !tagHeads.get(t)?.includes(p.id)) tagHeads.set(t, [...(tagHeads.get(t) ?? []), p.id]);
      }
    }
    const entries = [...[...heads].map(([text, ids]) => ({ text, ids, tag: false })), ...[...tagHeads].filter(([text]) => !heads.has(text)).map(([text, ids]) => ({ text, ids, tag: true }))];
    for (const { text, ids, tag } of entries) {
      // (a word dozens of names end in — 礼盒 — is too general for a size to pick one)
      if (ids.length > MAX_HEAD_PRODUCTS || [text, `${text}s`, `${text}es`].some((t) => seen.has(`${t}|product`) || seen.has(`${t}|brand`))) continue;
      const key = startKey(text, 0);
      const bucket = this.headsByStart.get(key);
      if (bucket) bucket.push({ text, ids, latin: isLatin(text), tag });
      else this.headsByStart.set(key, [{ text, ids, latin: isLatin(text), tag }]);
      this.headStarts.add(key);
      if (isAllCjk(text)) {
        const syllables = syllablesOf(text);
        if (syllables.length !== text.length) continue;
        let hk = HOMOPHONE_KEY_SEED;
        for (const y of syllables) hk = nextHomophoneKey(hk, syllableId(y));
        const list = this.headHomophones.get(hk);
        if (list) list.push({ text, syllables, ids, tag });
        else this.headHomophones.set(hk, [{ text, syllables, ids, tag }]);
      }
    }
    for (const bucket of this.headsByStart.values()) if (bucket.length > 1) bucket.sort((a, b) => b.text.length - a.text.length);
  }

  private indexVerbPhrases(catalog: CatalogSnapshot): void {
    for (const p of catalog.products ?? []) {
      for (const raw of [p.name, ...(p.aliases ?? [])]) {
        if (!raw) continue;
        const text = normalizeSurface(raw).replace(new RegExp(ARTICLE.source, "g"), "");
        for (const r of [text, ...unhyphenated(text)].flatMap(verbReadings)) {
          const key = `${r.verb}|${r.object}`;
          this.phraseVerbs.add(r.verb);
          this.phraseObjects.add(r.object);
          const list = this.verbPhrases.get(key);
          const entry = { id: p.id, brandId: p.brandId, verbal: r.verbal };
          if (!list) this.verbPhrases.set(key, [entry]);
          else if (!list.some((e) => e.id === p.id && e.verbal >= r.verbal)) list.push(entry);
        }
      }
    }
    for (const list of this.verbPhrases.values()) if (list.length > 1) list.sort((a, b) => Number(b.verbal) - Number(a.verbal));
  }

  /** Whether a word is a whole product or brand name in Latin letters: typed in pinyin ("zhixiang" for 纸箱) or so named ("yinsuda"). */
  isLatinName(word: string): boolean {
    return this.pinyinWords.has(word) || (this.singular(`w:${word}`)?.some((s) => s.text === word) ?? false);
  }

  /** Head nouns in the parts of the text no span in `taken` covers, in text order (`taken` may hold the mentions found). */
  findHeads(lower: string, taken: Span[], allowed: Set<string> | null): HeadMention[] {
    const out: HeadMention[] = [];
    if (!this.headsByStart.size) return out;
    for (let i = 0; i < lower.length; i++) {
      if (!boundaryAt(lower, i - 1) && !boundaryAt(lower, i)) continue;
      let bucket = this.startBucket(this.headsByStart, this.headStarts, lower, i);
      if (!bucket && isLetterCode(lower.charCodeAt(i))) {
        const end = lettersEnd(lower, i);
        bucket = this.stemBucket(this.headsByStart, this.headStarts, lower, i, stemLength(lower, i, end, "es|s")) ??
          this.stemBucket(this.headsByStart, this.headStarts, lower, i, stemLength(lower, i, end, "s"));
      }
      for (const h of bucket ?? []) {
        if (!lower.startsWith(h.text, i)) continue;
        const end = h.latin ? pluralEnd(lower, i + h.text.length) : i + h.text.length;
        if (end < 0) continue;
        const span = { start: i, end };
        const ids = h.ids.filter((id) => { const b = this.products.get(id)?.brandId; return !!b && (!allowed || allowed.has(b)); });
        // (an English head one of whose products is named in the text is that product said again, or what it is made
        // of: the roses of "2 champagne rose bouquets, 11 roses each")
        const again = h.latin && taken.some((t) => (t as Partial<CatalogMention>).kind === "product" && ids.includes((t as CatalogMention).id));
        // (nor one that holds a product named after it: the bags of "two 5kg bags of bread flour")
        const of = h.latin ? /^\s+of\s+/.exec(lower.slice(end)) : null;
        const holds = !!of && taken.some((t) => (t as Partial<CatalogMention>).kind === "product" && t.start >= end + of[0].length && t.start <= end + of[0].length + 12);
        if (ids.length && !again && !holds && !taken.some((t) => overlaps(t, span)) && !out.some((o) => overlaps(o, span))) out.push({ ...span, ids, ...(h.tag ? { tag: true } : {}) });
        break;
      }
      // (a Chinese head typed with a homophone, 土鸡旦 for 土鸡蛋, 雪的靴 for 雪地靴: the longest read so here)
      if (this.headHomophones.size && isCjkCode(lower.charCodeAt(i)) && !out.some((o) => o.end > i)) this.headHomophoneAt(lower, i, taken, allowed, out);
    }
    return out;
  }

  /** A Chinese head typed at `i` with one character or more a homophone of its own (see homophoneAt), longest first. */
  private headHomophoneAt(lower: string, i: number, taken: Span[], allowed: Set<string> | null, out: HeadMention[]): void {
    const keys: number[] = [];
    let key = HOMOPHONE_KEY_SEED;
    for (let n = 1; n <= 4 && isCjkCode(lower.charCodeAt(i + n - 1)); n++) keys.push((key = nextHomophoneKey(key, syllableOfCode(lower.charCodeAt(i + n - 1)))));
    for (let n = keys.length; n >= 2; n--) {
      const span = { start: i, end: i + n };
      if (taken.some((t) => overlaps(t, span))) continue;
      for (const h of this.headHomophones.get(keys[n - 1]) ?? []) {
        if (lower.startsWith(h.text, i) || !this.typedWithHomophones(lower, i, h.text, h.syllables)) continue;
        const ids = h.ids.filter((id) => { const b = this.products.get(id)?.brandId; return !!b && (!allowed || allowed.has(b)); });
        if (!ids.length) continue;
        out.push({ ...span, ids, ...(h.tag ? { tag: true } : {}) });
        return;
      }
    }
  }

  /** Brand and product mentions, non-overlapping, in text order. `allowed` restricts to some brands. */
  findMentions(lower: string, allowed: Set<string> | null): CatalogMention[] {
    const found: CatalogMention[] = [];
    const ok = (brandId: string) => !allowed || allowed.has(brandId);
    this.exact(lower, ok, found);
    if (ARTICLE.test(lower)) this.withoutArticles(lower, ok, found);
    if (this.verbPhrases.size && /[a-z]{3}/.test(lower)) this.verbPhraseMatches(lower, ok, found);
    if (this.byHeadWord.size && /[a-z] *(?:,|\/|\bor\b|\band\b)/.test(lower)) this.coordinated(lower, ok, found);
    if (this.singleChars.size) this.oneCharNames(lower, ok, found);
    if (lower.includes("个")) this.splitByGe(lower, ok, found);
    if (BETWEEN_PRECHECK.test(lower)) this.splitByWordsBetween(lower, ok, found);
    this.typos(lower, ok, found);
    // (Chinese homophone typos of names not already found: "赤霞株" beside a correctly written name)
    this.homophoneMatches(lower, ok, found);
    return found.sort((a, b) => a.start - b.start);
  }

  /** Only the names written exactly (no typos, pinyin or homophones): cheap enough to probe a rewritten piece of text. */
  exactMentions(lower: string, allowed: ReadonlySet<string> | null): CatalogMention[] {
    const found: CatalogMention[] = [];
    this.exact(lower, (brandId) => !allowed || allowed.has(brandId), found);
    return found;
  }

  /** A name of a verb and its object said with 个 between, as Chinese says them: 订个座 for 订座, 洗个车 for 洗车. */
  private splitByGe(lower: string, ok: (b: string) => boolean, found: CatalogMention[]): void {
    for (let i = lower.indexOf("个", 1); i > 0; i = lower.indexOf("个", i + 1)) {
      // (the object may be Latin: 洗个cmos)
      if (!isCjkChar(lower[i - 1]) || !(isCjkChar(lower[i + 1] ?? "") || /[a-z]/.test(lower[i + 1] ?? "")) || GE_NOT_VERB.test(lower[i - 1])) continue;
      const probe: CatalogMention[] = [];
      this.exact(lower[i - 1] + lower.slice(i + 1, i + 24), ok, probe, 0, 1);
      const m = probe[0];
      if (!m || m.end < 2) continue;
      const span = { ...m, start: i - 1, end: i + m.end };
      if (!found.some((f) => overlaps(f, span))) found.push(span);
    }
  }

  /**
   * A name of a verb and its object said with words between them, as Chinese says them: a count (加两个蛋 for 加蛋, 租两支拍子
   * for 租拍子, 皮带打两个孔 for 皮带打孔), 一下 or 下 (修一下假发 for 修假发, 测下足型 for 测足型), or a thing done, with 完 or 了 (换完电池
   * for 换电池, 洗完油烟机 for 洗油烟机). The verb is the last one to three characters before those words; the name is said where
   * nothing longer is found across it. With a count between, the mention is the object, so that the count counts it.
   */
  private splitByWordsBetween(lower: string, ok: (b: string) => boolean, found: CatalogMention[]): void {
    for (let i = 1; i < lower.length; i++) {
      if (!BETWEEN_STARTS.has(lower.charCodeAt(i)) || !isCjkCode(lower.charCodeAt(i - 1)) || GE_NOT_VERB.test(lower[i - 1])) continue;
      WORDS_BETWEEN.lastIndex = i;
      const between = WORDS_BETWEEN.exec(lower);
      // (个 alone is splitByGe's)
      if (!between || between[0] === "个") continue;
      const j = i + between[0].length;
      if (!isCjkCode(lower.charCodeAt(j))) continue;
      const counted = /[\d一二两三四五六七八九十几俩仨]|[^一下了完过]$/.test(between[0]);
      for (let k = Math.min(3, i); k >= 1; k--) {
        if (!isCjkCode(lower.charCodeAt(i - k))) continue;
        const probe: CatalogMention[] = [];
        this.exact(lower.slice(i - k, i) + lower.slice(j, j + 24), ok, probe, 0, 1);
        const m = probe[0];
        // (the name reaches past the verb into the object; of two characters only with a count between, 加两碗饭)
        if (!m || m.start !== 0 || m.end <= k || (m.end === 2 && !counted)) continue;
        const whole = { start: i - k, end: j + m.end - k };
        const span = { ...m, start: counted ? j : whole.start, end: whole.end };
        // (not where a name found takes the verb or the words between: the 鲅鱼 of 鲅鱼包饺子, the 鸭架汤 of 鸭架汤, the
        // 六罐 of 精酿六罐礼盒; nor inside a longer name found across the object: the 蛋挞 of 加两个蛋挞)
        if (found.some((f) => overlaps(f, { start: whole.start, end: j }) || (overlaps(f, whole) && f.end > whole.end))) break;
        for (let n = found.length - 1; n >= 0; n--) if (overlaps(found[n], whole)) found.splice(n, 1);
        found.push(span);
        break;
      }
    }
  }

  /** The names of a split bucket that may start at i: those continuing as the text does (longer), then the shorter. */
  private splitProbe(split: { at: number; next: Map<string, Surface[]>; short: Surface[] }, lower: string, i: number): Surface[] {
    const longer = split.next.get(lower.slice(i + split.at, i + split.at + NEXT_CHARS));
    return longer ? [...longer, ...split.short] : split.short;
  }

  /** The bucket of a first word said in a plural or participle: only its one-word names can match (the ending is last). */
  private singular(key: string): Surface[] | undefined {
    return this.splitBuckets.get(key)?.short ?? this.byStart.get(key);
  }

  /** index.get(startKey(lower, i)), unless `bits` say no key of the index starts there (then without making the key). */
  private startBucket<T>(index: Map<string, T>, bits: StartBits, lower: string, i: number): T | undefined {
    const c = lower.charCodeAt(i);
    if (isWordCode(c)) {
      const end = wordEnd(lower, i);
      return bits.latin(lower, i, end) ? index.get(`w:${lower.slice(i, end)}`) : undefined;
    }
    if (isCjkCode(c) && !bits.cjk(lower, i)) return undefined;
    return index.get(startKey(lower, i));
  }

  /** index.get of the Latin key of the first n letters at i (a word without its ending), unless `bits` say it is none. */
  private stemBucket<T>(index: Map<string, T>, bits: StartBits, lower: string, i: number, n: number): T | undefined {
    return bits.latin(lower, i, i + n) ? index.get(`w:${lower.slice(i, i + n)}`) : undefined;
  }

  /** The names that may start at i: byStart's bucket there (a large Latin one split by what follows the first word). */
  private exactBucket(lower: string, i: number): Surface[] | undefined {
    if (!isWordCode(lower.charCodeAt(i))) return this.startBucket(this.byStart, this.starts, lower, i);
    const end = wordEnd(lower, i);
    if (!this.starts.latin(lower, i, end)) return undefined;
    const key = `w:${lower.slice(i, end)}`;
    const split = this.splitBuckets.get(key);
    return split ? this.splitProbe(split, lower, i) : this.byStart.get(key);
  }

  /** The one-word names of the word at i without a plural or participle ending (see singular), the first ending that fits. */
  private stemSurfaces(lower: string, i: number): Surface[] | undefined {
    const end = lettersEnd(lower, i);
    for (const ending of ["es|s", "s", "ed", "xed"] as const) {
      const n = stemLength(lower, i, end, ending);
      if (!this.starts.latin(lower, i, i + n)) continue;
      const found = this.singular(`w:${lower.slice(i, i + n)}`);
      if (found) return found;
    }
    return undefined;
  }

  /** Exact names starting in [from, to) (the whole text by default). */
  private exact(lower: string, ok: (b: string) => boolean, found: CatalogMention[], from = 0, to = lower.length): void {
    // The longest valid surface at each position, then the longest spans win overlaps, so that
    // 抹茶星冰乐 beats 星冰乐 and "caffe latte" beats "latte".
    const candidates: CatalogMention[] = [];
    for (let i = from; i < to; i++) {
      // Inside a Latin word nothing can start (every surface starting with a letter needs a boundary).
      if (!boundaryAt(lower, i - 1) && !boundaryAt(lower, i)) continue;
      const bucket = this.exactBucket(lower, i);
      // a Latin word may carry a plural ("lattes"): its singular's bucket too
      // (and a service its participle: "pants hemmed", "shoes polished"; an -ing form is often a noun of its own)
      const probe = bucket ?? (isLetterCode(lower.charCodeAt(i)) ? this.stemSurfaces(lower, i) : undefined);
      if (!probe) continue;
      for (const s of probe) {
        if (!lower.startsWith(s.text, i) || !ok(s.brandId)) continue;
        let end = i + s.text.length;
        if (s.latinEnd) {
          // English plurals: lattes, americanos, mooncakes
          if (s.letterEnd) {
            if (lower.startsWith("es", end) && isLatinBoundary(lower[end + 2])) end += 2;
            else if (lower[end] === "s" && isLatinBoundary(lower[end + 1])) end += 1;
            // a service said as a verb: "pants hemmed" ("hem" → hemmed)
            else if (s.text.length >= 3 && !isLatinBoundary(lower[end])) {
              const verb = new RegExp(`^${s.text.slice(-1)}?ed(?![a-z])`).exec(lower.slice(end, end + 6));
              if (verb) end += verb[0].length;
            }
          }
          // (a name glued to a count in Chinese is still the name: "FTTR4个房间"; glued to a bare number it is a code, "latte8")
          if (!isLatinBoundary(lower[end]) && !(s.letterEnd && /^\d+[\u3400-\u9fff]/.test(lower.slice(end, end + 8)))) continue;
        }
        candidates.push({ start: i, end, kind: s.kind, id: s.id, brandId: s.brandId, via: s.via });
        break; // bucket is longest first
      }
    }
    if (candidates.length > 1) candidates.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
    for (const c of candidates) if (!found.some((f) => overlaps(f, c))) found.push(c);
  }

  /**
   * English names said with or without articles and possessives: "take in the waist" is the service "take in waist",
   * "rent snowboard" the one named "rent a snowboard". The text is matched once more with those words left out (the
   * names were indexed without them too), and what is found maps back to the words as written.
   */
  private withoutArticles(lower: string, ok: (b: string) => boolean, found: CatalogMention[]): void {
    const at: number[] = [];
    let text = "";
    const word = new RegExp(ARTICLE.source, "g");
    let from = 0;
    // (a name that had an article to skip starts at most a few words before where the article was)
    let start = Infinity;
    let end = 0;
    for (let m = word.exec(lower); m; m = word.exec(lower)) {
      for (let i = from; i < m.index; i++) (text += lower[i]), at.push(i);
      start = Math.min(start, Math.max(0, text.length - 30));
      end = text.length;
      from = m.index + m[0].length;
    }
    for (let i = from; i < lower.length; i++) (text += lower[i]), at.push(i);
    const more: CatalogMention[] = [];
    this.exact(text, ok, more, start, end);
    for (const m of more) {
      const span = { ...m, start: at[m.start], end: at[m.end - 1] + 1 };
      // (only names that had an article to skip: one already found as written keeps its own span)
      if (span.end - span.start === m.end - m.start || found.some((f) => overlaps(f, span))) continue;
      found.push(span);
    }
  }

  /**
   * An English service said as a verb and its object, the other way round from its name or inflected (english-verbs.ts):
   * "shine my shoes" (shoe shine), "clean 2 pairs of sneakers" (sneaker cleaning), "rental skis" (ski rental), "4
   * buttons sewn on" (sew button), "waist taken in" (take in waist). The phrase, from verb to object, takes the place of
   * any name found inside it (the brand "Shine" of "shine my shoes").
   */
  private verbPhraseMatches(lower: string, ok: (b: string) => boolean, found: CatalogMention[]): void {
    const tokens: { text: string; start: number; end: number }[] = [];
    const re = /[a-z]+|\d+/g;
    for (let m = re.exec(lower); m; m = re.exec(lower)) tokens.push({ text: m[0], start: m.index, end: m.index + m[0].length });
    const spaced = (a: number, b: number) => /^ +$/.test(lower.slice(tokens[a].end, tokens[b].start));
    const lookup = (verbs: string[], object: string) => {
      if (!this.phraseObjects.has(object)) return undefined;
      for (const v of verbs) {
        if (!this.phraseVerbs.has(v)) continue;
        for (const e of this.verbPhrases.get(`${v}|${object}`) ?? []) if (ok(e.brandId)) return e;
      }
      return undefined;
    };
    // (a count between the verb and its object is the object's: the mention starts after it, "clean 2 pairs of |sneakers|")
    const add = (start: number, end: number, e: { id: string; brandId: string }, from = start) => {
      const span = { start, end };
      // (words, not parts of a code: "button8")
      if (!isLatinBoundary(lower[start - 1]) || (!isLatinBoundary(lower[end]) && !/^\d+[\u3400-\u9fff]/.test(lower.slice(end, end + 8)))) return;
      if (found.some((f) => overlaps(f, span) && (f.start < start || f.end > end))) return;
      for (let k = found.length - 1; k >= 0; k--) if (overlaps(found[k], span)) found.splice(k, 1);
      found.push({ start: from, end, kind: "product", id: e.id, brandId: e.brandId, via: "exact" });
    };
    // (the same words are read as the object of every verb before them: each key is built once)
    const objectKeys = new Map<number, string | null>();
    const objectKey = (from: number, n: number) => {
      let key = objectKeys.get(from * 4 + n);
      if (key === undefined) objectKeys.set(from * 4 + n, (key = readObjectKey(from, n)));
      return key;
    };
    const readObjectKey = (from: number, n: number) => {
      let key = "";
      for (let k = from; k < from + n; k++) {
        if (!/^[a-z]{3,}$/.test(tokens[k].text) && !(n === 1 && PARTICLE.test(tokens[k].text))) return null;
        if (k > from && !spaced(k - 1, k)) return null;
        key += (key ? " " : "") + nounKey(tokens[k].text);
      }
      return key;
    };
    for (let i = 0; i < tokens.length; i++) {
      const word = tokens[i].text;
      if (!/^[a-z]{3,}$/.test(word)) continue;
      // the object after its verb, with articles, counts or a word or two describing it between: "shine my shoes",
      // "rental skis", "sewing on buttons", "move my grand piano"
      // (only the verbs of some phrase can find one)
      const verbs = messageVerbs(word).filter((v) => this.phraseVerbs.has(v));
      let hit: { start: number; end: number; e: { id: string; brandId: string } } | null = null;
      let described = 0;
      for (let j = i + 1; verbs.length && j < tokens.length && j - i <= 5 && !hit && spaced(j - 1, j); j++) {
        const t = tokens[j].text;
        if (JOINS.test(t) || (t === "of" && !/^pairs?$/.test(tokens[j - 1].text))) break;
        // (an object inside another name found after the verb is that name's: the strap of "leather or steel strap")
        if (found.some((f) => f.start > tokens[i].start && f.start <= tokens[j].start && tokens[j].start < f.end)) break;
        for (let n = Math.min(3, tokens.length - j); n >= 1 && !hit; n--) {
          const object = objectKey(j, n);
          const e = object ? lookup(verbs, object) : undefined;
          if (e) hit = { start: j, end: tokens[j + n - 1].end, e };
        }
        if (!BETWEEN_VERB_AND_OBJECT.test(tokens[j].text) && ++described > 2) break;
      }
      if (hit) {
        let from = tokens[i].start;
        for (let k = i + 1; k < hit.start; k++) if (/^(?:\d+|one|two|three|four|five|six)$/.test(tokens[k].text)) from = tokens[k + 1].start;
        add(tokens[i].start, hit.end, hit.e, from);
        continue;
      }
      // the object before its participle: "jeans hemmed", "4 buttons sewn on"
      for (let n = 1; n <= 3 && i + n < tokens.length; n++) {
        const participle = tokens[i + n].text;
        if (!isParticiple(participle) || !spaced(i + n - 1, i + n)) continue;
        const object = objectKey(i, n);
        const e = object ? lookup(messageVerbs(participle), object) : undefined;
        if (e) {
          add(tokens[i].start, tokens[i + n].end, e);
          break;
        }
      }
    }
  }

  /**
   * English words that each make a name with a noun said once, joined by "or", "and", a comma or a slash: "leather or
   * steel straps" (leather strap, steel strap), "which strap, leather or steel?". Each word is its product.
   */
  private coordinated(lower: string, ok: (b: string) => boolean, found: CatalogMention[]): void {
    const words = [...lower.matchAll(/[a-z]{3,}/g)].map((m) => nounKey(m[0]));
    const pair = /(?<![a-z])([a-z]{3,})(?: *, *| *\/ *| +or +| +and +)([a-z]{3,})(?![a-z])/g;
    for (let m = pair.exec(lower); m; m = pair.exec(lower)) {
      pair.lastIndex = m.index + m[1].length; // ("a, b or c": b pairs with c too)
      for (const head of words) {
        const names = this.byHeadWord.get(head);
        const a = names?.get(m[1]);
        const b = names?.get(m[2]);
        if (!a || !b || a.id === b.id || !ok(a.brandId) || !ok(b.brandId)) continue;
        const spans = [{ start: m.index, end: m.index + m[1].length, e: a }, { start: m.index + m[0].length - m[2].length, end: m.index + m[0].length, e: b }];
        for (const { start, end, e } of spans) {
          if (found.some((f) => f.start < end && start < f.end)) continue;
          found.push({ start, end, kind: "product", id: e.id, brandId: e.brandId, via: "exact" });
        }
        break;
      }
    }
  }

  /**
   * A product named by one character (水, 壳) is that product only where it is counted or described right before it
   * ("两瓶水", "再来瓶水", "备3箱水", "17的壳") and ends the word (not the 水 of 水果), or where it is a word of its own after a
   * pause, counted after it or set off by another ("馕两个", "+馕+"): one character alone is too common a word.
   */
  private oneCharNames(lower: string, ok: (b: string) => boolean, found: CatalogMention[]): void {
    for (let i = 0; i < lower.length; i++) {
      const hit = this.singleChars.get(lower[i]);
      if (!hit || !ok(hit.brandId)) continue;
      const span = { start: i, end: i + 1 };
      if (found.some((f) => overlaps(f, span))) continue;
      const alone = ALONE_BEFORE.test(lower.slice(Math.max(0, i - 1), i)) && COUNTED_AFTER.test(lower.slice(i + 1, i + 5));
      if (!alone && isCjkChar(lower[i + 1] ?? "") && !/[子儿嘛吧啊呀哈哦呢]/.test(lower[i + 1])) continue;
      if (!alone && !COUNTED_ONE_CHAR.test(lower.slice(Math.max(0, i - 4), i))) continue;
      found.push({ ...span, kind: "product", id: hit.id, brandId: hit.brandId, via: "exact" });
    }
  }

  private typos(lower: string, ok: (b: string) => boolean, found: CatalogMention[]): void {
    const tokens: { text: string; start: number; end: number }[] = [];
    const re = /[a-z]+/g;
    for (let m = re.exec(lower); m; m = re.exec(lower)) {
      const t = { text: m[0], start: m.index, end: m.index + m[0].length };
      // A token glued to digits is a code (latte8, gxg30), not a word.
      if (!isLatinBoundary(lower[t.end]) || !isLatinBoundary(lower[t.start - 1])) continue;
      if (!found.some((f) => overlaps(f, t))) tokens.push(t);
    }
    if (!tokens.length) return;
    const adjacent = (i: number, n: number) => {
      for (let k = i; k < i + n - 1; k++) if (tokens[k + 1].start - tokens[k].end !== 1 || lower[tokens[k].end] !== " ") return false;
      return true;
    };
    const taken = (span: Span) => found.some((f) => overlaps(f, span));

    if (tokens.length >= 2) {
      // Pinyin typed with spaces: "na tie", "xing ba ke" (exact only; joined words are too permissive).
      for (let n = Math.min(4, tokens.length); n >= 2; n--) {
        for (let i = 0; i + n <= tokens.length; i++) {
          let short = true;
          let hash = WORD_HASH_SEED;
          for (let k = i; k < i + n; k++) {
            if (tokens[k].text.length > 6) short = false;
            hash = wordHash(hash, lower, tokens[k].start, tokens[k].end);
          }
          // (the words run together are looked up only where the bits say some name may be so spelled)
          if (!short || !adjacent(i, n) || !this.pinyinWordBits.hashed(hash)) continue;
          let joined = "";
          for (let k = i; k < i + n; k++) joined += tokens[k].text;
          const hit = this.pinyinWords.get(joined);
          const span = { start: tokens[i].start, end: tokens[i + n - 1].end };
          if (hit && ok(hit.brandId) && !taken(span)) found.push({ ...span, kind: hit.kind, id: hit.id, brandId: hit.brandId, via: "pinyin" });
        }
      }
      // Multi-word names with a typo: "europian sofa", "cafe latte"
      const slotsOf = tokens.map((t) => (this.phraseWordBits.latin(lower, t.start, t.end) ? this.latinPhrases.get(t.text) : undefined));
      for (const n of this.phraseWordCounts) {
        for (let i = 0; i + n <= tokens.length; i++) {
          if (!adjacent(i, n)) continue;
          let phrases: Surface[] | undefined;
          for (let pos = 0; pos < n; pos++) {
            const list = slotsOf[i + pos]?.get(phraseSlot(n, pos));
            if (list && (!phrases || list.length < phrases.length)) phrases = list;
          }
          // (a window whose rarest word starts hundreds of names is too common a phrase to guess a typo in)
          if (!phrases || phrases.length > MAX_TYPO_PHRASES) continue;
          const span = { start: tokens[i].start, end: tokens[i + n - 1].end };
          const joined = lower.slice(span.start, span.end).replace(/e?s$/, "");
          for (const s of phrases) {
            if (!ok(s.brandId)) continue;
            const budget = typoBudget(s.text.length);
            if (boundedEditDistance(joined, s.text, budget) <= budget && !taken(span) && this.wordsClose(s.text, tokens, i, n)) {
              found.push({ ...span, kind: s.kind, id: s.id, brandId: s.brandId, via: "typo" });
            }
          }
        }
      }
    }
    // Single words with a typo: "latee", "capuccino", "starbuks", "croisant"
    for (const t of tokens) {
      if (t.text.length < 5 || TYPO_STOPWORDS.has(t.text) || taken(t)) continue;
      const best = this.closestWord(t.text, ok);
      if (best) found.push({ start: t.start, end: t.end, kind: best.kind, id: best.id, brandId: best.brandId, via: "typo" });
    }
  }

  /** The one single-word name within a typo of a word said (or of it without a plural -s); null if none or several. */
  private closestWord(said: string, ok: (b: string) => boolean): Surface | null {
    const forms = said.endsWith("s") ? [said, said.slice(0, -1)] : [said];
    const [letters, lettersBare] = forms.map(letterSet);
    let best: Surface | null = null;
    let bestD = Infinity;
    let tie = false;
    for (let len = said.length - 3; len <= said.length + 2; len++) {
      // (a name whose length differs from every form said by more than its typo budget is never within it: the distance
      // is at least the difference in length)
      const budget = typoBudget(Math.min(len, said.length));
      if (budget === 0 || !forms.some((f) => Math.abs(f.length - len) <= budget)) continue;
      const key = latinWordKey(said.charCodeAt(0), len);
      const bucket = this.latinWordsByFirst.get(key);
      const bucketLetters = this.latinWordLetters.get(key);
      if (!bucket || !bucketLetters) continue;
      const apart = 2 * budget;
      for (let k = 0; k < bucket.length; k++) {
        // (each edit adds or drops at most two letters of a word's letter set: sets further apart are further)
        if (bitCount(letters ^ bucketLetters[k]) > apart && (lettersBare === undefined || bitCount(lettersBare ^ bucketLetters[k]) > apart)) continue;
        const s = bucket[k];
        if (!ok(s.brandId)) continue;
        for (const f of forms) {
          // (a name's pinyin two letters off is another word as often as a typo: "shanghai" is no "shenghao")
          const limit = s.via === "pinyin" ? Math.min(1, budget) : budget;
          const d = boundedEditDistance(f, s.text, limit);
          // (a word that is the name with or without the -er of a doer or a tool is another word: "charge" of
          // "charger", "print" of "printer")
          if (d > limit || agentive(said, s.text) || agentive(s.text, said)) continue;
          if (d < bestD) {
            best = s;
            bestD = d;
            tie = false;
          } else if (d === bestD && best && (best.id !== s.id || best.kind !== s.kind)) {
            tie = true;
          }
        }
      }
    }
    return best && !tie ? best : null;
  }

  /** Whether each word of a phrase is within a typo of its word in the name: "kit for two" is no typo of "set for two". */
  private wordsClose(name: string, tokens: { text: string }[], i: number, n: number): boolean {
    const words = name.split(" ");
    for (let k = 0; k < n; k++) {
      const said = tokens[i + k].text;
      // (a word of grammar is said as itself, not mistyped: the "get a" of "can I get a shrimp cheung fun" is no "set a")
      if (said !== words[k] && GRAMMAR_WORDS.has(said)) return false;
      const b = Math.max(1, typoBudget(Math.max(words[k].length, said.length)));
      if (boundedEditDistance(said, words[k], b) <= b) continue;
      if (k === n - 1 && boundedEditDistance(said.replace(/e?s$/, ""), words[k], b) <= b) continue;
      return false;
    }
    return true;
  }

  /** Chinese homophone typos of names of 2+ characters, sharing at least one character with the name. */
  private homophoneMatches(lower: string, ok: (b: string) => boolean, found: CatalogMention[]): void {
    if (!this.homophones.length) return;
    const chars = lower;
    // (what each character reads as alone, once per text)
    if (readings.length < chars.length) readings = new Int32Array(chars.length * 2);
    const read = readings;
    for (let i = 0; i < chars.length; i++) read[i] = foldedId(syllableOfCode(chars.charCodeAt(i)));
    const here: CatalogMention[] = [];
    for (let i = 0; i < chars.length; i++) {
      if (!isCjkCode(chars.charCodeAt(i))) continue;
      if (i + 1 >= chars.length || !isCjkCode(chars.charCodeAt(i + 1))) continue;
      // The longest name that fits here, the first in catalog order of that length: among the polyphonic names of
      // these first two syllables, and those reading as the text does from here, for each length.
      let best: HomophoneSurface | null = null;
      const better = (h: HomophoneSurface) => !best || h.chars.length > best.chars.length || (h.chars.length === best.chars.length && h.order < best.order);
      for (const h of this.polyphonicHomophones.get(syllablePair(read[i], read[i + 1])) ?? []) {
        if (better(h) && this.homophoneAt(chars, i, h, ok, found)) best = h;
      }
      let key = nextHomophoneKey(HOMOPHONE_KEY_SEED, read[i]);
      for (let k = i + 1; k < chars.length; k++) {
        key = nextHomophoneKey(key, read[k]);
        const bit = key & (HOMOPHONE_PREFIX_BITS - 1);
        if (!(this.homophonePrefixes[bit >>> 5] & (1 << (bit & 31)))) break;
        for (const h of this.homophonesByKey.get(key) ?? []) {
          if (!better(h)) break;
          if (this.homophoneAt(chars, i, h, ok, found)) {
            best = h;
            break;
          }
        }
      }
      if (best) here.push({ start: i, end: i + best.chars.length, kind: best.kind, id: best.id, brandId: best.brandId, via: "homophone" });
    }
    // (where the names typed overlap, the longest is meant, the first in the text of those as long: 丽脊肉 over 脊肉)
    if (here.length > 1) here.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
    for (const m of here) if (!found.some((f) => f.start < m.end && m.start < f.end)) found.push(m);
  }

  /** Whether the homophone name `h` is typed at `i`: read as it is, one character or more as written, nothing found there. */
  private homophoneAt(chars: string, i: number, h: HomophoneSurface, ok: (b: string) => boolean, found: CatalogMention[]): boolean {
    const end = i + h.chars.length;
    if (end > chars.length || !ok(h.brandId) || found.some((f) => f.start < end && i < f.end)) return false;
    return this.typedWithHomophones(chars, i, h.chars, h.syllables);
  }

  /**
   * Whether `name` (read as `syllables`) is typed at `i` with one character or more as written and each other one a
   * homophone of its own, not beside a character it makes a word of the catalog's with (pairMeant).
   */
  private typedWithHomophones(chars: string, i: number, name: string, syllables: string[]): boolean {
    let same = 0;
    let near = 0;
    for (let k = 0; k < name.length; k++) {
      const c = chars[i + k];
      if (c === name[k]) same++;
      // (one character of a near sound in the same tone, fuzzySyllable, in a name of three characters or more whose others
      // are as written: not 遭 for the 罩 of 沙发罩, nor the 饮 of 饮食 for the 营 of 减脂营)
      else if (pinyinOfChar(c) !== syllables[k]) {
        if (name.length < 3 || !isCjkCode(c.charCodeAt(0)) || fuzzySyllable(pinyinOfChar(c)) !== fuzzySyllable(syllables[k]) || !nearSound(c, name, k)) return false;
        near++;
      }
      // (in a two-character name, with the name's tone too, 薄点 is no 薄垫, and no word of the platform's: typedFor)
      else if (name.length === 2 && !typedFor(c, name, k, chars, i)) return false;
    }
    return same >= 1 && (near === 0 || (near === 1 && same === name.length - 1)) && !this.pairMeant(chars, i, name);
  }

  /**
   * Whether a character typed for one of `name`'s at `i` is written beside one it makes a word of the catalog's names or
   * roles' labels with, outside the name or inside it: the 游 of 宝宝游泳 is no 油 of 宝宝油 when 游泳 is in a name, the
   * 碾米 of 碾米师傅 no 粘米 when a role is so called.
   */
  private pairMeant(chars: string, i: number, name: string): boolean {
    const last = name.length - 1;
    if (chars[i] !== name[0] && this.namePairs.has((chars[i - 1] ?? "") + chars[i])) return true;
    if (chars[i + last] !== name[last] && this.namePairs.has(chars[i + last] + (chars[i + last + 1] ?? ""))) return true;
    for (let k = 0; k < last; k++) {
      if ((chars[i + k] !== name[k] || chars[i + k + 1] !== name[k + 1]) && this.namePairs.has(chars.slice(i + k, i + k + 2))) return true;
    }
    return false;
  }
}
