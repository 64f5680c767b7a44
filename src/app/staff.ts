// Store staff on Telegram: one-time invite codes (`o2o staff invite`), binding a Telegram account to a store with
// `/staff CODE`, and the authorization every staff action goes through (only bound, active staff of the order's
// store may act on it). Authorization lives here, not in the channel, so every door asks the same question.
import { randomInt } from "node:crypto";
import type { Db } from "../db/database.ts";
import { isUniqueViolation } from "../db/write-transaction.ts";
import { redeemAtTill } from "./coupons/coupon-use-cases.ts";
import { moveOrderIn } from "./ordering/order-lifecycle.ts";
import { Rollback, failWith, okValue, type AppResult } from "./app-result.ts";
import { runTx } from "./run-tx.ts";

export const INVITE_TTL_MS = 72 * 3600_000;
// no 0/O, 1/I/L: codes are read aloud and typed on phones
const ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

export function newInviteCode(length = 8): string {
  let s = "";
  for (let i = 0; i < length; i++) s += ALPHABET[randomInt(ALPHABET.length)];
  return s;
}

/** What a typed code is compared as: upper case, no spaces or dashes. */
export function normalizeInviteCode(code: string): string {
  return code.replace(/[\s-]+/g, "").toUpperCase();
}

export interface StaffInviteOut {
  code: string;
  storeId: string;
  staffId: string | null;
  /** the role the bound account gets; null keeps the staff row's own (a new row: "staff") */
  role: StaffRole | null;
  expiresAt: Date;
}

/** "manager" and "owner" may also schedule campaigns for the store's brand from the chat. */
export const STAFF_ROLES = ["staff", "manager", "owner"] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];
export const isStaffRole = (s: string): s is StaffRole => (STAFF_ROLES as readonly string[]).includes(s);
export const CAMPAIGN_ROLES: readonly string[] = ["manager", "owner"];
// StaffInvite has no role column: the role of an invite waits in a Setting row until the code is used
const inviteRoleKey = (code: string) => `staff-invite-role:${code}`;

/** Use case (head office / store manager, CLI): a one-time code that binds one Telegram account to the store. */
export async function createStaffInvite(db: Db, input: { storeId: string; staffId?: string | null; role?: StaffRole | null; at: Date; ttlMs?: number }): Promise<AppResult<StaffInviteOut>> {
  const store = await db.prisma.store.findUnique({ where: { id: input.storeId } });
  if (!store) return failWith("NOT_FOUND", `no store "${input.storeId}"`);
  if (input.staffId) {
    const staff = await db.prisma.staff.findUnique({ where: { id: input.staffId } });
    if (!staff || staff.storeId !== store.id) return failWith("NOT_FOUND", `no staff "${input.staffId}" at store "${store.id}"`);
  }
  if (input.role && !isStaffRole(input.role)) return failWith("INVALID_INPUT", `unknown role "${input.role}" (one of ${STAFF_ROLES.join(", ")})`);
  const ttl = input.ttlMs ?? INVITE_TTL_MS;
  if (!Number.isFinite(ttl) || ttl <= 0) return failWith("INVALID_INPUT", "the invite must live a positive time");
  const expiresAt = new Date(input.at.getTime() + ttl);
  for (let attempt = 0; attempt < 5; attempt++) {
    const code = newInviteCode();
    try {
      await db.prisma.staffInvite.create({ data: { code, storeId: store.id, staffId: input.staffId ?? null, createdAt: input.at, expiresAt } });
      if (input.role) await db.prisma.setting.upsert({ where: { key: inviteRoleKey(code) }, create: { key: inviteRoleKey(code), value: input.role }, update: { value: input.role } });
      return okValue({ code, storeId: store.id, staffId: input.staffId ?? null, role: input.role ?? null, expiresAt });
    } catch (e) {
      if (!isUniqueViolation(e)) throw e; // a code collision: draw another
    }
  }
  return failWith("CONFLICT", "could not draw a free invite code; try again");
}

export interface StaffBinding {
  staffId: string;
  storeId: string;
  storeName: string;
  brandId: string;
  name: string;
  role: string;
}

/**
 * Use case: a staff member sends `/staff CODE` to a bot. The code is spent with a conditional update (two people
 * racing with one code: one wins). The Telegram account is bound to the invite's staff row, or to a new Staff row;
 * an account bound elsewhere before moves to this store. `usedBy` records `<telegramUserId>@<botId>`: the bot the
 * person has talked to, the one that can message them (Telegram bots cannot start a chat).
 */
export async function bindStaff(
  db: Db,
  input: { code: string; telegramUserId: string; botId: string; botBrandIds: string[] | null; displayName?: string | null; at: Date },
): Promise<AppResult<StaffBinding>> {
  const code = normalizeInviteCode(input.code);
  if (!/^[A-Z0-9]{4,32}$/.test(code)) return failWith("INVALID_INPUT", "that is not an invite code");
  return runTx(db, async (tx) => {
    const invite = await tx.staffInvite.findUnique({ where: { code } });
    if (!invite) return failWith("NOT_FOUND", "unknown invite code");
    if (invite.usedAt) return failWith("CONFLICT", "this invite code was already used");
    if (invite.expiresAt < input.at) return failWith("INVALID_INPUT", "this invite code has expired", { expired: true });
    const store = await tx.store.findUnique({ where: { id: invite.storeId } });
    if (!store) return failWith("NOT_FOUND", "the store of this invite no longer exists");
    if (input.botBrandIds && !input.botBrandIds.includes(store.brandId)) return failWith("NOT_ALLOWED", "this bot does not serve that store's brand");
    const { count } = await tx.staffInvite.updateMany({ where: { code, usedAt: null }, data: { usedAt: input.at, usedBy: `${input.telegramUserId}@${input.botId}` } });
    if (count !== 1) throw new Rollback({ code: "CONFLICT", message: "this invite code was already used" });

    const target = invite.staffId ? await tx.staff.findUnique({ where: { id: invite.staffId } }) : null;
    const staffId = target?.id ?? `${store.id}-tg${input.telegramUserId}`;
    // the account moves: whatever it was bound to before lets go first (telegramUserId is unique)
    await tx.staff.updateMany({ where: { telegramUserId: input.telegramUserId, NOT: { id: staffId } }, data: { telegramUserId: null } });
    const name = (input.displayName ?? "").trim().slice(0, 80) || `staff ${input.telegramUserId}`;
    const invitedRole = (await tx.setting.findUnique({ where: { key: inviteRoleKey(code) } }))?.value;
    const role = invitedRole && isStaffRole(invitedRole) ? invitedRole : null;
    const row = await tx.staff.upsert({
      where: { id: staffId },
      create: { id: staffId, storeId: store.id, name, role: role ?? "staff", workingHours: [], telegramUserId: input.telegramUserId, active: true },
      update: { telegramUserId: input.telegramUserId, active: true, ...(role ? { role } : {}) },
    });
    return okValue({ staffId: row.id, storeId: store.id, storeName: store.name, brandId: store.brandId, name: row.name, role: row.role });
  });
}

/** Authorization: the active staff row bound to this Telegram account, or null (customers, unbound people). */
export async function staffForTelegramUser(db: Db, telegramUserId: string) {
  const staff = await db.prisma.staff.findUnique({ where: { telegramUserId } });
  return staff && staff.active ? staff : null;
}

/** Bound, active staff of these stores, with the bot each one bound through (see bindStaff). */
export async function boundStaff(db: Db, storeIds?: string[]) {
  const rows = await db.prisma.staff.findMany({
    where: { telegramUserId: { not: null }, active: true, ...(storeIds ? { storeId: { in: storeIds } } : {}) },
    orderBy: { id: "asc" },
  });
  if (!rows.length) return [];
  const used = await db.prisma.staffInvite.findMany({ where: { usedAt: { not: null }, storeId: { in: [...new Set(rows.map((r) => r.storeId))] } }, orderBy: { usedAt: "desc" } });
  return rows.map((r) => {
    const inv = used.find((i) => i.usedBy?.startsWith(`${r.telegramUserId}@`));
    return { ...r, telegramUserId: r.telegramUserId!, botId: inv?.usedBy?.split("@")[1] ?? null };
  });
}

const STAFF_MOVES = ["accepted", "ready", "out_for_delivery", "shipped", "completed"] as const;
export type StaffMove = (typeof STAFF_MOVES)[number];
export const isStaffMove = (s: string): s is StaffMove => (STAFF_MOVES as readonly string[]).includes(s);

/**
 * Use case: a staff member moves an order (Accept / Ready / Out for delivery / Shipped / Completed). Only bound,
 * active staff may act, and moveOrder refuses orders of another store; the member is told through the outbox.
 */
export async function staffMoveOrder(db: Db, input: { telegramUserId: string; orderId: string; to: string; at: Date }) {
  if (!isStaffMove(input.to)) return failWith<never>("INVALID_INPUT", `staff cannot move an order to "${input.to}"`);
  const staff = await staffForTelegramUser(db, input.telegramUserId);
  if (!staff) return failWith<never>("NOT_ALLOWED", "only bound staff of the order's store can act on it");
  const to = input.to;
  return runTx(db, async (tx) => {
    const r = await moveOrderIn(tx, { orderId: input.orderId, to, actor: `staff:${staff.id}`, at: input.at, storeId: staff.storeId });
    // whoever taps "Out for delivery" carries the order: their live location tracks it (delivery-tracking.ts)
    if (r.ok && to === "out_for_delivery") await tx.order.update({ where: { id: r.value.orderId }, data: { courierStaffId: staff.id } });
    return r;
  });
}

/** Use case: a bound staff member redeems a member's claimed coupon at their own store's till, from the chat. */
export async function staffRedeem(db: Db, input: { telegramUserId: string; code: string; memberRef: string; amountCents?: number | null; at: Date }) {
  const staff = await staffForTelegramUser(db, input.telegramUserId);
  if (!staff) return failWith<never>("NOT_ALLOWED", "only bound staff can redeem coupons");
  return redeemAtTill(db, { storeId: staff.storeId, code: input.code, memberRef: input.memberRef, amountCents: input.amountCents ?? null, at: input.at });
}
