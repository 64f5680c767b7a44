// `o2o redeem --store STORE --code CODE --member MEMBER_OR_USER_ID [--amount CENTS]`: redeem at the till (offline).
import { Command } from "commander";
import { redeemAtTill } from "../app/coupons/coupon-use-cases.ts";
import { errorText, money } from "../conversation/messages.ts";
import { systemClock } from "../runtime.ts";
import { CliError } from "./cli-error.ts";
import { withDb } from "./with-db.ts";

export function registerRedeem(program: Command): void {
  program
    .command("redeem")
    .description("redeem a member's claimed coupon at a store's till (offline channel), optionally with the payment amount")
    .requiredOption("--store <id>", "the store redeeming it")
    .requiredOption("--code <code>", "the coupon code")
    .requiredOption("--member <id>", "member id, chat/Telegram user id, phone or member card code")
    .option("--amount <cents>", "the purchase amount in cents; the discount is applied to it")
    .option("--json", "print the result as JSON")
    .action(async (opts: { store: string; code: string; member: string; amount?: string; json?: boolean }) => {
      if (opts.amount !== undefined && !/^\d+$/.test(opts.amount)) throw new CliError("--amount must be whole cents, e.g. 39900");
      await withDb(async (db) => {
        const r = await redeemAtTill(db, { storeId: opts.store, code: opts.code, memberRef: opts.member, amountCents: opts.amount === undefined ? null : Number(opts.amount), at: systemClock()() });
        if (!r.ok) throw new CliError(`${r.error.code}: ${r.error.message ?? errorText(r.error.code, "en")}`);
        const v = r.value;
        if (opts.json) console.log(JSON.stringify({ ok: true, ...v }));
        else console.log(`redeemed ${v.code} for member ${v.memberId} at ${v.storeId}${v.payCents !== null ? `: discount ${money(v.discountCents, "CNY", "en")}, to pay ${money(v.payCents, "CNY", "en")}` : ""}`);
      });
    });
}
