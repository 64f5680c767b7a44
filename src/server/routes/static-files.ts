// Static files from one folder (the Mini App's web/, the dashboard's web/admin/): known types only, safe names only,
// read once and kept until the file changes, with an ETag so repeat visits revalidate cheaply. HTML pages get the
// caller's security headers.
import { createHash } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import { extname, join } from "node:path";
import type { FastifyReply } from "fastify";

export const STATIC_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".json": "application/json; charset=utf-8",
  ".webmanifest": "application/manifest+json",
};

interface Cached {
  mtimeMs: number;
  body: Buffer;
  etag: string;
}

export interface StaticFilesOptions {
  dir: string;
  /** which relative names may be served (e.g. no subfolders) */
  safeName: RegExp;
  /** file extensions served (a subset of STATIC_TYPES) */
  types?: readonly string[];
  /** extra headers on HTML pages (CSP, framing) */
  htmlHeaders: Record<string, string>;
}

/** The function that answers a request for one file of the folder (404 for anything else). */
export function staticFiles(opts: StaticFilesOptions) {
  const cache = new Map<string, Cached>();
  const types = new Set(opts.types ?? Object.keys(STATIC_TYPES));

  async function load(name: string): Promise<Cached | null> {
    if (!opts.safeName.test(name) || !types.has(extname(name))) return null;
    const file = join(opts.dir, name);
    try {
      const st = await stat(file);
      if (!st.isFile()) return null;
      const had = cache.get(file);
      if (had && had.mtimeMs === st.mtimeMs) return had;
      const body = await readFile(file);
      const entry = { mtimeMs: st.mtimeMs, body, etag: `"${createHash("sha1").update(body).digest("base64url").slice(0, 20)}"` };
      cache.set(file, entry);
      return entry;
    } catch {
      return null;
    }
  }

  return async function send(name: string, ifNoneMatch: string | undefined, reply: FastifyReply) {
    const f = await load(name);
    if (!f) return reply.code(404).send({ ok: false, error: { code: "NOT_FOUND", message: "There is no such file." } });
    reply.header("cache-control", "no-cache").header("etag", f.etag).header("x-content-type-options", "nosniff");
    if (name.endsWith(".html")) for (const [k, v] of Object.entries(opts.htmlHeaders)) reply.header(k, v);
    if (ifNoneMatch === f.etag) return reply.code(304).send();
    return reply.type(STATIC_TYPES[extname(name)]).send(f.body);
  };
}
