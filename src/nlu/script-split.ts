// A large alternation of patterns, tested only with the alternatives a text can match by its scripts: an alternative
// that must match a Latin letter ("\bmy orders?\b") is left out for a text with none, one that must match a Chinese
// character (附近) for a text with none. The answer is the same as the whole alternation's; the scan is shorter
// (most messages are in one script, and the intent cues hold hundreds of alternatives of both).
// Pure: a conservative reading of the pattern's source (anything it cannot tell counts as matching either script).

type Script = "latin" | "cjk";

/** The alternatives of a pattern source at its top level (the parts between | outside groups and classes). */
export function topAlternatives(source: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let inClass = false;
  let start = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === "\\") i++;
    else if (inClass) inClass = c !== "]";
    else if (c === "[") inClass = true;
    else if (c === "(") depth++;
    else if (c === ")") depth--;
    else if (c === "|" && depth === 0) out.push(source.slice(start, i)), (start = i + 1);
  }
  out.push(source.slice(start));
  return out;
}

/** where the group that opens at `i` closes */
function groupEnd(source: string, i: number): number {
  let depth = 0;
  let inClass = false;
  for (let j = i; j < source.length; j++) {
    const c = source[j];
    if (c === "\\") j++;
    else if (inClass) inClass = c !== "]";
    else if (c === "[") inClass = true;
    else if (c === "(") depth++;
    else if (c === ")" && --depth === 0) return j;
  }
  return source.length - 1;
}

/** The scripts every match of a pattern holds a letter of: the literal letters that no quantifier makes optional, in each alternative. */
export function scriptsNeeded(source: string): Set<Script> {
  const alternatives = topAlternatives(source);
  if (alternatives.length > 1) {
    const each = alternatives.map(scriptsNeeded);
    return new Set((["latin", "cjk"] as const).filter((s) => each.every((n) => n.has(s))));
  }
  const alternative = source;
  const needed = new Set<Script>();
  let i = 0;
  while (i < alternative.length) {
    const c = alternative[i];
    let atom = new Set<Script>();
    let end = i + 1;
    if (c === "\\") {
      // (an escape is a class, a boundary or an escaped sign: no letter for sure; \u{…} and \p{…} read to their brace)
      end = /[pPu]/.test(alternative[i + 1] ?? "") && alternative[i + 2] === "{" ? alternative.indexOf("}", i) + 1 : alternative[i + 1] === "u" ? i + 6 : i + 2;
    } else if (c === "[") {
      let j = i + 1;
      while (j < alternative.length && alternative[j] !== "]") j += alternative[j] === "\\" ? 2 : 1;
      end = j + 1;
    } else if (c === "(") {
      const close = groupEnd(alternative, i);
      end = close + 1;
      const inner = alternative.slice(i + 1, close);
      // (a lookaround consumes nothing; a group needs what each of its alternatives needs)
      if (!/^\?<?[=!]/.test(inner)) atom = scriptsNeeded(inner.replace(/^\?(?::|<[A-Za-z]\w*>)/, ""));
    } else if (c >= "a" && c <= "z") atom.add("latin");
    else if (/[\u3400-\u9fff]/.test(c)) atom.add("cjk");
    const quantifier = /^(?:[?*+]|\{(\d*)(?:,\d*)?\})\??/.exec(alternative.slice(end));
    const optional = !!quantifier && (quantifier[0][0] === "?" || quantifier[0][0] === "*" || (quantifier[0][0] === "{" && Number(quantifier[1] || 0) === 0));
    if (quantifier) end += quantifier[0].length;
    if (!optional) for (const s of atom) needed.add(s);
    i = end;
  }
  return needed;
}

/** One alternation of patterns (flags dropped, as one RegExp of their sources would), tested by script. */
export class ScriptSplitPattern {
  readonly source: string;
  private readonly whole: RegExp;
  private readonly withoutLatin: RegExp | null;
  private readonly withoutCjk: RegExp | null;
  private readonly withoutEither: RegExp | null;

  constructor(parts: RegExp[]) {
    this.source = parts.map((r) => `(?:${r.source})`).join("|");
    this.whole = new RegExp(this.source);
    const alternatives = parts.flatMap((r) => topAlternatives(r.source));
    const needs = alternatives.map(scriptsNeeded);
    const without = (scripts: Script[]) => {
      const kept = alternatives.filter((_, k) => !scripts.some((s) => needs[k].has(s)));
      return kept.length ? new RegExp(kept.map((a) => `(?:${a})`).join("|")) : null;
    };
    this.withoutLatin = without(["latin"]);
    this.withoutCjk = without(["cjk"]);
    this.withoutEither = without(["latin", "cjk"]);
  }

  /** the same answer as the whole alternation's `test` */
  test(text: string): boolean {
    return this.patternFor(text)?.test(text) ?? false;
  }

  /** where the whole alternation's first match starts (-1 for none), as String.prototype.search says */
  search(text: string): number {
    return this.patternFor(text)?.exec(text)?.index ?? -1;
  }

  /** (an alternative left out cannot match anywhere in the text: the leftmost match and its alternative are the same) */
  private patternFor(text: string): RegExp | null {
    const { latin, cjk } = scriptsOf(text);
    return latin && cjk ? this.whole : latin ? this.withoutCjk : cjk ? this.withoutLatin : this.withoutEither;
  }
}

/** the scripts a text has letters of; the last text's kept, since every cue group of a message asks of the same text */
let lastText: string | undefined;
let lastScripts = { latin: false, cjk: false };
function scriptsOf(text: string): { latin: boolean; cjk: boolean } {
  if (text !== lastText) {
    lastText = text;
    lastScripts = { latin: /[a-z]/.test(text), cjk: /[\u3400-\u9fff]/.test(text) };
  }
  return lastScripts;
}
