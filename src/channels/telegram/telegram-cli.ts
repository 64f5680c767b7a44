// CLI commands of the Telegram side: `o2o staff invite --store ID` (a one-time code a staff member sends to the
// bot as `/staff CODE`) and `o2o qr --store ID` (a printable PNG of the store's t.me deep link, like a WeChat
// scene QR code: scanning it follows the brand account with the store recorded as the source).
import { writeFile } from "node:fs/promises";
import { Command } from "commander";
import { loadBots, type BotConfig } from "../../bot-config.ts";
import { STAFF_ROLES, createStaffInvite, isStaffRole } from "../../app/staff.ts";
import { botAccountUsername } from "../../app/bot-accounts.ts";
import { storeSummary } from "../../app/chat-lookups.ts";
import { withDb } from "../../cli/with-db.ts";
import { systemClock } from "../../runtime.ts";
import type { Db } from "../../db/database.ts";

class UsageError extends Error {}

export function registerTelegramCommands(program: Command): void {
  const staff = program.command("staff").description("store staff on Telegram");
  staff
    .command("invite")
    .description("print a one-time invite code; the staff member sends `/staff CODE` to the brand's bot to bind their Telegram account to the store")
    .requiredOption("--store <id>", "the store the staff member works at")
    .option("--staff <id>", "bind to this existing staff row (default: a new one named after the Telegram account)")
    .option("--role <role>", `the role the account gets: ${STAFF_ROLES.join(", ")} (manager and owner may also schedule campaigns with /campaign)`)
    .option("--ttl-hours <hours>", "how long the code stays valid", "72")
    .option("--json", "print {code, storeId, staffId, role, expiresAt} as JSON")
    .action(async (opts: { store: string; staff?: string; role?: string; ttlHours: string; json?: boolean }) => {
      if (opts.role !== undefined && !isStaffRole(opts.role)) throw new UsageError(`--role must be one of ${STAFF_ROLES.join(", ")}, got "${opts.role}"`);
      const hours = Number(opts.ttlHours);
      if (!Number.isFinite(hours) || hours <= 0) throw new UsageError(`--ttl-hours must be a positive number, got "${opts.ttlHours}"`);
      await withDb(async (db) => {
        const r = await createStaffInvite(db, { storeId: opts.store, staffId: opts.staff ?? null, role: opts.role && isStaffRole(opts.role) ? opts.role : null, at: systemClock()(), ttlMs: hours * 3600_000 });
        if (!r.ok) throw new UsageError(r.error.message ?? r.error.code);
        const v = r.value;
        if (opts.json) console.log(JSON.stringify({ code: v.code, storeId: v.storeId, staffId: v.staffId, role: v.role, expiresAt: v.expiresAt.toISOString() }));
        else console.log(`${v.code}\n(send "/staff ${v.code}" to the brand's Telegram bot before ${v.expiresAt.toISOString()}; the code works once)`);
      });
    });

  program
    .command("qr")
    .description("write a PNG QR code of a store's Telegram deep link (t.me/BOT?start=store-ID)")
    .requiredOption("--store <id>", "the store")
    .option("--bot <id>", "the bot (a file in bots/); default: the store's brand account, else the marketplace bot")
    .option("--username <name>", "the bot's Telegram username (default: as recorded when the bot last started, or asked from Telegram with its token)")
    .option("--out <file>", "where to write the PNG (default: qr-<store>.png)")
    .action(async (opts: { store: string; bot?: string; username?: string; out?: string }) => {
      await withDb(async (db) => {
        const store = await storeSummary(db, opts.store);
        if (!store) throw new UsageError(`no store "${opts.store}"`);
        const bots = loadBots();
        const bot = opts.bot ? bots.find((b) => b.id === opts.bot) : bots.find((b) => b.brands !== "*" && b.brands.includes(store.brandId)) ?? bots.find((b) => b.brands === "*");
        if (!bot) throw new UsageError(opts.bot ? `unknown bot "${opts.bot}"; known: ${bots.map((b) => b.id).join(", ")}` : "no bot serves this store's brand");
        const username = (opts.username ?? (await botUsername(db, bot)))?.replace(/^@/, "");
        if (!username) throw new UsageError(`unknown Telegram username of bot "${bot.id}": pass --username, set ${bot.tokenEnv}, or start the bot once`);
        const link = `https://t.me/${username}?start=store-${store.id}`;
        const out = opts.out ?? `qr-${store.id}.png`;
        await writeFile(out, await qrPng(link));
        console.log(`${link}\nwrote ${out}`);
      });
    });
}

async function botUsername(db: Db, bot: BotConfig): Promise<string | null> {
  const known = await botAccountUsername(db, bot.id);
  if (known) return known;
  const token = process.env[bot.tokenEnv]?.trim();
  if (!token) return null;
  const { Telegram } = await import("telegraf");
  const root = process.env.TELEGRAM_API_ROOT;
  const me = await new Telegram(token, root ? { apiRoot: root } : {}).getMe();
  return me.username ?? null;
}

async function qrPng(text: string): Promise<Buffer> {
  let qrcode: { toBuffer(text: string, opts: Record<string, unknown>): Promise<Buffer> };
  try {
    qrcode = (await import("qrcode")).default;
  } catch {
    throw new UsageError("the qrcode package is missing: run npm install");
  }
  return qrcode.toBuffer(text, { type: "png", errorCorrectionLevel: "M", margin: 2, width: 512 });
}
