// The server's part of a scan-to-paid checkout at the till (issue 18): the bill is opened from its QR's start
// payload (best coupon applied), then paid with one tap (password-free pay): two chat turns through the real
// engine on SQLite, measured together. Goal: p99 under 300 ms; the rest of "15 seconds" is the customer's thumb.
import { loadDemoIfEmpty } from "../src/app/load-demo-catalog.ts";
import { resolveMember } from "../src/app/members.ts";
import { createBill } from "../src/app/till/bills.ts";
import { enableOneTap } from "../src/app/till/one-tap-pay.ts";
import { chatter, testDeps, NOON } from "../test/support/engine.ts";
import { freshDb } from "../test/support/databases.ts";
import type { Figure } from "./figure.ts";

const pct = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

export async function benchScanToPaid(checkouts = 300): Promise<Figure[]> {
  const db = await freshDb("sqlite");
  try {
    await loadDemoIfEmpty(db);
    const deps = testDeps(db, { bot: "gxg" });
    const times: number[] = [];
    for (let i = 0; i < checkouts; i++) {
      const user = `till-bench-${i}`;
      const memberId = (await resolveMember(db, { channel: "local", externalId: user })).id;
      await enableOneTap(db, { memberId, at: NOON });
      const bill = await createBill(db, { storeId: "gxg-tianhe", amountCents: 8800, createdBy: "bench", at: NOON });
      if (!bill.ok) throw new Error(bill.error.code);
      const say = chatter(deps, user);
      const t0 = performance.now();
      const shown = await say({ start: bill.value.payload });
      const pay = shown[0]?.buttons?.[0]?.id;
      if (!pay) throw new Error(`no pay button: ${JSON.stringify(shown)}`);
      const paid = await say({ tap: pay });
      const t = performance.now() - t0;
      if (paid[0]?.type !== "bill") throw new Error(`not paid: ${JSON.stringify(paid)}`);
      if (i >= 20) times.push(t); // after warm-up
    }
    times.sort((a, b) => a - b);
    const r = (x: number) => Math.round(x * 100) / 100;
    return [
      { name: "scan to paid p50 (bill QR start + one-tap pay, engine + SQLite)", value: r(pct(times, 50)), unit: "ms" },
      { name: "scan to paid p99 (bill QR start + one-tap pay, engine + SQLite)", value: r(pct(times, 99)), unit: "ms", note: `${times.length} checkouts, goal < 300 ms` },
    ];
  } finally {
    await db.drop();
  }
}
