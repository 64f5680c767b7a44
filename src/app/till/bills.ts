// Use cases for bills at the till: staff create a bill (bot `/bill 399`, CLI `o2o till bill`, the console), the member
// scans its QR and sees it with their best coupon for the store applied (the same coupon rules as orders), and pays
// it in chat: the coupon is redeemed in the same transaction as the payment. Exactly once: the bill moves
// open -> paid with a conditional UPDATE (so two members, a double tap or twenty parallel attempts pay it once) and
// the coupon moves claimed -> redeemed the same way, with the unique Redemption.memberCouponId behind it.
import { randomBytes } from "node:crypto";
import type { Db, Tx } from "../../db/database.ts";
import { bestCoupon } from "../../domain/coupons/coupon-rules.ts";
import { BILL_TTL_MS, MAX_BILL_CENTS, billPayload, billStatus, type BillStatus } from "../../domain/till/bill.ts";
import { formatMoney } from "../../domain/money.ts";
import { Rollback, failWith, okValue, type AppResult } from "../app-result.ts";
import { markRedeemed, takeCouponUse } from "../coupons/coupon-ledger.ts";
import { claimedWallet } from "../coupons/wallet.ts";
import { tagStoreVisit } from "../crm/behaviour-tags.ts";
import { enqueue } from "../../outbox/enqueue.ts";
import { runTx } from "../run-tx.ts";
import { boundStaff } from "../staff.ts";
import { oneTapAllows } from "./one-tap-pay.ts";

type BillRow = NonNullable<Awaited<ReturnType<Tx["bill"]["findUnique"]>>>;

/** A bill as every door shows it (CLI `till status`, the chat's `bill` reply, the console). */
export interface BillView {
  billId: string;
  payload: string;
  storeId: string;
  storeName: string;
  brandId: string;
  status: BillStatus;
  subtotalCents: number;
  discountCents: number;
  totalCents: number;
  currency: string;
  couponCode: string | null;
  couponTitle: string | null;
  expiresAt: Date;
  paidAt: Date | null;
  paidVia: string | null;
  memberId: string | null;
  /** scan → paid in milliseconds, once paid */
  checkoutMs: number | null;
}

/** Short, unguessable, lowercase: fits the 64-character start payload with room to spare. */
function newBillId(): string {
  return `b${BigInt(`0x${randomBytes(10).toString("hex")}`).toString(36)}`;
}

async function storeName(tx: Tx | Db["prisma"], storeId: string): Promise<string> {
  return (await tx.store.findUnique({ where: { id: storeId }, select: { name: true } }))?.name ?? storeId;
}

function view(b: BillRow, name: string, at: Date, couponTitle: string | null = null): BillView {
  return {
    billId: b.id, payload: billPayload(b.id), storeId: b.storeId, storeName: name, brandId: b.brandId, status: billStatus(b, at),
    subtotalCents: b.subtotalCents, discountCents: b.discountCents, totalCents: b.totalCents ?? b.subtotalCents - b.discountCents, currency: b.currency,
    couponCode: b.couponCode, couponTitle, expiresAt: b.expiresAt, paidAt: b.paidAt, paidVia: b.paidVia, memberId: b.memberId,
    checkoutMs: b.paidAt && b.scannedAt ? b.paidAt.getTime() - b.scannedAt.getTime() : null,
  };
}

export interface CreateBillInput {
  storeId: string;
  amountCents: number;
  currency?: string;
  /** "staff:<id>", "cli", "console", "member:<id>" (a store's static QR) */
  createdBy: string;
  at: Date;
  ttlMs?: number;
}

/** Use case: open a bill for an amount at a store; its payload goes into the QR's deep link. */
export async function createBill(db: Db, input: CreateBillInput): Promise<AppResult<BillView>> {
  if (!Number.isSafeInteger(input.amountCents) || input.amountCents <= 0 || input.amountCents > MAX_BILL_CENTS) {
    return failWith("INVALID_INPUT", `the amount must be whole cents between 1 and ${MAX_BILL_CENTS}`);
  }
  const currency = (input.currency ?? "CNY").toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency)) return failWith("INVALID_INPUT", `currency must be a 3-letter code such as CNY, got "${input.currency}"`);
  const ttl = input.ttlMs ?? BILL_TTL_MS;
  if (!(ttl > 0 && ttl <= 24 * 3600_000)) return failWith("INVALID_INPUT", "a bill expires within 24 hours");
  const store = await db.prisma.store.findUnique({ where: { id: input.storeId } });
  if (!store || !store.active) return failWith("NOT_FOUND", `no store "${input.storeId}"`);
  const bill = await db.prisma.bill.create({
    data: {
      id: newBillId(), storeId: store.id, brandId: store.brandId, subtotalCents: input.amountCents, currency, createdBy: input.createdBy,
      totalCents: input.amountCents, expiresAt: new Date(input.at.getTime() + ttl), createdAt: input.at,
    },
  });
  return okValue(view(bill, store.name, input.at));
}

/** Use case: a bill's status for the till and the console (no member needed). */
export async function showBill(db: Db, billId: string, at: Date): Promise<AppResult<BillView>> {
  const bill = await db.prisma.bill.findUnique({ where: { id: billId } });
  if (!bill) return failWith("NOT_FOUND", `no bill "${billId}"`);
  return okValue(view(bill, await storeName(db.prisma, bill.storeId), at));
}

/** Use case (console): a store's recent bills, newest first, with their scan-to-paid times. */
export async function listBills(db: Db, input: { storeId: string; at: Date; take?: number }): Promise<BillView[]> {
  const rows = await db.prisma.bill.findMany({ where: { storeId: input.storeId }, orderBy: { createdAt: "desc" }, take: Math.min(input.take ?? 50, 500) });
  const name = await storeName(db.prisma, input.storeId);
  return rows.map((b) => view(b, name, input.at));
}

/** Why a member cannot open or pay a bill now, or null when they can. */
function refusal(b: BillRow, memberId: string, at: Date): AppResult<never> | null {
  const status = billStatus(b, at);
  if (status === "paid") return failWith("BILL_PAID", b.memberId === memberId ? "you already paid this bill" : "this bill is already paid", { mine: b.memberId === memberId });
  if (status === "void") return failWith("BILL_VOID", "the store cancelled this bill");
  if (status === "expired") return failWith("BILL_EXPIRED", "this bill has expired; ask the store for a new one");
  if (b.memberId && b.memberId !== memberId) return failWith("BILL_TAKEN", "another customer is paying this bill");
  return null;
}

/** The member's best coupon for this bill (offline channel: the purchase happens in the store), or none. */
/** The bill and the coupon it would take for this member (useCoupon false: none), or why they cannot pay it. */
async function billFor(tx: Tx, input: { billId: string; memberId: string; useCoupon?: boolean; at: Date }) {
  const b = await tx.bill.findUnique({ where: { id: input.billId } });
  if (!b) return failWith("NOT_FOUND", "no such bill");
  const no = refusal(b, input.memberId, input.at);
  if (no) return no;
  const pick = input.useCoupon === false ? null : await pickCoupon(tx, b, input.memberId, input.at);
  return okValue({ b, pick, discountCents: pick?.discountCents ?? 0 });
}

async function pickCoupon(tx: Tx, b: BillRow, memberId: string, at: Date) {
  const wallet = await claimedWallet(tx, memberId, b.brandId);
  return bestCoupon(wallet, { channel: "offline", storeId: b.storeId, brandId: b.brandId, subtotalCents: b.subtotalCents, at });
}

/**
 * Use case: the member opened the bill's link (scanned its QR). The first member to open it holds it; the bill
 * shows their best valid coupon for the store applied (useCoupon false: the "don't use the coupon" choice).
 */
export async function openBill(db: Db, input: { billId: string; memberId: string; useCoupon?: boolean; at: Date }): Promise<AppResult<BillView>> {
  return runTx(db, async (tx) => {
    const found = await billFor(tx, input);
    if (!found.ok) return found;
    const { b, pick, discountCents } = found.value;
    // the conditional UPDATE decides a race between two members scanning at once
    const { count } = await tx.bill.updateMany({
      where: { id: b.id, status: "open", OR: [{ memberId: null }, { memberId: input.memberId }] },
      data: { memberId: input.memberId, scannedAt: b.scannedAt ?? input.at, discountCents, totalCents: b.subtotalCents - discountCents, couponCode: pick?.coupon.code ?? null },
    });
    if (count !== 1) throw new Rollback({ code: "BILL_TAKEN", message: "another customer is paying this bill" });
    const fresh = await tx.bill.findUniqueOrThrow({ where: { id: b.id } });
    return okValue(view(fresh, await storeName(tx, b.storeId), input.at, pick?.coupon.title ?? null));
  });
}

export interface PayBillInput {
  billId: string;
  memberId: string;
  useCoupon?: boolean;
  /** "one_tap": password-free, refused above the member's limit or daily cap; "sandbox": the member paid on the provider's page */
  via: "one_tap" | "sandbox";
  at: Date;
}

/**
 * Use case: pay a bill. In one transaction: the bill open -> paid (conditional UPDATE), the best coupon redeemed
 * (claimed -> redeemed, counted against its global limit), and the till's bound staff told "paid ¥X, coupon Y"
 * through the outbox. Any refusal rolls back everything: nothing is paid or redeemed twice.
 */
export async function payBill(db: Db, input: PayBillInput): Promise<AppResult<BillView>> {
  // read outside the transaction: who to tell at the till (staff bindings change rarely)
  const bill0 = await db.prisma.bill.findUnique({ where: { id: input.billId }, select: { storeId: true } });
  const staff = bill0 ? await boundStaff(db, [bill0.storeId]) : [];
  return runTx(db, async (tx) => {
    const found = await billFor(tx, input);
    if (!found.ok) return found;
    const { b, pick, discountCents } = found.value;
    const totalCents = b.subtotalCents - discountCents;
    if (input.via === "one_tap") {
      const allowed = await oneTapAllows(tx, input.memberId, totalCents, input.at);
      if (!allowed.ok) return allowed as AppResult<never>;
    }
    const { count } = await tx.bill.updateMany({
      where: { id: b.id, status: "open", OR: [{ memberId: null }, { memberId: input.memberId }] },
      data: {
        status: "paid", memberId: input.memberId, paidAt: input.at, paidVia: input.via, scannedAt: b.scannedAt ?? input.at,
        discountCents, totalCents, couponCode: pick?.coupon.code ?? null, memberCouponId: pick?.coupon.memberCouponId ?? null,
      },
    });
    if (count !== 1) throw new Rollback({ code: "BILL_PAID", message: "this bill was just paid", mine: false });
    if (pick) {
      if (!(await takeCouponUse(tx, pick.coupon.code))) throw new Rollback({ code: "COUPON_LIMIT_REACHED", message: `${pick.coupon.code} has run out; pay without it` });
      const redeemed = await markRedeemed(tx, "claimed", {
        memberCouponId: pick.coupon.memberCouponId, couponCode: pick.coupon.code, memberId: input.memberId, storeId: b.storeId, channel: "offline",
        amountCents: b.subtotalCents, discountCents, at: input.at,
      });
      if (!redeemed) throw new Rollback({ code: "COUPON_ALREADY_REDEEMED", message: "that coupon was just used; please try again" });
    }
    await tagStoreVisit(tx, input.memberId, b.storeId);
    const paid = await tx.bill.findUniqueOrThrow({ where: { id: b.id } });
    const name = await storeName(tx, b.storeId);
    await tellTill(tx, paid, name, staff);
    return okValue(view(paid, name, input.at, pick?.coupon.title ?? null));
  });
}

/** Queues "paid ¥X, coupon Y" for every bound staff member of the store (outbox rows with source "staff", sent at once). */
async function tellTill(tx: Tx, b: BillRow, name: string, staff: Awaited<ReturnType<typeof boundStaff>>) {
  const total = formatMoney(b.totalCents ?? 0, b.currency, "zh-CN");
  const coupon = b.couponCode ? `，优惠券 ${b.couponCode} -${formatMoney(b.discountCents, b.currency, "zh-CN")} / coupon ${b.couponCode}` : " / no coupon";
  const text = `✅ 已收款 ${total}${coupon}\n🧾 ${b.id} · ${name}`;
  for (const s of staff) {
    if (!s.botId) continue;
    await enqueue(tx, { dedupeKey: `bill:${b.id}:${s.id}`, source: "staff", staffId: s.id, text, payload: { telegramUserId: s.telegramUserId, botId: s.botId, buttons: [], billId: b.id } });
  }
}

/** Use case: the store's staff cancel an unpaid bill (a wrong amount, the customer left). */
export async function voidBill(db: Db, input: { billId: string; storeId?: string; at: Date }): Promise<AppResult<BillView>> {
  return runTx(db, async (tx) => {
    const b = await tx.bill.findUnique({ where: { id: input.billId } });
    if (!b || (input.storeId && b.storeId !== input.storeId)) return failWith("NOT_FOUND", `no bill "${input.billId}" at this store`);
    if (b.status === "paid") return failWith("BILL_PAID", "a paid bill cannot be voided");
    const { count } = await tx.bill.updateMany({ where: { id: b.id, status: "open" }, data: { status: "void" } });
    if (count !== 1 && b.status !== "void") throw new Rollback({ code: "BILL_PAID", message: "the bill was paid meanwhile" });
    return okValue(view(await tx.bill.findUniqueOrThrow({ where: { id: b.id } }), await storeName(tx, b.storeId), input.at));
  });
}

/** The bill's deep links: Telegram chat (`start`) and the Mini App (`startapp`). */
export function billLinks(botUsername: string, payload: string): { url: string; appUrl: string } {
  const u = botUsername.replace(/^@/, "");
  return { url: `https://t.me/${u}?start=${payload}`, appUrl: `https://t.me/${u}?startapp=${payload}` };
}

/** Use case: a bound staff member opens a bill at their own store from the bot (`/bill 399`); customers are refused. */
export async function staffCreateBill(db: Db, input: { telegramUserId: string; amountCents: number; at: Date }): Promise<AppResult<BillView>> {
  const staff = await db.prisma.staff.findUnique({ where: { telegramUserId: input.telegramUserId } });
  if (!staff || !staff.active) return failWith("NOT_ALLOWED", "only a store's bound staff can open bills");
  return createBill(db, { storeId: staff.storeId, amountCents: input.amountCents, createdBy: `staff:${staff.id}`, at: input.at });
}

/** Use case: a bound staff member voids an unpaid bill of their own store (`/bill void ID`). */
export async function staffVoidBill(db: Db, input: { telegramUserId: string; billId: string; at: Date }): Promise<AppResult<BillView>> {
  const staff = await db.prisma.staff.findUnique({ where: { telegramUserId: input.telegramUserId } });
  if (!staff || !staff.active) return failWith("NOT_ALLOWED", "only a store's bound staff can void bills");
  return voidBill(db, { billId: input.billId, storeId: staff.storeId, at: input.at });
}
