// A full chat turn (engine + NLU rules + SQLite, no LLM): p50/p99 over a mix of what members say.
import { loadDemoIfEmpty } from "../src/app/load-demo-catalog.ts";
import { chatter, testDeps } from "../test/support/engine.ts";
import { freshDb } from "../test/support/databases.ts";
import type { Figure } from "./figure.ts";

const pct = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

export async function benchChatTurn(turns = 600): Promise<Figure[]> {
  const db = await freshDb("sqlite");
  try {
    await loadDemoIfEmpty(db);
    const deps = testDeps(db);
    const script: object[] = [
      { text: "来杯拿铁" },
      { location: { lat: 23.1325, lng: 113.3262 } },
      { text: "不要中杯，大杯" },
      { text: "我的优惠券" },
      { text: "附近有GXG吗" },
      { text: "hi" },
    ];
    const times: number[] = [];
    for (let i = 0; i < turns; i++) {
      const say = chatter(deps, `bench-${Math.floor(i / script.length) % 50}`);
      const t0 = performance.now();
      await say(script[i % script.length] as never);
      if (i >= script.length * 5) times.push(performance.now() - t0); // after warm-up
    }
    times.sort((a, b) => a - b);
    const r = (x: number) => Math.round(x * 100) / 100;
    return [
      { name: "chat turn p50 (engine + rules NLU + SQLite)", value: r(pct(times, 50)), unit: "ms" },
      { name: "chat turn p99 (engine + rules NLU + SQLite)", value: r(pct(times, 99)), unit: "ms", note: `${times.length} turns, goal < 20 ms` },
    ];
  } finally {
    await db.drop();
  }
}
