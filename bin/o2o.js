#!/usr/bin/env node
// The `o2o` command: the compiled CLI (dist/) when the build is current, else the TypeScript sources through tsx
// (a development checkout where nothing was built, or sources edited since), so no build step is needed after
// `npm ci`. A production install without dev dependencies runs dist/ as it is.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { buildState } from "../scripts/build-state.mjs";

const root = join(fileURLToPath(new URL(".", import.meta.url)), "..");
const compiled = join(root, "dist/cli/index.js");
const state = buildState();
const hasTsx = existsSync(join(root, "node_modules/tsx"));
if (state === "current" || (!hasTsx && existsSync(compiled))) {
  await import(pathToFileURL(compiled).href);
} else if (hasTsx) {
  const { register } = await import("tsx/esm/api");
  register();
  await import("../src/cli/index.ts");
} else {
  console.error("o2o: dist/ is missing and tsx is not installed: run `npm run build` first");
  process.exit(1);
}
