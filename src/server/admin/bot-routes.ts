// Admin API for the console's Bot page: each bot's welcome text (zh, en) and menu, the save (a conditional update:
// 409 when someone saved meanwhile), and a preview of the welcome as the chat's /start shows it. The routes scope
// themselves: a brand manager sees and edits only bots whose brands are theirs; the marketplace bot is head office's.
import { z } from "zod";
import { MENU_KEYS, MENU_LABELS, loadBots } from "../../bot-config.ts";
import type { Db } from "../../db/database.ts";
import { botSettingsInput, readBotSettings, updateBotSettings, mayEditBot, MAX_WELCOME, type BotSettingsView } from "../../app/bot-settings.ts";
import { loadCatalogView } from "../../app/catalog-view.ts";
import { catalogExamples, renderWelcome } from "../../conversation/examples.ts";
import { AdminError, adminRoute, type AdminPrincipal } from "./admin-api.ts";

const botParams = z.object({ botId: z.string().min(1).max(60) });
const texts = z.object({ zh: z.string(), en: z.string() });
const botOut = z.object({
  botId: z.string(), name: z.string(), brands: z.union([z.literal("*"), z.array(z.string())]), locale: z.string(),
  welcome: texts, menu: z.array(z.enum(MENU_KEYS)), version: z.number().int(), updatedAt: z.string().nullable(), updatedBy: z.string().nullable(),
  defaults: z.object({ welcome: texts, menu: z.array(z.enum(MENU_KEYS)) }),
});

const out = (v: BotSettingsView) => ({ ...v, updatedAt: v.updatedAt?.toISOString() ?? null });
/** Who saved, as the next editor's conflict message names them. */
const editorOf = (p: AdminPrincipal) => (p.brandId ? `brand manager (${p.brandId})` : "head office");

export function botRoutes(db: Db, clock: () => Date, onSaved: (botId: string) => void = () => undefined) {
  return [
    adminRoute({
      method: "GET", path: "/bots", tag: "bots", scopesItself: true,
      summary: "The bots this token may edit (a brand manager: the brand's own bots; head office: every bot, the marketplace too), each with its welcome texts and menu, and the menu buttons there are",
      response: z.object({ items: z.array(botOut), menuKeys: z.array(z.object({ key: z.enum(MENU_KEYS), zh: z.string(), en: z.string() })) }),
      handler: async ({ principal }) => ({
        items: (await readBotSettings(db, { actor: principal })).map(out),
        menuKeys: MENU_KEYS.map((key) => ({ key, ...MENU_LABELS[key] })),
      }),
    }),
    adminRoute({
      method: "PUT", path: "/bots/:botId", tag: "bots", scopesItself: true,
      summary: "Save a bot's welcome texts (1-1000 characters each; {examples} and {brand} are filled from the catalog) and menu (known buttons, at most 10), only if it is still at `expectedVersion` (409 CONFLICT otherwise: two editors never silently overwrite each other)",
      params: botParams, body: botSettingsInput, response: botOut,
      handler: async ({ params, body, principal }) => {
        const r = await updateBotSettings(db, { botId: params.botId, actor: principal, by: editorOf(principal), settings: body, at: clock() });
        if (!r.ok) {
          const status = r.error.code === "NOT_FOUND" ? 404 : r.error.code === "CONFLICT" ? 409 : r.error.code === "NOT_ALLOWED" ? 403 : 400;
          throw new AdminError(status, r.error.code, r.error.message ?? r.error.code);
        }
        onSaved(params.botId);
        return out(r.value);
      },
    }),
    adminRoute({
      method: "POST", path: "/bots/:botId/preview", tag: "bots", scopesItself: true,
      summary: "The welcome as a member's /start would show it, with {examples} and {brand} filled from the bot's catalog; nothing is written",
      params: botParams,
      body: z.object({ welcome: z.object({ zh: z.string().max(MAX_WELCOME * 2), en: z.string().max(MAX_WELCOME * 2) }) }),
      response: texts,
      handler: async ({ params, body, principal }) => {
        const bot = loadBots().find((b) => b.id === params.botId);
        if (!bot) throw new AdminError(404, "NOT_FOUND", `no bot "${params.botId}"`);
        if (!mayEditBot(principal, bot)) throw new AdminError(403, "FORBIDDEN", `this admin token is for brand ${principal.brandId} only`);
        const ex = catalogExamples(await loadCatalogView(db), bot.brands === "*" ? null : bot.brands);
        return { zh: renderWelcome(body.welcome.zh.trim(), ex, "zh"), en: renderWelcome(body.welcome.en.trim(), ex, "en") };
      },
    }),
  ];
}
