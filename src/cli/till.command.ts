// `o2o till bill --store STORE --amount CENTS [--currency CNY] [--qr FILE]`: open a bill at a store's till and print
// its deep link (the QR the customer scans); `o2o till status BILL_ID [--json]`; `o2o till void BILL_ID`.
import { writeFile } from "node:fs/promises";
import { Command } from "commander";
import { loadBots } from "../bot-config.ts";
import { billLinks, createBill, showBill, voidBill, type BillView } from "../app/till/bills.ts";
import { formatMoney } from "../domain/money.ts";
import { systemClock } from "../runtime.ts";
import type { Db } from "../db/database.ts";
import { CliError } from "./cli-error.ts";
import { withDb } from "./with-db.ts";

/** The bot whose deep link the QR carries: the brand's own account, else the marketplace bot, and its Telegram username. */
async function linkBot(db: Db, brandId: string, wanted: { bot?: string; username?: string }): Promise<string> {
  if (wanted.username) return wanted.username.replace(/^@/, "");
  const bots = loadBots();
  const bot = wanted.bot ? bots.find((b) => b.id === wanted.bot) : bots.find((b) => b.brands !== "*" && b.brands.includes(brandId)) ?? bots.find((b) => b.brands === "*");
  if (!bot) throw new CliError(wanted.bot ? `unknown bot "${wanted.bot}"; known: ${bots.map((b) => b.id).join(", ")}` : "no bot serves this store's brand");
  const known = await db.prisma.botAccount.findUnique({ where: { id: bot.id } });
  if (known?.username) return known.username;
  // recorded when the bot first starts; until then the link names the bot by its id (stderr says how to fix it)
  process.stderr.write(`o2o: note: bot "${bot.id}" has not started yet, so its Telegram username is unknown; pass --username for a scannable link\n`);
  return bot.id;
}

async function writeQr(file: string, text: string): Promise<void> {
  let qrcode: { toBuffer(text: string, opts: Record<string, unknown>): Promise<Buffer>; toString(text: string, opts: Record<string, unknown>): Promise<string> };
  try {
    qrcode = (await import("qrcode")).default as typeof qrcode;
  } catch {
    throw new CliError("the qrcode package is missing: run npm install");
  }
  const opts = { errorCorrectionLevel: "M", margin: 2, width: 512 };
  if (file.toLowerCase().endsWith(".svg")) await writeFile(file, await qrcode.toString(text, { ...opts, type: "svg" }));
  else await writeFile(file, await qrcode.toBuffer(text, { ...opts, type: "png" }));
}

function statusJson(v: BillView) {
  return { billId: v.billId, status: v.status, totalCents: v.totalCents, discountCents: v.discountCents, couponCode: v.couponCode, subtotalCents: v.subtotalCents, currency: v.currency, storeId: v.storeId, paidAt: v.paidAt?.toISOString() ?? null, expiresAt: v.expiresAt.toISOString(), checkoutMs: v.checkoutMs };
}

export function registerTill(program: Command): void {
  const till = program.command("till").description("bills at a store's till: the customer scans the bill's QR and pays in chat with their coupon applied");
  till
    .command("bill")
    .description("open a bill for an amount and print {billId, payload, url, expiresAt}; the QR of url opens it in the bot")
    .requiredOption("--store <id>", "the store")
    .requiredOption("--amount <cents>", "the amount in cents, e.g. 39900 for ¥399")
    .option("--currency <code>", "the currency", "CNY")
    .option("--qr <file>", "also write the QR code of the link (.png, or .svg)")
    .option("--bot <id>", "the bot whose link it is (default: the brand's account, else the marketplace bot)")
    .option("--username <name>", "the bot's Telegram username (default: as recorded when the bot last started)")
    .option("--ttl-seconds <n>", "how long the bill can be paid", "300")
    .action(async (opts: { store: string; amount: string; currency: string; qr?: string; bot?: string; username?: string; ttlSeconds: string }) => {
      if (!/^\d+$/.test(opts.amount) || Number(opts.amount) <= 0) throw new CliError(`--amount must be whole cents above 0, e.g. 39900; got "${opts.amount}"`);
      if (!/^\d+$/.test(opts.ttlSeconds) || Number(opts.ttlSeconds) <= 0) throw new CliError(`--ttl-seconds must be a positive whole number; got "${opts.ttlSeconds}"`);
      await withDb(async (db) => {
        const r = await createBill(db, { storeId: opts.store, amountCents: Number(opts.amount), currency: opts.currency, createdBy: "cli", at: systemClock()(), ttlMs: Number(opts.ttlSeconds) * 1000 });
        if (!r.ok) throw new CliError(`${r.error.code}: ${r.error.message ?? "cannot open the bill"}`);
        const v = r.value;
        const links = billLinks(await linkBot(db, v.brandId, opts), v.payload);
        if (opts.qr) await writeQr(opts.qr, links.url);
        console.log(JSON.stringify({ billId: v.billId, payload: v.payload, url: links.url, appUrl: links.appUrl, expiresAt: v.expiresAt.toISOString(), storeId: v.storeId, amountCents: v.subtotalCents, currency: v.currency, ...(opts.qr ? { qr: opts.qr } : {}) }));
      });
    });
  till
    .command("status")
    .description("print a bill's status: open, paid, expired or void, with the coupon redeemed on it")
    .argument("<billId>", "the bill id printed by `till bill`")
    .option("--json", "print {billId, status, totalCents, discountCents, couponCode} as JSON")
    .action(async (billId: string, opts: { json?: boolean }) => {
      await withDb(async (db) => {
        const r = await showBill(db, billId.trim(), systemClock()());
        if (!r.ok) throw new CliError(`no bill "${billId}"`);
        const v = r.value;
        if (opts.json) console.log(JSON.stringify(statusJson(v)));
        else console.log(`${v.billId} ${v.status} ${formatMoney(v.totalCents, v.currency, "en")}${v.couponCode ? ` (coupon ${v.couponCode} -${formatMoney(v.discountCents, v.currency, "en")})` : ""} at ${v.storeName}`);
      });
    });
  till
    .command("void")
    .description("cancel an unpaid bill")
    .argument("<billId>", "the bill id")
    .option("--json", "print the bill's status as JSON")
    .action(async (billId: string, opts: { json?: boolean }) => {
      await withDb(async (db) => {
        const r = await voidBill(db, { billId: billId.trim(), at: systemClock()() });
        if (!r.ok) throw new CliError(`${r.error.code}: ${r.error.message ?? "cannot void the bill"}`);
        console.log(opts.json ? JSON.stringify(statusJson(r.value)) : `${r.value.billId} void`);
      });
    });
}
