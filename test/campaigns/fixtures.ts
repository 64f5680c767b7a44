// Small campaign fixtures written straight through Prisma (the demo catalog takes a second to import; this is instant).
import type { Db } from "../../src/db/database.ts";
import { loadOutboxConfig, type OutboxConfig } from "../../src/outbox/outbox-config.ts";
import type { MessageSender, OutboundMessage, SendResult } from "../../src/outbox/message-sender.ts";

export async function seedCatalog(db: Db): Promise<void> {
  await db.prisma.brand.createMany({ data: [{ id: "b1", name: "B1", aliases: [] }, { id: "b2", name: "B2", aliases: [] }] });
  const store = (id: string, brandId: string, lat: number, lng: number) => ({ id, brandId, name: id, lat, lng, services: ["pickup"] });
  await db.prisma.store.createMany({ data: [store("s1", "b1", 23.1317, 113.3246), store("s2", "b1", 23.2, 113.5), store("x1", "b2", 23.1317, 113.3246)] });
  const coupon = (code: string, brandId: string) => ({
    code, brandId, title: `${code} off`, kind: "percent", value: 70, channels: ["online", "offline"], storeIds: [],
    validFrom: new Date("2026-01-01T00:00:00Z"), validTo: new Date("2030-01-01T00:00:00Z"),
  });
  await db.prisma.coupon.createMany({ data: [coupon("C1", "b1"), coupon("C2", "b2")] });
}

/** Removes what a test adds, keeping the catalog. */
export async function resetCrm(db: Db): Promise<void> {
  await db.prisma.outboxMessage.deleteMany();
  await db.prisma.campaignRecipientBlock.deleteMany();
  await db.prisma.campaignOccurrence.deleteMany();
  await db.prisma.campaign.deleteMany();
  await db.prisma.orderStatusChange.deleteMany();
  await db.prisma.orderItem.deleteMany();
  await db.prisma.order.deleteMany();
  await db.prisma.redemption.deleteMany();
  await db.prisma.memberCoupon.deleteMany();
  await db.prisma.consent.deleteMany();
  await db.prisma.follow.deleteMany();
  await db.prisma.memberTag.deleteMany();
  await db.prisma.memberIdentity.deleteMany();
  await db.prisma.member.deleteMany();
}

export interface MemberSpec {
  id: string;
  channel?: "telegram" | "local";
  follows?: string[];
  unfollowed?: boolean;
  optOut?: boolean;
  unreachable?: boolean;
  erased?: boolean;
  tags?: string[];
  area?: { lat: number; lng: number } | { storeId: string };
  timezone?: string;
}

/** Creates the members with their identity, follows and tags: four statements whatever the number. */
export async function addMembers(db: Db, specs: MemberSpec[]): Promise<void> {
  await db.prisma.member.createMany({
    data: specs.map((m) => ({
      id: m.id, marketingOptOut: m.optOut ?? false, unreachable: m.unreachable ?? false, erasedAt: m.erased ? new Date() : null, timezone: m.timezone ?? null,
      ...(m.area && "lat" in m.area ? { areaLat: m.area.lat, areaLng: m.area.lng } : {}),
      ...(m.area && "storeId" in m.area ? { areaStoreId: m.area.storeId } : {}),
    })),
  });
  await db.prisma.memberIdentity.createMany({
    data: specs.map((m) => ({ memberId: m.id, channel: m.channel ?? "local", externalId: `${m.channel ?? "local"}-${m.id}`, chatId: m.channel === "telegram" ? `chat-${m.id}` : null, botId: "marketplace" })),
  });
  const follows = specs.flatMap((m) => (m.follows ?? ["b1"]).map((brandId) => ({ memberId: m.id, brandId, unfollowedAt: m.unfollowed ? new Date() : null })));
  if (follows.length) await db.prisma.follow.createMany({ data: follows });
  const tags = specs.flatMap((m) => (m.tags ?? []).map((tag) => ({ memberId: m.id, tag })));
  if (tags.length) await db.prisma.memberTag.createMany({ data: tags });
}

export const addMember = (db: Db, m: MemberSpec) => addMembers(db, [m]);

export function testConfig(overrides: Partial<OutboxConfig> = {}): OutboxConfig {
  return loadOutboxConfig({}, { ratePerSecond: 1000, perChatMs: 0, ...overrides });
}

/** A sender that records every message and answers with a script (default: ok). */
export class FakeSender implements MessageSender {
  readonly sent: (OutboundMessage & { at: number })[] = [];
  readonly calls: (OutboundMessage & { at: number })[] = [];
  constructor(public script: (msg: OutboundMessage, call: number) => SendResult | Promise<SendResult> = () => ({ ok: true })) {}
  async send(msg: OutboundMessage): Promise<SendResult> {
    const at = Date.now();
    this.calls.push({ ...msg, at });
    const r = await this.script(msg, this.calls.length);
    if (r.ok) this.sent.push({ ...msg, at });
    return r;
  }
}

export const at = (iso: string) => new Date(iso);
