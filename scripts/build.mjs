// `npm run build`: src/ compiled to dist/ (tsconfig.build.json). Runtime files stay where they are (see that file).
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { canCompile, markBuilt, root } from "./build-state.mjs";

export function build({ quiet = false } = {}) {
  if (!canCompile()) throw new Error("typescript is not installed: run `npm ci` (with dev dependencies) to build");
  const started = Date.now();
  execFileSync(process.execPath, [join(root, "node_modules/typescript/bin/tsc"), "-p", join(root, "tsconfig.build.json")], { cwd: root, stdio: "inherit" });
  markBuilt();
  if (!quiet) console.error(`built dist/ in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  // --after-install (npm's postinstall): build ahead so the first `npm start` starts at once; skipped without
  // TypeScript (a production install), and a failure only warns (`npm start` builds again and reports it)
  const afterInstall = process.argv.includes("--after-install");
  if (afterInstall && (!canCompile() || !existsSync(join(root, "src")))) process.exit(0);
  try {
    build();
  } catch (e) {
    console.error(`o2o build failed: ${e instanceof Error ? e.message.split("\n")[0] : e}`);
    process.exit(afterInstall ? 0 : 1);
  }
}
