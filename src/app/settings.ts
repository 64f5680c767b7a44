// Settings the platform generates once and keeps in the database (e.g. PAYMENT_SECRET when the env leaves it unset).
import { randomBytes } from "node:crypto";
import type { Db } from "../db/database.ts";
import { isUniqueViolation } from "../db/write-transaction.ts";

/** The value for key, creating it with make() on first use; concurrent first uses agree on one value. */
export async function getOrCreateSetting(db: Db, key: string, make: () => string): Promise<string> {
  const found = await db.prisma.setting.findUnique({ where: { key } });
  if (found) return found.value;
  try {
    return (await db.prisma.setting.create({ data: { key, value: make() } })).value;
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
    return (await db.prisma.setting.findUniqueOrThrow({ where: { key } })).value;
  }
}

/** PAYMENT_SECRET from the environment, else a random one generated and stored on first start. */
export async function paymentSecret(db: Db, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  if (env.PAYMENT_SECRET) return env.PAYMENT_SECRET;
  return getOrCreateSetting(db, "paymentSecret", () => randomBytes(32).toString("hex"));
}

/** ADMIN_TOKEN from the environment, else a random one generated and stored on first start (printed by `npm start`). */
export async function adminToken(db: Db, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  if (env.ADMIN_TOKEN) return env.ADMIN_TOKEN;
  return getOrCreateSetting(db, "adminToken", () => randomBytes(18).toString("base64url"));
}
