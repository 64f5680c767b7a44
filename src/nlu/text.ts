// Text normalisation shared by every extractor.
//
// Every extractor works on `lower`, an ASCII-lowercased copy of `orig` with the SAME length, so that a
// span found in one is valid in the other (coupon codes and order ids are read back from `orig` to
// keep the user's casing). That is why we lowercase ASCII only: String#toLowerCase can change the
// length of some non-ASCII characters.
import { foldCantonese, type CantoneseKeeper } from "./cantonese.ts";
import { foldTraditional } from "./traditional.ts";

/** Only this many characters are looked at: a chat message longer than this is not a command. */
export const MAX_CHARS = 500;

export interface NormalizedText {
  /** NFKC-normalised, whitespace-collapsed, capped text (original casing). */
  orig: string;
  /** `orig` with ASCII letters lowercased; same length as `orig`. */
  lower: string;
}

// Characters that are already normal: printable ASCII except the backtick, basic CJK, 、。
const NEEDS_NFKC = /[^\x20-\x5f\x61-\x7e\u4e00-\u9fff\u3001\u3002]/;
const NEEDS_CLEANUP = /[^\x20-\x5f\x61-\x7e\u4e00-\u9fff\u3001\u3002]|\s\s|^\s|\s$/;

export function normalizeText(input: unknown, keep?: CantoneseKeeper): NormalizedText {
  let s = typeof input === "string" ? input : input == null ? "" : String(input);
  // Cap before NFKC too, so a 5 MB message costs no more than a 1 KB one.
  s = s.slice(0, MAX_CHARS * 2);
  // NFKC folds full-width letters, digits and punctuation (ＬＡＴＴＥ２, ？) onto ASCII. Plain ASCII and
  // basic CJK are already in that form; skipping the call for them halves the cost of a parse.
  if (NEEDS_NFKC.test(s)) s = s.normalize("NFKC");
  if (NEEDS_CLEANUP.test(s)) {
    s = s
      .replace(/[\u200b-\u200f\u2060\ufeff]/g, "") // zero-width characters hide words from the rules
      .replace(/[\u2018\u2019\u0060\u00b4]/g, "'")
      .replace(/[\u201c\u201d]/g, '"')
      .replace(/\s+/g, " ")
      .trim();
  }
  s = s.slice(0, MAX_CHARS);
  if (hasTraditional(s)) s = foldTraditional(s);
  // (a catalog's own words kept as written, where the parser knows them: the 咪 of 猫咪)
  s = keep?.size ? keep.fold(s) : foldCantonese(s);
  return { orig: s, lower: asciiLower(s) };
}

/**
 * The characters foldTraditional changes, by character code (it folds one character at a time), read from it on first use:
 * most messages have none, and a table tells so without a map lookup per character.
 */
let traditional: Uint8Array | undefined;
function hasTraditional(s: string): boolean {
  traditional ??= traditionalTable();
  for (let i = 0; i < s.length; i++) if (traditional[s.charCodeAt(i)]) return true;
  return false;
}
function traditionalTable(): Uint8Array {
  const table = new Uint8Array(0x10000);
  // (it leaves every character below U+3400 alone)
  for (let c = 0x3400; c < 0x10000; c++) {
    const ch = String.fromCharCode(c);
    if (foldTraditional(ch) !== ch) table[c] = 1;
  }
  return table;
}

const UPPER = /[A-Z]/;
export function asciiLower(s: string): string {
  return UPPER.test(s) ? s.replace(/[A-Z]+/g, (m) => m.toLowerCase()) : s;
}

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;
export function hasCjk(s: string): boolean {
  return CJK.test(s);
}
export function isCjkChar(ch: string | undefined): boolean {
  if (ch === undefined || ch.length !== 1) return false;
  const c = ch.charCodeAt(0);
  return (c >= 0x3400 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff);
}

/** True when the character cannot continue a Latin word or a number (used as a word boundary). */
export function isLatinBoundary(ch: string | undefined): boolean {
  if (ch === undefined) return true;
  const c = ch.charCodeAt(0) | 0x20; // fold A-Z onto a-z
  return !((c >= 0x61 && c <= 0x7a) || (ch >= "0" && ch <= "9"));
}

/** A span of the normalised text, half-open [start, end). */
export interface Span {
  start: number;
  end: number;
}

export function overlaps(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end;
}

/** The text with each span overwritten by `fill` (same length, so every other span keeps its place). */
export function blankSpans(text: string, spans: Span[], fill = "_"): string {
  let out = text;
  for (const s of spans) out = out.slice(0, s.start) + fill.repeat(s.end - s.start) + out.slice(s.end);
  return out;
}

/** Where an English word that ends at `end` really ends: after an "s" or "es" plural; -1 when more letters follow. */
export function pluralEnd(lower: string, end: number): number {
  if (lower.startsWith("es", end) && isLatinBoundary(lower[end + 2])) return end + 2;
  if (lower[end] === "s" && isLatinBoundary(lower[end + 1])) return end + 1;
  return isLatinBoundary(lower[end]) ? end : -1;
}
