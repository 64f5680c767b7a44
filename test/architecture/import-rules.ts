// The dependency rule of src/, checked over the TypeScript imports themselves (docs/architecture.md "The dependency
// rule"): every `import`, `import type`, `export … from` and `import()` counts, because a type-only import still ties
// two files together for whoever reads or moves them.
//   1. src/domain is pure: it imports only its own files and the pure libraries in DOMAIN_PACKAGES (no database,
//      network, file system, bot, queue, scheduler or LLM client).
//   2. src/channels (Telegram, terminal) sits on top: only the entry points (src/main.ts, src/cli/) wire it in.
//   3. No import loop anywhere in src/.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import ts from "typescript";

/** Libraries the domain may use: computation only, no I/O. Add one here only if it touches no I/O. */
export const DOMAIN_PACKAGES = ["zod", "kdbush", "geokdbush"];

/** Who may import src/channels: the processes' entry points, which wire the channels to everything below. */
const CHANNEL_WIRERS = ["src/main.ts", "src/cli/"];

/** Not ours to shape: the generated Prisma clients. */
const SKIPPED = ["src/db/generated/"];

export interface Violation {
  rule: "domain-pure" | "channels-on-top" | "no-loops";
  /** one line a person can act on: which file, which import, what to do */
  message: string;
}

/** Every .ts file under root/src, as root-relative paths with forward slashes. */
export function sourceFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      const rel = posix(relative(root, full));
      if (SKIPPED.some((s) => rel.startsWith(s))) continue;
      if (statSync(full).isDirectory()) walk(full);
      else if (/\.(ts|mts|tsx)$/.test(name)) out.push(rel);
    }
  };
  walk(join(root, "src"));
  return out.sort();
}

export interface Import {
  from: string;
  /** as written in the file */
  specifier: string;
  /** the root-relative file it names; null for a package or node builtin */
  target: string | null;
}

/** The imports of each file (relative ones resolved to files of the tree). */
export function readImports(root: string, files: string[]): Import[] {
  const out: Import[] = [];
  for (const file of files) {
    const text = readFileSync(join(root, file), "utf8");
    const { importedFiles } = ts.preProcessFile(text, true, true);
    for (const { fileName: specifier } of importedFiles) {
      out.push({ from: file, specifier, target: specifier.startsWith(".") ? resolveRelative(root, file, specifier) : null });
    }
  }
  return out;
}

function resolveRelative(root: string, from: string, specifier: string): string {
  const base = resolve(root, dirname(from), specifier);
  const candidates = [base, base.replace(/\.js$/, ".ts"), `${base}.ts`, join(base, "index.ts")];
  const found = candidates.find((c) => existsSync(c) && statSync(c).isFile()) ?? base;
  return posix(relative(root, found));
}

const posix = (p: string) => p.split(sep).join("/");

/** The package a bare specifier names: "@scope/pkg/sub" → "@scope/pkg", "node:fs" → "node:fs". */
function packageOf(specifier: string): string {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
}

/** Checks the three rules over the files given (default: all of src/ under root). */
export function checkImports(root: string, files: string[] = sourceFiles(root)): Violation[] {
  const imports = readImports(root, files);
  const violations: Violation[] = [];
  for (const i of imports) {
    if (i.from.startsWith("src/domain/")) {
      if (i.target === null && !DOMAIN_PACKAGES.includes(packageOf(i.specifier))) {
        violations.push({ rule: "domain-pure", message: `${i.from} imports "${i.specifier}": the domain stays free of I/O libraries; do the I/O in src/app and pass the values in` });
      } else if (i.target !== null && !i.target.startsWith("src/domain/")) {
        violations.push({ rule: "domain-pure", message: `${i.from} imports ${i.target}: the domain imports only src/domain; move the shared piece into src/domain or pass it in` });
      }
    }
    if (i.target?.startsWith("src/channels/") && !i.from.startsWith("src/channels/") && !CHANNEL_WIRERS.some((w) => i.from.startsWith(w))) {
      violations.push({ rule: "channels-on-top", message: `${i.from} imports ${i.target}: only the entry points (src/main.ts, src/cli/) import src/channels; move the piece below the channels or inject it from an entry point` });
    }
  }
  for (const loop of importLoops(files, imports)) {
    violations.push({ rule: "no-loops", message: `import loop: ${[...loop, loop[0]].join(" -> ")}; move what they share into a file of its own` });
  }
  return violations;
}

/** Every group of files that import each other in a circle (Tarjan's strongly connected components), as one path each. */
export function importLoops(files: string[], imports: Import[]): string[][] {
  const known = new Set(files);
  const edges = new Map<string, string[]>(files.map((f) => [f, []]));
  for (const i of imports) if (i.target && known.has(i.target)) edges.get(i.from)!.push(i.target);
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const loops: string[][] = [];
  const visit = (v: string) => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v)!) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const group: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        group.push(w);
      } while (w !== v);
      if (group.length > 1 || edges.get(v)!.includes(v)) loops.push(cyclePath(new Set(group), edges));
    }
  };
  for (const f of files) if (!index.has(f)) visit(f);
  return loops;
}

/** One concrete circle through a component, starting at its first file by name, so the message names real imports. */
function cyclePath(group: Set<string>, edges: Map<string, string[]>): string[] {
  const start = [...group].sort()[0];
  const path: string[] = [start];
  const seen = new Set([start]);
  // depth-first inside the component until an edge returns to the start
  const dfs = (v: string): boolean => {
    for (const w of edges.get(v)!) {
      if (!group.has(w)) continue;
      if (w === start) return true;
      if (seen.has(w)) continue;
      seen.add(w);
      path.push(w);
      if (dfs(w)) return true;
      path.pop();
    }
    return false;
  };
  dfs(start);
  return path;
}
