// Reads one catalog file (JSON with any kinds, or CSV of one kind) into validated rows.
// Every problem is reported as "file:row: field: reason"; the caller writes nothing if there is any.
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { parse as parseCsv } from "csv-parse/sync";
import type { z } from "zod";
import { IMPORT_ROWS } from "../domain/limits.ts";
import { KINDS, emptyCatalog, rowSchemas, type Catalog, type Kind } from "./catalog-schema.ts";

export interface ReadResult {
  catalog: Catalog;
  /** where each row came from, parallel to catalog[kind] */
  where: Record<Kind, string[]>;
  errors: string[];
  /** "kind:id" of rows that failed validation */
  invalidIds: Set<string>;
}

export const CSV_KINDS = ["stores", "products", "inventory"] as const;

const CSV_COLUMNS: Record<(typeof CSV_KINDS)[number], string[]> = {
  stores: ["id", "brandId", "name", "lat", "lng", "address", "openHours", "timezone", "services", "deliveryRadiusMeters", "flagship", "phone", "arrivalMeters", "autoCompleteOnArrival", "deliveryPromiseMinutes", "prepMinutes"],
  products: ["id", "brandId", "name", "aliases", "priceCents", "currency", "sizes", "tags", "photoUrl", "description"],
  inventory: ["storeId", "productId", "size", "quantity"],
};

/** CSV cells are text: these columns are converted (lists are separated by | or ;). */
const CSV_TYPES: Record<string, "number" | "bool" | "list"> = {
  lat: "number", lng: "number", deliveryRadiusMeters: "number", arrivalMeters: "number", deliveryPromiseMinutes: "number", prepMinutes: "number", priceCents: "number", quantity: "number",
  flagship: "bool", autoCompleteOnArrival: "bool", aliases: "list", services: "list", sizes: "list", tags: "list",
};

/** Decodes bytes as UTF-8 (BOM stripped); refuses anything that is not valid UTF-8 rather than guess. */
export function decodeText(bytes: Buffer, encoding: "utf8" | "gbk" = "utf8"): { text: string } | { error: string } {
  if (encoding === "gbk") return { text: new TextDecoder("gb18030").decode(bytes) };
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return { text: text.replace(/^\uFEFF/, "") };
  } catch {
    let gbkLooking = false;
    try {
      gbkLooking = /[\u4e00-\u9fff]/.test(new TextDecoder("gb18030", { fatal: true }).decode(bytes));
    } catch { /* not GBK either */ }
    return {
      error: gbkLooking
        ? "the file is not UTF-8 (it looks like GBK/GB18030, as Excel saves it): save it as UTF-8, or pass --encoding gbk"
        : "the file is not valid UTF-8 text",
    };
  }
}

function issueText(issues: z.core.$ZodIssue[], row: Record<string, unknown>): string {
  return issues
    .map((i) => {
      const field = i.path.join(".");
      let msg = i.message;
      if (i.code === "invalid_type") msg = row[String(i.path[0])] === undefined ? "is required" : i.expected === "int" ? "must be a whole number" : `must be a ${i.expected}`; // zod reports .int() as a type
      return field ? `${field}: ${msg}` : msg;
    })
    .join("; ");
}

function csvCell(field: string, raw: string): unknown {
  const v = raw.trim();
  if (v === "") return undefined;
  switch (CSV_TYPES[field]) {
    case "number":
      return /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v; // leave bad numbers as text so zod names the field
    case "bool":
      return /^(true|1|yes)$/i.test(v) ? true : /^(false|0|no)$/i.test(v) ? false : v;
    case "list":
      return v.split(/[|;]/).map((s) => s.trim()).filter(Boolean);
    default:
      return v;
  }
}

function validateRows(kind: Kind, rows: unknown[], label: (i: number) => string, out: ReadResult): void {
  const schema = rowSchemas[kind];
  const max = IMPORT_ROWS[kind as keyof typeof IMPORT_ROWS];
  if (max !== undefined && rows.length + out.catalog[kind].length > max) {
    out.errors.push(`${label(0).split(":")[0]}: ${rows.length} ${kind} rows; one import takes at most ${max} (split the file)`);
    return;
  }
  rows.forEach((row, i) => {
    if (typeof row !== "object" || row === null || Array.isArray(row)) {
      out.errors.push(`${label(i)}: must be an object`);
      return;
    }
    const parsed = schema.safeParse(row);
    if (!parsed.success) {
      out.errors.push(`${label(i)}: ${issueText(parsed.error.issues, row as Record<string, unknown>)}`);
      // remember what the bad row was meant to be, so rows that refer to it are not reported twice
      const r = row as Record<string, unknown>;
      if (typeof r.id === "string") out.invalidIds.add(`${kind}:${r.id}`);
    }
    else {
      (out.catalog[kind] as unknown[]).push(parsed.data);
      out.where[kind].push(label(i));
    }
  });
}

export function readCatalogFile(path: string, opts: { kind?: Kind; encoding?: "utf8" | "gbk" } = {}): ReadResult {
  const name = basename(path);
  const out: ReadResult = { catalog: emptyCatalog(), where: { brands: [], stores: [], products: [], inventory: [], coupons: [], staff: [], roles: [] }, errors: [], invalidIds: new Set() };
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    out.errors.push(`${name}: cannot read the file (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
    return out;
  }
  const decoded = decodeText(bytes, opts.encoding);
  if ("error" in decoded) {
    out.errors.push(`${name}: ${decoded.error}`);
    return out;
  }
  const text = decoded.text;
  if (text.trim() === "") {
    out.errors.push(`${name}: the file is empty`);
    return out;
  }
  const isCsv = /\.csv$/i.test(path) || (opts.kind !== undefined && !/^\s*[[{]/.test(text));
  if (isCsv) {
    const kind = opts.kind;
    if (!kind || !(CSV_KINDS as readonly string[]).includes(kind)) {
      out.errors.push(`${name}: a CSV file needs --kind stores|products|inventory`);
      return out;
    }
    let records: string[][];
    try {
      records = parseCsv(text, { relax_column_count: true, skip_empty_lines: true });
    } catch (e) {
      out.errors.push(`${name}:${(e as { lines?: number }).lines ?? 1}: not valid CSV (${(e as Error).message})`);
      return out;
    }
    if (records.length < 2) {
      out.errors.push(`${name}: no data rows (the first line is the header)`);
      return out;
    }
    const header = records[0].map((h) => h.trim());
    const known = new Set(CSV_COLUMNS[kind as (typeof CSV_KINDS)[number]]);
    const unknown = header.filter((h) => !known.has(h));
    if (unknown.length) {
      out.errors.push(`${name}:1: unknown column(s) ${unknown.join(", ")}; expected some of ${[...known].join(", ")}`);
      return out;
    }
    const rows = records.slice(1).map((r) => Object.fromEntries(header.map((h, j) => [h, csvCell(h, r[j] ?? "")]).filter(([, v]) => v !== undefined)));
    validateRows(kind, rows, (i) => `${name}:${i + 2}`, out);
    return out;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    out.errors.push(`${name}: not valid JSON (${(e as Error).message})`);
    return out;
  }
  if (Array.isArray(json) && opts.kind) json = { [opts.kind]: json };
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    out.errors.push(`${name}: the top level must be an object with ${KINDS.join(", ")}`);
    return out;
  }
  const obj = json as Record<string, unknown>;
  for (const key of Object.keys(obj)) {
    if (!(KINDS as readonly string[]).includes(key)) out.errors.push(`${name}: unknown section "${key}"; expected ${KINDS.join(", ")}`);
  }
  let any = false;
  for (const kind of KINDS) {
    const rows = obj[kind];
    if (rows === undefined) continue;
    if (!Array.isArray(rows)) {
      out.errors.push(`${name}: "${kind}" must be an array`);
      continue;
    }
    any ||= rows.length > 0;
    validateRows(kind, rows, (i) => `${name}:${kind}[${i}]`, out);
  }
  if (!any && out.errors.length === 0) out.errors.push(`${name}: nothing to import (no rows in ${KINDS.join(", ")})`);
  return out;
}
