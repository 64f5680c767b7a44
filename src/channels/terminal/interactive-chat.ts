// `o2o chat`: a readable chat in the terminal. Type as you would in Telegram; a number taps that button;
// "/loc 23.13,113.32" (or "/loc" for Tianhe, Guangzhou) shares a location; "/pay ORDER_ID" pays in the sandbox.
import { createInterface } from "node:readline";
import type { EngineDeps } from "../../conversation/engine.ts";
import type { Reply } from "../../conversation/replies.ts";
import { scriptedTurn } from "./scripted-chat.ts";
import { catalogIsEmpty } from "../../app/chat-lookups.ts";

const DEMO_LOCATION = { lat: 23.1325, lng: 113.3262 }; // 天河路, Guangzhou

export function renderReply(r: Reply, buttonOffset: number): string {
  const head = r.type === "text" ? "" : `[${r.type}] `;
  const lines = [`${head}${r.text}`];
  (r.buttons ?? []).forEach((b, i) => lines.push(`   ${buttonOffset + i + 1}) ${b.label}`));
  return lines.join("\n");
}

export async function runInteractiveChat(deps: EngineDeps, userId: string): Promise<void> {
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
  const zh = deps.bot.locale !== "en";
  console.log(zh ? `${deps.bot.name} · 输入消息开始聊天；数字=点按钮，/loc 发送位置，/pay 订单号 支付，/quit 退出` : `${deps.bot.name} · type to chat; a number taps a button, /loc shares a location, /pay ORDER pays, /quit exits`);
  if (await catalogIsEmpty(deps.db)) {
    console.log(zh ? "（目录是空的：先运行一次 `npm start` 载入演示目录，或 `npx o2o import 目录.json`）" : "(The catalog is empty: run `npm start` once to load the demo catalog, or `npx o2o import catalog.json`.)");
  }
  let buttons: { id: string }[] = [];
  rl.setPrompt("> ");
  rl.prompt();
  for await (const raw of rl) {
    const line = raw.trim();
    if (line === "/quit" || line === "/exit") break;
    if (!line) {
      rl.prompt();
      continue;
    }
    let event: unknown;
    if (/^\d+$/.test(line) && buttons[Number(line) - 1]) event = { tap: buttons[Number(line) - 1].id };
    else if (line.startsWith("/loc")) {
      const m = line.match(/(-?\d+(?:\.\d+)?)\s*[, ]\s*(-?\d+(?:\.\d+)?)/);
      event = { location: m ? { lat: Number(m[1]), lng: Number(m[2]) } : DEMO_LOCATION };
    } else if (line.startsWith("/pay")) event = { pay: { orderId: line.split(/\s+/)[1] ?? "" } };
    else if (line === "/start") event = { start: null };
    else event = { text: line };
    const replies = await scriptedTurn(deps, userId, JSON.stringify(event));
    buttons = [];
    for (const r of replies) {
      const tappable = (r.buttons ?? []).filter((b) => !b.id.startsWith("url:"));
      console.log(renderReply({ ...r, buttons: r.buttons }, buttons.length));
      buttons.push(...(r.buttons ?? []));
      void tappable;
    }
    rl.prompt();
  }
  rl.close();
}
