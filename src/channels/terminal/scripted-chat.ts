// `o2o chat --json`: one JSON event per stdin line in, the bot's replies as JSON lines out, then {"type":"turn_end"}.
// Pushes queued for the member while they were away (campaigns, order updates) are printed first, once each.
import { createInterface } from "node:readline";
import { takePendingPushes } from "../../outbox/local-pushes.ts";
import { resolveMember } from "../../app/members.ts";
import { handleEvent, inboundEventSchema, type EngineDeps } from "../../conversation/engine.ts";
import { errorReply, type Reply } from "../../conversation/replies.ts";

export function pushReply(d: { text: string; source: string; campaignId: string | null; payload: unknown }): Reply {
  const payload = (d.payload ?? {}) as { buttons?: { id: string; label: string }[] };
  return {
    type: "push",
    text: d.text,
    source: d.source as "campaign" | "follow_up" | "order",
    ...(d.campaignId ? { campaignId: d.campaignId } : {}),
    ...(payload.buttons?.length ? { buttons: payload.buttons } : {}),
  };
}

/** One scripted turn: pushes, then the replies to the event (or a friendly error for a malformed line). */
export async function scriptedTurn(deps: EngineDeps, userId: string, line: string): Promise<Reply[]> {
  const member = await resolveMember(deps.db, { channel: "local", externalId: userId, botId: deps.bot.id });
  const pushes = (await takePendingPushes(deps.db, member.id, deps.clock())).map(pushReply);
  let event: unknown;
  try {
    event = JSON.parse(line);
  } catch {
    return [...pushes, errorReply("这一行不是有效的 JSON / that line is not valid JSON", "INVALID_EVENT")];
  }
  const parsed = inboundEventSchema.safeParse(event);
  if (!parsed.success) {
    return [...pushes, errorReply('无法识别的事件 / unknown event: expected {"text"}, {"location"}, {"tap"}, {"pay"}, {"voice"} or {"contact"}', "INVALID_EVENT")];
  }
  return [...pushes, ...(await handleEvent(deps, { channel: "local", externalId: userId }, parsed.data))];
}

export async function runScriptedChat(deps: EngineDeps, userId: string, input: NodeJS.ReadableStream, out: (line: string) => void): Promise<void> {
  const rl = createInterface({ input, crlfDelay: Infinity });
  for await (const raw of rl) {
    const line = raw.trim();
    if (!line) continue;
    for (const r of await scriptedTurn(deps, userId, line)) out(JSON.stringify(r));
    out(JSON.stringify({ type: "turn_end" }));
  }
}
