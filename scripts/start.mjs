// `npm start`: runs the compiled server (dist/main.js), building it first when it is missing or older than the
// sources and TypeScript is installed. In a production install (no dev dependencies) an existing build runs as is.
import { buildState, canCompile, distDir } from "./build-state.mjs";
import { build } from "./build.mjs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const state = buildState();
if (state !== "current" && canCompile()) {
  console.error(state === "missing" ? "o2o: building dist/ (first start)…" : "o2o: sources changed since the last build: rebuilding dist/…");
  try {
    build();
  } catch {
    console.error("o2o: the build failed (see above)");
    process.exit(1);
  }
} else if (state === "missing") {
  console.error("o2o: dist/ is missing and TypeScript is not installed: run `npm run build` where dev dependencies are installed");
  process.exit(1);
}
await import(pathToFileURL(join(distDir, "main.js")).href);
