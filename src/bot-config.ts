// Bot accounts from bots/*.json: a brand's public account, or a marketplace bot spanning every brand.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { projectRoot } from "./paths.ts";

/**
 * The menu buttons a bot can offer (Telegram's command list, src/channels/telegram/telegram-texts.ts): each is a
 * command every bot answers, so a menu only chooses and orders them. The console edits the menu from this list.
 */
export const MENU_KEYS = ["order", "stores", "book", "recommend", "coupons", "orders", "account", "help", "unfollow"] as const;
export type MenuKey = (typeof MENU_KEYS)[number];
/** Each menu button's label, as Telegram's command list and the console show it. */
export const MENU_LABELS: Record<MenuKey, { zh: string; en: string }> = {
  order: { zh: "点单", en: "Order" },
  stores: { zh: "附近门店", en: "Stores near me" },
  book: { zh: "预约", en: "Book" },
  recommend: { zh: "为我推荐", en: "Recommend" },
  coupons: { zh: "我的优惠券", en: "My coupons" },
  orders: { zh: "我的订单", en: "My orders" },
  account: { zh: "我的账户", en: "My account" },
  help: { zh: "帮助", en: "Help" },
  unfollow: { zh: "取消关注", en: "Unfollow" },
};
export const isMenuKey = (s: string): s is MenuKey => (MENU_KEYS as readonly string[]).includes(s);

export const botConfigSchema = z.object({
  id: z.string().regex(/^[a-z0-9_-]+$/),
  name: z.string(),
  /** "*" = every brand in the catalog (marketplace) */
  brands: z.union([z.literal("*"), z.array(z.string()).min(1)]),
  /** "auto" = reply in the language of each message */
  locale: z.enum(["auto", "zh-CN", "en"]).default("auto"),
  timezone: z.string().default("Asia/Shanghai"),
  tokenEnv: z.string(),
  paymentProviderTokenEnv: z.string().optional(),
  /**
   * Telegram paid broadcasts: campaign and follow-up messages go out with allow_paid_broadcast (up to 1000
   * messages/s, billed in Stars by Telegram), so CAMPAIGN_RATE may exceed the free ~30/s. Off unless opted in.
   */
  allowPaidBroadcast: z.boolean().default(false),
  welcome: z.object({ zh: z.string(), en: z.string() }),
  menu: z.array(z.string()).default([]),
});
export type BotConfig = z.infer<typeof botConfigSchema>;

export const DEFAULT_BOT_ID = "marketplace";

export function loadBots(dir = join(projectRoot, "bots")): BotConfig[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => {
      const parsed = botConfigSchema.safeParse(JSON.parse(readFileSync(join(dir, f), "utf8")));
      if (!parsed.success) throw new Error(`bots/${f}: ${parsed.error.issues[0].path.join(".")}: ${parsed.error.issues[0].message}`);
      return parsed.data;
    });
}

export function findBot(id: string | undefined, bots = loadBots()): BotConfig {
  const bot = bots.find((b) => b.id === (id ?? DEFAULT_BOT_ID));
  if (!bot) throw new Error(`unknown bot "${id}"; known: ${bots.map((b) => b.id).join(", ")}`);
  return bot;
}

/** The brand ids a bot serves, or null for all. */
export function botBrandIds(bot: BotConfig): string[] | null {
  return bot.brands === "*" ? null : bot.brands;
}
