// "Your size is back at store X": demand recorded when a chat order finds no stock, a restock (catalog import, stock
// given back by a cancelled order) queues one follow-up push per waiting member, never a second one; on both databases.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importCatalogFile } from "../../src/app/import-catalog.ts";
import { loadDemoIfEmpty } from "../../src/app/load-demo-catalog.ts";
import { resolveMember } from "../../src/app/members.ts";
import { unsubscribe } from "../../src/app/privacy.ts";
import { scriptedTurn } from "../../src/channels/terminal/scripted-chat.ts";
import type { Reply } from "../../src/conversation/replies.ts";
import { tempFile } from "../support/catalog.ts";
import { DATABASES, freshDb, type TestDb } from "../support/databases.ts";
import { NOON, TIANHE, chatter, one, testDeps } from "../support/engine.ts";

const restockFile = (rows: object[]) => tempFile("inventory.json", JSON.stringify({ inventory: rows }));

describe.each(DATABASES)("size back in stock on %s", (kind) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await freshDb(kind);
    await loadDemoIfEmpty(db);
  });
  afterAll(async () => db.drop());

  const member = (user: string) => resolveMember(db, { channel: "local", externalId: user });
  const pushesOf = async (user: string) => db.prisma.outboxMessage.findMany({ where: { memberId: (await member(user)).id, source: "follow_up" } });

  it("an out-of-stock chat order records the demand; the import that restocks it queues exactly one push per member, none on re-import", async () => {
    const deps = testDeps(db);
    const turn = (user: string, e: object) => scriptedTurn(deps, user, JSON.stringify(e));
    await turn("shoe-fan", { location: TIANHE });
    const refused = await turn("shoe-fan", { text: "GXG 42码运动鞋" });
    expect(refused.some((r) => r.type === "error")).toBe(true);
    await turn("shoe-fan", { text: "GXG 42码运动鞋" }); // asked twice: still one push
    const fan = await member("shoe-fan");
    const demand = await db.prisma.demandEvent.findMany({ where: { memberId: fan.id, productId: "gxg-sneakers", size: "42" } });
    expect(demand.length).toBe(2);
    expect(demand.every((d) => d.storeId === "gxg-tianhe" && d.notifiedAt === null)).toBe(true);

    // someone a few km away (inside the store's 5 km delivery radius), someone in another city, someone unsubscribed
    const near = await member("near-fan");
    const far = await member("far-fan");
    const quiet = await member("opted-out-fan");
    await db.prisma.member.update({ where: { id: quiet.id }, data: { marketingOptOut: true } });
    await db.prisma.demandEvent.createMany({
      data: [
        { productId: "gxg-sneakers", size: "42", brandId: "gxg", reason: "out_of_stock", memberId: near.id, storeId: null, lat: 23.15, lng: 113.34 },
        { productId: "gxg-sneakers", size: "42", brandId: "gxg", reason: "out_of_stock", memberId: far.id, storeId: null, lat: 22.54, lng: 114.06 },
        { productId: "gxg-sneakers", size: "42", brandId: "gxg", reason: "out_of_stock", memberId: quiet.id, storeId: "gxg-tianhe", lat: 23.13, lng: 113.33 },
        { productId: "gxg-sneakers", size: "43", brandId: "gxg", reason: "out_of_stock", memberId: near.id, storeId: "gxg-tianhe", lat: 23.13, lng: 113.33 },
      ],
    });

    const file = restockFile([{ storeId: "gxg-tianhe", productId: "gxg-sneakers", size: "42", quantity: 5 }]);
    expect((await importCatalogFile(db, file, { at: NOON })).ok).toBe(true);
    const mine = await pushesOf("shoe-fan");
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ status: "queued", source: "follow_up" });
    expect(mine[0].text).toContain("GXG 天河");
    expect(mine[0].payload).toMatchObject({ kind: "size_back", productId: "gxg-sneakers", size: "42", storeId: "gxg-tianhe", buttons: [{ id: "product:gxg-sneakers:42" }] });
    expect(await pushesOf("near-fan")).toHaveLength(1);
    expect(await pushesOf("far-fan")).toHaveLength(0);
    expect(await pushesOf("opted-out-fan")).toHaveLength(0);
    expect(await db.prisma.demandEvent.count({ where: { productId: "gxg-sneakers", size: "42", notifiedAt: null } })).toBe(1); // only the other city's
    expect(await db.prisma.demandEvent.count({ where: { productId: "gxg-sneakers", size: "43", notifiedAt: null } })).toBe(1); // another size waits

    // the same file again, and a sell-out and restock later: nobody is told twice
    expect((await importCatalogFile(db, file, { at: NOON })).ok).toBe(true);
    expect((await importCatalogFile(db, restockFile([{ storeId: "gxg-tianhe", productId: "gxg-sneakers", size: "42", quantity: 0 }]), { at: NOON })).ok).toBe(true);
    expect((await importCatalogFile(db, file, { at: NOON })).ok).toBe(true);
    expect(await pushesOf("shoe-fan")).toHaveLength(1);
    expect(await db.prisma.outboxMessage.count({ where: { source: "follow_up", dedupeKey: { startsWith: "size_back:" } } })).toBe(2);

    // the member sees it once, before the reply to their next message, and its button orders that size there
    const next = await turn("shoe-fan", { text: "你好" });
    const push = next.find((r): r is Extract<Reply, { type: "push" }> => r.type === "push")!;
    expect(push).toMatchObject({ source: "follow_up", buttons: [{ id: "product:gxg-sneakers:42" }] });
    expect((await turn("shoe-fan", { text: "你好" })).some((r) => r.type === "push")).toBe(false);
    let replies = await turn("shoe-fan", { tap: push.buttons![0].id });
    if (replies.some((r) => r.type === "choice")) replies = await turn("shoe-fan", { location: TIANHE });
    expect(one(replies, "quote")).toMatchObject({ storeId: "gxg-tianhe" });
  });

  it("a member who unsubscribes before the push is shown never sees it", async () => {
    const deps = testDeps(db);
    const turn = (e: object) => scriptedTurn(deps, "changed-mind", JSON.stringify(e));
    await turn({ location: TIANHE });
    await turn({ text: "GXG 32码牛仔裤" });
    expect((await importCatalogFile(db, restockFile([{ storeId: "gxg-tianhe", productId: "gxg-jeans", size: "32", quantity: 4 }]), { at: NOON })).ok).toBe(true);
    expect(await pushesOf("changed-mind")).toHaveLength(1);
    // unsubscribed on another channel (Telegram) before this one shows the queued push
    await unsubscribe(db, (await member("changed-mind")).id, NOON);
    expect((await turn({ text: "你好" })).some((r) => r.type === "push")).toBe(false);
    expect((await pushesOf("changed-mind"))[0]).toMatchObject({ status: "skipped" });
  });

  it("a push due in the member's quiet hours waits for the morning", async () => {
    const say = chatter(testDeps(db), "night-owl");
    await say({ location: TIANHE });
    await say({ text: "GXG XL码衬衫" });
    const owl = await member("night-owl");
    expect(await db.prisma.demandEvent.count({ where: { memberId: owl.id, productId: "gxg-shirt", size: "XL" } })).toBeGreaterThan(0);
    const lateNight = new Date("2026-11-25T23:30:00+08:00");
    expect((await importCatalogFile(db, restockFile([{ storeId: "gxg-tianhe", productId: "gxg-shirt", size: "XL", quantity: 2 }]), { at: lateNight })).ok).toBe(true);
    const [p] = await pushesOf("night-owl");
    expect(p.notBefore.toISOString()).toBe(new Date("2026-11-26T08:00:00+08:00").toISOString());
  });

  it("stock given back by a cancelled order tells the member who asked meanwhile", async () => {
    await db.prisma.inventory.update({ where: { storeId_productId_size: { storeId: "gxg-tianhe", productId: "gxg-jacket", size: "180/96A" } }, data: { quantity: 1 } });
    const first = chatter(testDeps(db), "jacket-buyer");
    await first({ location: TIANHE });
    const q = one(await first({ tap: "product:gxg-jacket:180/96A" }), "quote");
    expect(q.storeId).toBe("gxg-tianhe");
    one(await first({ tap: `confirm:${q.orderId}` }), "payment_link"); // holds the last one

    const second = chatter(testDeps(db), "jacket-waiter");
    await second({ location: TIANHE });
    expect((await second({ tap: "product:gxg-jacket:180/96A" })).some((r) => r.type === "quote" && r.storeId === "gxg-tianhe")).toBe(false);
    expect(await pushesOf("jacket-waiter")).toHaveLength(0);

    one(await first({ tap: `cancel:${q.orderId}` }), "order");
    const pushes = await pushesOf("jacket-waiter");
    expect(pushes).toHaveLength(1);
    expect(pushes[0].payload).toMatchObject({ productId: "gxg-jacket", size: "180/96A", storeId: "gxg-tianhe" });
    expect(await pushesOf("jacket-buyer")).toHaveLength(0);
  });
});
