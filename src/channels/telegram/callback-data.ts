// Button ids ↔ Telegram callback_data. Telegram caps callback_data at 64 bytes; the engine's ids are usually far
// shorter and travel as they are. A longer id travels as a short token ("~" + hash) whose mapping is kept in memory
// and in the Setting table, so a tap still resolves after a restart or on another instance behind the load balancer.
import { createHash } from "node:crypto";
import type { Db } from "../../db/database.ts";
import { callbackTokenId, rememberCallbackToken } from "../../app/callback-tokens.ts";

export const MAX_CALLBACK_BYTES = 64;
const TOKEN_PREFIX = "~";

export interface CallbackCodec {
  /** the callback_data for a button id */
  encode(id: string): Promise<string>;
  /** the button id behind callback_data, or null for an unknown token */
  decode(data: string): Promise<string | null>;
}

export const fitsCallbackData = (id: string) => Buffer.byteLength(id, "utf8") <= MAX_CALLBACK_BYTES && !id.startsWith(TOKEN_PREFIX);

export function callbackToken(id: string): string {
  return TOKEN_PREFIX + createHash("sha256").update(id).digest("base64url").slice(0, 24);
}

/** The codec, persisting long ids in the database when one is given (memory only otherwise, e.g. in unit tests). */
export function callbackCodec(db?: Db): CallbackCodec {
  const memory = new Map<string, string>();
  return {
    async encode(id) {
      if (fitsCallbackData(id)) return id;
      const token = callbackToken(id);
      if (!memory.has(token)) {
        memory.set(token, id);
        // the same id always gives the same token: upsert is idempotent across instances
        if (db) await rememberCallbackToken(db, token, id);
      }
      return token;
    },
    async decode(data) {
      if (!data.startsWith(TOKEN_PREFIX)) return data;
      const hit = memory.get(data);
      if (hit) return hit;
      const id = db ? await callbackTokenId(db, data) : null;
      if (id) memory.set(data, id);
      return id;
    },
  };
}
