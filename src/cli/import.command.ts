// `o2o import FILE [--kind stores|products|inventory] [--encoding utf8|gbk]`
import { Command, Option } from "commander";
import { withDb } from "./with-db.ts";
import { importCatalogFile } from "../app/import-catalog.ts";
import { KINDS, type Kind } from "../catalog/catalog-schema.ts";

export function registerImport(program: Command): void {
  program
    .command("import")
    .description("import a catalog file (JSON with brands/stores/products/inventory/coupons/staff, or one CSV per kind); all or nothing, upsert by id")
    .argument("<file>", "catalog .json, or .csv with --kind")
    .addOption(new Option("--kind <kind>", "what a CSV file holds").choices(KINDS as unknown as string[]))
    .addOption(new Option("--encoding <encoding>", "text encoding of the file").choices(["utf8", "gbk"]).default("utf8"))
    .option("--json", "print the result as JSON")
    .action(async (file: string, opts: { kind?: Kind; encoding: "utf8" | "gbk"; json?: boolean }) => {
      await withDb(async (db) => {
        const result = await importCatalogFile(db, file, { kind: opts.kind, encoding: opts.encoding });
        if (!result.ok) {
          for (const e of result.errors.slice(0, 200)) process.stderr.write(`${e}\n`);
          if (result.errors.length > 200) process.stderr.write(`… and ${result.errors.length - 200} more\n`);
          process.stderr.write(`o2o: import failed: ${result.errors.length} problem(s) in ${file}; nothing was written\n`);
          process.exitCode = 1;
          return;
        }
        if (opts.json) console.log(JSON.stringify({ ok: true, counts: result.counts }));
        else console.log(`imported ${Object.entries(result.counts).filter(([, n]) => n > 0).map(([k, n]) => `${n} ${k}`).join(", ")} from ${file}`);
      });
    });
}
