// What every flow of the engine gets for one inbound event.
import type { BotConfig } from "../bot-config.ts";
import type { Db } from "../db/database.ts";
import type { IdentityRef } from "../app/members.ts";
import type { LinkSigner } from "../app/ordering/order-lifecycle.ts";
import type { IntentParser } from "../nlu/intent.ts";
import type { ConversationState } from "../app/conversation-state.ts";
import type { MemberArea } from "../app/crm/member-area.ts";
import { MESSAGES } from "./messages.ts";
import type { Lang } from "./replies.ts";

export interface EngineDeps {
  db: Db;
  parser: IntentParser;
  bot: BotConfig;
  signer: LinkSigner;
  clock: () => Date;
  /** turns a voice file into text; absent when no transcription endpoint is configured */
  transcribe?: (file: string) => Promise<string>;
  log?: (msg: string, extra?: Record<string, unknown>) => void;
}

export interface Turn {
  deps: EngineDeps;
  memberId: string;
  state: ConversationState;
  lang: Lang;
  now: Date;
  /** the bot's brands, null = every brand */
  scope: string[] | null;
  m: (typeof MESSAGES)[Lang];
  /** who sent the event (channel and external account), for checks such as "this contact is the sender's own" */
  identity?: IdentityRef;
  /** set by "forget me": the member's data is gone, nothing is written back */
  forgotten?: boolean;
  /** what the member said in this turn (text and voice), for their message log, and when it came in */
  said?: { text: string; at: Date };
  /** the coarse area of a location shared in this turn, for the CRM (written with the turn: saveTurn) */
  area?: MemberArea | null;
}
