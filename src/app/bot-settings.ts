// A bot's welcome text and menu as the merchant edits them in the console, stored over the bot's file in bots/ (no
// row = the file's own). The chat's /start and the Telegram command menu read the bot through botWithSettings, so an
// edit shows at the next /start and the next menu update. WARNING (concurrency): two managers editing one bot must
// not silently overwrite each other: a save names the version it was made from and is a conditional UPDATE on it;
// if someone saved meanwhile, nothing is written and the caller gets CONFLICT with who saved.
import { z } from "zod";
import { MENU_KEYS, isMenuKey, loadBots, type BotConfig, type MenuKey } from "../bot-config.ts";
import type { Db } from "../db/database.ts";
import { isUniqueViolation } from "../db/write-transaction.ts";
import { failWith, okValue, type AppResult } from "./app-result.ts";

export const MAX_WELCOME = 1000;
export const MAX_MENU = 10;

const welcomeText = (lang: string) =>
  z.string({ error: `the ${lang} welcome must be text` }).trim()
    .min(1, `the ${lang} welcome must not be empty`)
    .max(MAX_WELCOME, `the ${lang} welcome is longer than ${MAX_WELCOME} characters`);

/** What the console sends: both welcomes, the menu in order, and the version the editor started from (0 = the file's). */
export const botSettingsInput = z.object({
  welcome: z.object({ zh: welcomeText("Chinese"), en: welcomeText("English") }),
  menu: z.array(z.enum(MENU_KEYS, { error: (i) => `unknown menu button "${String(i.input)}" (one of ${MENU_KEYS.join(", ")})` }))
    .max(MAX_MENU, `a menu has at most ${MAX_MENU} buttons`)
    .refine((m) => new Set(m).size === m.length, "each menu button may appear once"),
  expectedVersion: z.number().int().min(0).describe("the version the editor saw (0 = never edited): the save only happens if it is still that (else 409)"),
});
export type BotSettingsInput = z.infer<typeof botSettingsInput>;

/** Who edits: head office (brandId null) or one brand's manager. */
export interface BotSettingsActor {
  brandId: string | null;
}

export interface BotSettingsView {
  botId: string;
  name: string;
  /** the brands the bot serves; "*" = every brand (the marketplace) */
  brands: string[] | "*";
  locale: BotConfig["locale"];
  welcome: { zh: string; en: string };
  menu: MenuKey[];
  /** 0 while the bot runs on its file's own texts */
  version: number;
  updatedAt: Date | null;
  updatedBy: string | null;
  /** the bot file's own welcome and menu, to go back to */
  defaults: { welcome: { zh: string; en: string }; menu: MenuKey[] };
}

type Row = { botId: string; welcomeZh: string; welcomeEn: string; menu: unknown; version: number; updatedAt: Date; updatedBy: string };

const fileMenu = (bot: BotConfig): MenuKey[] => bot.menu.filter(isMenuKey);
const rowMenu = (row: Row): MenuKey[] => (Array.isArray(row.menu) ? row.menu.filter((k): k is MenuKey => typeof k === "string" && isMenuKey(k)) : []);

/** The bot with the merchant's edits applied: what the chat welcomes with and what the Telegram menu shows. */
export async function botWithSettings(db: Db, bot: BotConfig): Promise<BotConfig> {
  const row = await db.prisma.botSetting.findUnique({ where: { botId: bot.id } });
  return row ? { ...bot, welcome: { zh: row.welcomeZh, en: row.welcomeEn }, menu: rowMenu(row) } : bot;
}

/** A brand manager may edit a bot only when every brand it serves is theirs; the marketplace only head office. */
export function mayEditBot(actor: BotSettingsActor, bot: BotConfig): boolean {
  if (actor.brandId === null) return true;
  return bot.brands !== "*" && bot.brands.every((b) => b === actor.brandId);
}

function viewOf(bot: BotConfig, row: Row | null): BotSettingsView {
  return {
    botId: bot.id, name: bot.name, brands: bot.brands, locale: bot.locale,
    welcome: row ? { zh: row.welcomeZh, en: row.welcomeEn } : { ...bot.welcome },
    menu: row ? rowMenu(row) : fileMenu(bot),
    version: row?.version ?? 0, updatedAt: row?.updatedAt ?? null, updatedBy: row?.updatedBy ?? null,
    defaults: { welcome: { ...bot.welcome }, menu: fileMenu(bot) },
  };
}

/** Use case (console): the bots this actor may edit, each with its current welcome and menu. */
export async function readBotSettings(db: Db, input: { actor: BotSettingsActor; bots?: BotConfig[] }): Promise<BotSettingsView[]> {
  const bots = (input.bots ?? loadBots()).filter((b) => mayEditBot(input.actor, b));
  const rows = await db.prisma.botSetting.findMany({ where: { botId: { in: bots.map((b) => b.id) } } });
  const byId = new Map(rows.map((r) => [r.botId, r]));
  return bots.map((b) => viewOf(b, byId.get(b.id) ?? null));
}

/** Use case (console): save a bot's welcome texts and menu, only over the version the editor saw. */
export async function updateBotSettings(
  db: Db,
  input: { botId: string; actor: BotSettingsActor; by: string; settings: unknown; at: Date; bots?: BotConfig[] },
): Promise<AppResult<BotSettingsView>> {
  const bot = (input.bots ?? loadBots()).find((b) => b.id === input.botId);
  if (!bot) return failWith("NOT_FOUND", `no bot "${input.botId}"`);
  if (!mayEditBot(input.actor, bot)) {
    return failWith("NOT_ALLOWED", bot.brands === "*" ? "only head office (ADMIN_TOKEN) may edit the marketplace bot" : `this bot serves brands other than ${input.actor.brandId}`);
  }
  const parsed = botSettingsInput.safeParse(input.settings);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return failWith("INVALID_INPUT", issue.message, { field: issue.path.join(".") });
  }
  const s = parsed.data;
  const data = { welcomeZh: s.welcome.zh, welcomeEn: s.welcome.en, menu: s.menu, updatedAt: input.at, updatedBy: input.by.slice(0, 100) };
  let written: number;
  try {
    written = s.expectedVersion === 0
      ? (await db.prisma.botSetting.create({ data: { botId: bot.id, ...data, version: 1 } }), 1)
      : (await db.prisma.botSetting.updateMany({ where: { botId: bot.id, version: s.expectedVersion }, data: { ...data, version: s.expectedVersion + 1 } })).count;
  } catch (e) {
    // two first edits at once: the second insert loses
    if (!isUniqueViolation(e)) throw e;
    written = 0;
  }
  if (written !== 1) {
    const row = await db.prisma.botSetting.findUnique({ where: { botId: bot.id } });
    const who = row ? ` by ${row.updatedBy} at ${row.updatedAt.toISOString()}` : "";
    return failWith("CONFLICT", `this bot's settings were changed meanwhile${who}; reload to see them, then save again`, { current: row?.version ?? 0 });
  }
  return okValue(viewOf(bot, { botId: bot.id, ...data, version: s.expectedVersion + 1 }));
}
