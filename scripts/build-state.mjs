// Is dist/ (the compiled build) usable, and is it current? Shared by `npm start`, `npm run build` and bin/o2o.js.
// A build is current when it was finished after the last change under src/ (the build stamp is written last), so a
// developer who edits a file never runs yesterday's build; a production install without src/ runs dist/ as it is.
import { existsSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const root = join(fileURLToPath(new URL(".", import.meta.url)), "..");
export const distDir = join(root, "dist");
const stamp = join(distDir, ".build-stamp");
const srcDir = join(root, "src");

function newestMtime(dir) {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/** "current", "stale" (sources changed since), or "missing". */
export function buildState() {
  if (!existsSync(join(distDir, "main.js"))) return "missing";
  if (!existsSync(srcDir)) return "current"; // an image or a deployment: the build is all there is
  if (!existsSync(stamp)) return "stale";
  return newestMtime(srcDir) <= statSync(stamp).mtimeMs ? "current" : "stale";
}

export function canCompile() {
  return existsSync(join(root, "node_modules/typescript/bin/tsc"));
}

export function markBuilt() {
  writeFileSync(stamp, `${new Date().toISOString()}\n`);
}
