#!/usr/bin/env node
// The `o2o` command: runs the TypeScript CLI through tsx, so no build step is needed after `npm ci`.
import { register } from "tsx/esm/api";

register();
await import("../src/cli/index.ts");
