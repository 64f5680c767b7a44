// The dependency rule holds for src/, and the check itself catches each kind of wrong import (a rule that cannot fail
// protects nothing): a small tree with one mistake of every kind is written to a temporary folder and checked.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { checkImports } from "./import-rules.ts";

const ROOT = join(import.meta.dirname, "..", "..");

describe("the dependency rule", () => {
  it("holds for src/: a pure domain, channels on top, no import loop", () => {
    expect(checkImports(ROOT).map((v) => v.message)).toEqual([]);
  });
});

describe("the dependency check", () => {
  const dir = mkdtempSync(join(tmpdir(), "o2o-import-rules-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const tree = (files: Record<string, string>) => {
    const root = mkdtempSync(join(dir, "tree-"));
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    }
    return root;
  };
  const clean = {
    "src/domain/money.ts": `import { z } from "zod";\nexport const cents = z.number().int();\n`,
    "src/domain/orders/pricing.ts": `import { cents } from "../money.ts";\nexport const total = cents;\n`,
    "src/app/quote.ts": `import { total } from "../domain/orders/pricing.ts";\nexport const quote = total;\n`,
    "src/channels/telegram/bot.ts": `import { quote } from "../../app/quote.ts";\nimport { Telegraf } from "telegraf";\nexport const bot = [quote, Telegraf];\n`,
    "src/main.ts": `const { bot } = await import("./channels/telegram/bot.ts");\nexport { bot };\n`,
    "src/cli/chat.command.ts": `import { bot } from "../channels/telegram/bot.ts";\nexport default bot;\n`,
  };

  it("passes a tree that follows the rule", () => {
    expect(checkImports(tree(clean))).toEqual([]);
  });

  it("fails on a domain file that imports an I/O library or a node builtin", () => {
    const root = tree({
      ...clean,
      "src/domain/orders/pricing.ts": `import { PrismaClient } from "@prisma/client";\nimport { readFileSync } from "node:fs";\nexport const total = [PrismaClient, readFileSync];\n`,
    });
    expect(checkImports(root).map((v) => v.message)).toEqual([
      `src/domain/orders/pricing.ts imports "@prisma/client": the domain stays free of I/O libraries; do the I/O in src/app and pass the values in`,
      `src/domain/orders/pricing.ts imports "node:fs": the domain stays free of I/O libraries; do the I/O in src/app and pass the values in`,
    ]);
  });

  it("fails on a domain file that imports a layer above it, even for a type", () => {
    const root = tree({ ...clean, "src/app/texts.ts": `export const texts = {};\n`, "src/domain/money.ts": `import type { texts } from "../app/texts.ts";\nexport type T = typeof texts;\n` });
    expect(checkImports(root)).toEqual([
      { rule: "domain-pure", message: expect.stringContaining("src/domain/money.ts imports src/app/texts.ts") },
    ]);
  });

  it("fails on a lower layer that imports src/channels", () => {
    const root = tree({ ...clean, "src/app/notify.ts": `export { bot } from "../channels/telegram/bot.ts";\n` });
    expect(checkImports(root)).toEqual([
      { rule: "channels-on-top", message: expect.stringContaining("src/app/notify.ts imports src/channels/telegram/bot.ts") },
    ]);
  });

  it("fails on an import loop, dynamic and type-only imports included, naming the circle", () => {
    const root = tree({
      ...clean,
      "src/campaigns/a.ts": `import type { B } from "./b.ts";\nexport type A = B;\n`,
      "src/campaigns/b.ts": `export type B = string;\nexport const c = () => import("./c.ts");\n`,
      "src/campaigns/c.ts": `import type { A } from "./a.ts";\nexport type C = A;\n`,
    });
    expect(checkImports(root)).toEqual([
      { rule: "no-loops", message: "import loop: src/campaigns/a.ts -> src/campaigns/b.ts -> src/campaigns/c.ts -> src/campaigns/a.ts; move what they share into a file of its own" },
    ]);
  });
});
