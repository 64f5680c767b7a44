// The send step of the outbox pipeline: one claimed row through the MessageSender port, under a rate permit already
// taken. The answer is a value (SendResult); record.ts decides what it means for the row and the rest of the queue.
import type { Button } from "../../domain/chat/button.ts";
import type { SendResult } from "../message-sender.ts";
import { preciseNow, type ChatGate, type SendPermit } from "../rate-limiter.ts";
import { isTransactional } from "../send-rules.ts";
import type { PipelineDeps, DrainState, Outgoing } from "./state.ts";

function buttonsOf(payload: unknown): Button[] | undefined {
  const b = (payload as { buttons?: Button[] } | null)?.buttons;
  return Array.isArray(b) && b.length ? b.filter((x) => typeof x?.id === "string" && typeof x?.label === "string") : undefined;
}

/** The text as sent: a campaign's deep link is appended as a t.me link when the bot's username is known. */
function textOf(out: Outgoing, usernames: Map<string, string>): string {
  const username = usernames.get(out.botId);
  const deepLink = (out.row.payload as { deepLink?: string } | null)?.deepLink;
  return username && deepLink ? `${out.row.text}\n\nhttps://t.me/${username}?start=${deepLink}` : out.row.text;
}

/** Sends one row; a sender that throws counts as a transient failure. Releases the permit and settles the chat's gap. */
export async function send(deps: Pick<PipelineDeps, "sender"> & { chatGate: ChatGate }, state: DrainState, out: Outgoing, permit: SendPermit): Promise<SendResult> {
  let result: SendResult;
  try {
    result = await deps.sender.send({ botId: out.botId, chatId: out.chatId, text: textOf(out, state.usernames), buttons: buttonsOf(out.row.payload), broadcast: !isTransactional(out.row.source) });
  } catch (e) {
    result = { ok: false, kind: "transient", error: `sender threw: ${(e as Error).message ?? e}` };
  }
  // the message has reached the Bot API by now, if it ever will: the hard rate cap and the chat gap count from here
  permit.done();
  await deps.chatGate.settle(out.chatKey, preciseNow());
  return result;
}
