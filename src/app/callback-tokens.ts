// Button ids too long for Telegram's 64-byte callback_data travel as tokens (src/channels/telegram/callback-data.ts);
// the token → id mapping is kept in the Setting table, so a tap resolves after a restart or on another instance.
import type { Db } from "../db/database.ts";
import { getOrCreateSetting } from "./settings.ts";

const SETTING_PREFIX = "tg-cb:";

/** Use case: remember the id behind a token. The same id always gives the same token, so this is idempotent. */
export async function rememberCallbackToken(db: Db, token: string, id: string): Promise<void> {
  await getOrCreateSetting(db, SETTING_PREFIX + token, () => id);
}

/** The id behind a token, or null for a token never handed out. */
export async function callbackTokenId(db: Db, token: string): Promise<string | null> {
  return (await db.prisma.setting.findUnique({ where: { key: SETTING_PREFIX + token } }))?.value ?? null;
}
