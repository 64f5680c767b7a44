// A cue alternation tested by script gives the whole alternation's answers (script-split.ts).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CUES } from "../../src/nlu/intent-rules.ts";
import { parseCorpus } from "../../src/nlu/eval.ts";
import { normalizeText } from "../../src/nlu/text.ts";
import { ScriptSplitPattern, scriptsNeeded, topAlternatives } from "../../src/nlu/script-split.ts";

describe("scriptsNeeded", () => {
  it.each([
    ["(?<![a-z'])(?:hi|hello)(?![a-z\\d])", ["latin"]],
    ["附近|最近的", ["cjk"]],
    ["附近|near", []],
    ["(?:附近|near)的", ["cjk"]],
    ["(?:daodian )?ziti", ["latin"]],
    ["来(?:一|两)?", ["cjk"]],
    ["^[?？]$", []],
    ["[a-z]{2}", []],
    ["(?:来|go)\\s*\\d+", []],
    ["x{0,2}附", ["cjk"]],
  ])("%s needs %j", (alternative, scripts) => {
    expect([...scriptsNeeded(alternative)].sort()).toEqual(scripts);
  });

  it("splits only at the top level", () => {
    expect(topAlternatives("a(?:b|c)|[|]|d\\|e")).toEqual(["a(?:b|c)", "[|]", "d\\|e"]);
  });
});

describe("ScriptSplitPattern", () => {
  const pattern = new ScriptSplitPattern([/附近|(?<![a-z])near(?![a-z])/, /\bmy orders?\b|订单/]);

  it("answers for text in one script, the other, both or neither", () => {
    expect(pattern.test("你家附近")).toBe(true);
    expect(pattern.test("anything near me")).toBe(true);
    expect(pattern.test("my order 订单")).toBe(true);
    expect(pattern.test("12345")).toBe(false);
    expect(pattern.search("xx 订单")).toBe(3);
    expect(pattern.search("你好")).toBe(-1);
  });

  it("gives every cue group's whole-alternation answer on every corpus line", () => {
    const dir = join(import.meta.dirname, "catalogs");
    const texts = [
      ...parseCorpus(readFileSync(join(import.meta.dirname, "corpus.jsonl"), "utf8")),
      ...readdirSync(dir).filter((f) => existsSync(join(dir, f, "corpus.jsonl"))).flatMap((f) => parseCorpus(readFileSync(join(dir, f, "corpus.jsonl"), "utf8"))),
    ].map((l) => normalizeText(l.text).lower);
    const groups = Object.entries(CUES).map(([name, split]) => ({ name, split, whole: new RegExp(split.source) }));
    const differ: string[] = [];
    for (const t of texts) for (const g of groups) if (g.split.test(t) !== g.whole.test(t)) differ.push(`${g.name}: ${t}`);
    expect(differ).toEqual([]);
  });
});
