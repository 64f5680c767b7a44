// The replies every flow falls back on: the catalog's example sentences, the help buttons, and "I did not get that"
// (also the answer to an unknown or forged tap).
import { loadCatalogView } from "../app/catalog-view.ts";
import { tapId } from "../domain/chat/taps.ts";
import { catalogExamples } from "./examples.ts";
import { errorReply, type Button, type Reply } from "./replies.ts";
import type { Turn } from "./turn.ts";

/** Example sentences for this bot's texts, from the loaded catalog (examples.ts). */
export async function examples(turn: Turn) {
  return catalogExamples(await loadCatalogView(turn.deps.db), turn.scope);
}

export function helpButtons(turn: Turn): Button[] {
  const zh = turn.lang === "zh";
  return [
    { id: tapId("coupons", {}), label: zh ? "我的优惠券" : "My coupons" },
    { id: tapId("orders", {}), label: zh ? "我的订单" : "My orders" },
    { id: tapId("claim", { code: null, campaignId: null }), label: zh ? "领券" : "Get coupons" },
  ];
}

/** The help text with its buttons. */
export async function helpReply(turn: Turn): Promise<Reply> {
  return { type: "text", text: turn.m.help(await examples(turn)), buttons: helpButtons(turn) };
}

/** "I did not get that", with examples: an unknown or malformed tap, a tap that does not fit the step. */
export async function notUnderstood(turn: Turn, code = "INVALID_INPUT"): Promise<Reply[]> {
  return [errorReply(turn.m.unknown(await examples(turn)), code)];
}
