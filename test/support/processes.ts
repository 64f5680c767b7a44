// Running the product as a user would: `npm start` and `npx o2o …` as child processes.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { projectRoot } from "../../src/paths.ts";

const O2O = join(projectRoot, "bin/o2o.js");

export function o2o(args: string[], opts: { env?: Record<string, string>; input?: string } = {}) {
  const r = spawnSync(process.execPath, [O2O, ...args], {
    cwd: projectRoot,
    env: { ...process.env, ...opts.env },
    input: opts.input,
    encoding: "utf8",
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function startServer(env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx", join(projectRoot, "src/main.ts")], {
    cwd: projectRoot,
    env: { ...process.env, LOG_LEVEL: "warn", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
}

export async function waitForHealthy(url: string, ms = 30_000): Promise<Response> {
  const until = Date.now() + ms;
  for (;;) {
    try {
      const r = await fetch(url);
      if (r.ok) return r;
    } catch { /* not listening yet */ }
    if (Date.now() > until) throw new Error(`${url} not healthy after ${ms} ms`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

export function freePort(): number {
  return 20_000 + Math.floor(Math.random() * 20_000);
}
