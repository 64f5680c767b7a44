// `o2o member tag MEMBER TAG [--remove]`, `o2o member show MEMBER [--json]` and `o2o member forget MEMBER`: manual CRM
// tags, one member's profile, and the erasure a member asked for by mail or at the counter (same use case as the chat's). MEMBER is a member id, chat/Telegram user id, phone or member card code (merged records resolve to the survivor).
import { Command } from "commander";
import { memberProfile } from "../app/crm/member-profile.ts";
import { tagMember, untagMember } from "../app/crm/member-area.ts";
import { findMember } from "../app/members.ts";
import { forgetMember } from "../app/privacy.ts";
import { createSignInLink } from "../app/sessions.ts";
import { loadConfig } from "../config.ts";
import { CliError } from "./cli-error.ts";
import { withDb } from "./with-db.ts";

const TAG = /^[^\s,]{1,100}$/u;

export function registerMember(program: Command): void {
  const member = program.command("member").description("members: manual tags and profiles (identities, tags, orders, coupons)");

  member
    .command("tag")
    .description("add a manual tag to a member (campaign audiences select on tags with --tag), or remove it")
    .argument("<member>", "member id, chat/Telegram user id, phone or member card code")
    .argument("<tag>", "the tag, e.g. vip or style:欧式")
    .option("--remove", "remove the tag instead")
    .option("--json", "print the result as JSON")
    .action(async (ref: string, tag: string, opts: { remove?: boolean; json?: boolean }) => {
      if (!TAG.test(tag.trim())) throw new CliError(`a tag is 1-100 characters without spaces or commas, got "${tag}"`);
      await withDb(async (db) => {
        const m = await findMember(db.prisma, ref.trim());
        if (!m || m.erasedAt) throw new CliError(`no member "${ref}"`);
        if (opts.remove) await untagMember(db.prisma, m.id, tag);
        else await tagMember(db.prisma, m.id, tag, "manual");
        const t = await db.prisma.memberTag.findUnique({ where: { memberId_tag: { memberId: m.id, tag: tag.trim() } } });
        if (opts.json) console.log(JSON.stringify({ ok: true, memberId: m.id, tag: tag.trim(), present: !!t, weight: t?.weight ?? 0 }));
        else console.log(opts.remove ? `removed tag ${tag.trim()} from member ${m.id}` : `tagged member ${m.id} with ${tag.trim()} (weight ${t?.weight ?? 1})`);
      });
    });

  member
    .command("show")
    .description("one member: identities, phone and card, tags, orders count, coupons")
    .argument("<member>", "member id, chat/Telegram user id, phone or member card code")
    .option("--json", "print JSON")
    .action(async (ref: string, opts: { json?: boolean }) => {
      await withDb(async (db) => {
        const p = await memberProfile(db, ref);
        if (!p) throw new CliError(`no member "${ref}"`);
        if (opts.json) {
          console.log(JSON.stringify(p));
          return;
        }
        console.log(`member ${p.memberId}${p.displayName ? ` (${p.displayName})` : ""}`);
        console.log(`  phone: ${p.phone ?? "-"}   card: ${p.memberCode ?? "-"}${p.mergedFrom.length ? `   merged from: ${p.mergedFrom.join(", ")}` : ""}`);
        console.log(`  accounts: ${p.identities.map((i) => `${i.channel}:${i.externalId}`).join(", ") || "-"}`);
        console.log(`  tags: ${p.tags.map((t) => `${t.tag}×${t.weight}`).join(", ") || "-"}`);
        console.log(`  orders: ${p.orders.count} (${p.orders.paid} paid)`);
        console.log(`  coupons: ${p.coupons.map((c) => `${c.code} ${c.status}`).join(", ") || "-"}`);
      });
    });

  member
    .command("forget")
    .description("erase a member (forget me): cancels upcoming appointments and open orders, deletes personal data, keeps orders for the books under an anonymous id")
    .argument("<member>", "member id, chat/Telegram user id, phone or member card code")
    .option("--json", "print the result as JSON")
    .action(async (ref: string, opts: { json?: boolean }) => {
      await withDb(async (db) => {
        const m = await findMember(db.prisma, ref.trim());
        if (!m || m.erasedAt) throw new CliError(`no member "${ref}"`);
        const r = await forgetMember(db, m.id, new Date());
        if (!r.ok) throw new CliError(r.error.message ?? r.error.code);
        const out = { ok: true, memberId: m.id, ...r.value };
        if (opts.json) console.log(JSON.stringify(out));
        else console.log(`erased member ${m.id}: ${r.value.appointmentsCancelled} appointment(s) and ${r.value.ordersCancelled} open order(s) cancelled; kept records now belong to ${r.value.tombstoneId ?? "nobody"}`);
      });
    });

  member
    .command("signin-link")
    .description("a one-time link that signs this member in to the Mini App in a browser (single use, 10 minutes)")
    .argument("<member>", "member id, chat/Telegram user id, phone or member card code")
    .action(async (ref: string) => {
      await withDb(async (db) => {
        const m = await findMember(db.prisma, ref.trim());
        if (!m || m.erasedAt) throw new CliError(`no member "${ref}"`);
        const link = await createSignInLink(db, { memberId: m.id, publicUrl: loadConfig().publicUrl, at: new Date() });
        console.log(JSON.stringify({ memberId: m.id, url: link.url, expiresAt: link.expiresAt.toISOString() }));
      });
    });
}
