// Who is using the Mini App: a Telegram user proven by initData (signed by one of our bots' tokens), or a web browser
// holding a signed token of a live session (web-session.ts, src/app/sessions.ts). Every member read or write in the Mini App starts here.
import type { Db } from "../db/database.ts";
import { botBrandIds, DEFAULT_BOT_ID, type BotConfig } from "../bot-config.ts";
import { resolveMember } from "../app/members.ts";
import { validateInitData, INIT_DATA_MAX_AGE_SECONDS } from "./init-data.ts";
import { findWebSession } from "../app/sessions.ts";
import { cookieValue, SESSION_COOKIE, unsignSessionToken } from "./web-session.ts";

export interface TokenBot {
  bot: BotConfig;
  token: string;
}

export interface Viewer {
  memberId: string;
  displayName: string | null;
  channel: "telegram" | "web";
  /** the bot whose chat shares this member's state (the one that launched the app; the marketplace on the web) */
  botId: string;
  /** the brands that bot serves; null = every brand */
  brandIds: string[] | null;
  /** `startapp` parameter from the launching link (store or campaign), Telegram only */
  startParam: string | null;
  locale: string | null;
}

export type ViewerCheck =
  | { ok: true; viewer: Viewer }
  | { ok: false; reason: "NO_CREDENTIALS" | "BAD_INIT_DATA" | "STALE_INIT_DATA" | "BAD_SESSION" };

export interface ViewerDeps {
  db: Db;
  /** bots with a token set: initData is accepted when any of them signed it */
  bots: () => TokenBot[];
  sessionSecret: string;
  maxInitDataAgeSeconds?: number;
}

/** The bots whose token environment variable is set. */
export function botsWithTokens(bots: BotConfig[], env: NodeJS.ProcessEnv = process.env): TokenBot[] {
  return bots.flatMap((bot) => (env[bot.tokenEnv] ? [{ bot, token: env[bot.tokenEnv]! }] : []));
}

/** Credentials of a request: `Authorization: tma <initData>` (Telegram), `Authorization: Bearer <token>` or the session cookie (web). */
export function credentialsOf(headers: { authorization?: string; cookie?: string }): { initData?: string; session?: string } {
  const auth = typeof headers.authorization === "string" ? headers.authorization.trim() : "";
  const m = /^(tma|bearer)\s+(.+)$/i.exec(auth);
  if (m && m[1].toLowerCase() === "tma") return { initData: m[2] };
  if (m) return { session: m[2] };
  const cookie = cookieValue(typeof headers.cookie === "string" ? headers.cookie : undefined, SESSION_COOKIE);
  return cookie ? { session: cookie } : {};
}

export async function resolveViewer(deps: ViewerDeps, headers: { authorization?: string; cookie?: string }, now: Date): Promise<ViewerCheck> {
  const creds = credentialsOf(headers);
  if (creds.initData !== undefined) {
    let stale = false;
    for (const { bot, token } of deps.bots()) {
      const check = validateInitData(creds.initData, token, now, deps.maxInitDataAgeSeconds ?? INIT_DATA_MAX_AGE_SECONDS);
      if (check.ok) {
        const u = check.value.user;
        const name = [u.first_name, u.last_name].filter(Boolean).join(" ") || u.username || null;
        // a Mini App opened from the bot's private chat: the chat id is the user id
        const member = await resolveMember(deps.db, {
          channel: "telegram", externalId: String(u.id), chatId: String(u.id), botId: bot.id, displayName: name ?? undefined, locale: u.language_code,
        });
        return {
          ok: true,
          viewer: { memberId: member.id, displayName: member.displayName ?? name, channel: "telegram", botId: bot.id, brandIds: botBrandIds(bot), startParam: check.value.startParam, locale: member.locale ?? u.language_code ?? null },
        };
      }
      if (check.reason === "STALE") stale = true;
    }
    return { ok: false, reason: stale ? "STALE_INIT_DATA" : "BAD_INIT_DATA" };
  }
  if (creds.session !== undefined) {
    const secret = unsignSessionToken(deps.sessionSecret, creds.session);
    const session = secret ? await findWebSession(deps.db, secret, now) : null;
    const member = session ? await deps.db.prisma.member.findUnique({ where: { id: session.memberId } }) : null;
    if (!member || member.erasedAt || member.mergedIntoId) return { ok: false, reason: "BAD_SESSION" };
    return { ok: true, viewer: { memberId: member.id, displayName: member.displayName, channel: "web", botId: DEFAULT_BOT_ID, brandIds: null, startParam: null, locale: member.locale } };
  }
  return { ok: false, reason: "NO_CREDENTIALS" };
}
