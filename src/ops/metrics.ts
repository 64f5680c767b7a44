// Prometheus metrics (prom-client), served at GET /metrics. One registry per process; the families are created at
// import so every instrumented edge (HTTP hooks, the chat turn, the parser, the delivery pipeline, the order and
// payment use cases) counts into the same place, whichever door (server, worker, CLI) runs it. Process defaults
// (CPU, memory, event loop lag, GC) are collected only by long-running processes (startProcessMetrics).
// Labels stay bounded: routes are fastify's patterns (never raw URLs), intents and statuses are closed lists.
import { AsyncLocalStorage } from "node:async_hooks";
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

export const registry = new Registry();

export const httpDuration = new Histogram({
  name: "o2o_http_request_duration_seconds",
  help: "HTTP request duration by route pattern, method and status code",
  labelNames: ["route", "method", "status"] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  registers: [registry],
});

export const chatTurns = new Counter({
  name: "o2o_chat_turns_total",
  help: "Chat turns handled, by channel and the intent understood (or the event kind when nothing was parsed)",
  labelNames: ["channel", "intent"] as const,
  registers: [registry],
});

export const chatTurnDuration = new Histogram({
  name: "o2o_chat_turn_duration_seconds",
  help: "Time from an update reaching the engine to its replies being sent, by channel",
  labelNames: ["channel"] as const,
  buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10],
  registers: [registry],
});

export const nluParses = new Counter({
  name: "o2o_nlu_parse_total",
  help: "Utterances parsed, by the parser that answered (rules, llm, llm-fallback: the LLM failed and the rules answered) and outcome (understood, unknown, error)",
  labelNames: ["parser", "outcome"] as const,
  registers: [registry],
});

export const outboxMessages = new Counter({
  name: "o2o_outbox_messages_total",
  help: "Outbox rows handled by the delivery pipeline, by source and status (sent, failed, skipped, deferred, 429, 403, retried, released)",
  labelNames: ["source", "status"] as const,
  registers: [registry],
});

export const rateLimitWaits = new Histogram({
  name: "o2o_send_rate_limit_waits_seconds",
  help: "Time a message waited for the global send rate (and any 429 pause) before it went out",
  buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 30],
  registers: [registry],
});

export const ordersTotal = new Counter({
  name: "o2o_orders_total",
  help: "Orders entering a status (quote, pending_payment, paid, accepted, ready, out_for_delivery, shipped, completed, cancelled)",
  labelNames: ["status"] as const,
  registers: [registry],
});

export const paymentsTotal = new Counter({
  name: "o2o_payments_total",
  help: "Payment events applied, by result (accepted, duplicate, rejected)",
  labelNames: ["result"] as const,
  registers: [registry],
});

/** Queued outbox rows per source, read from the database at scrape time (the outbox is the queue). */
export type QueueDepthReader = () => Promise<{ source: string; n: number }[]>;
let queueDepthReader: QueueDepthReader | null = null;
let lastDepths = new Map<string, number>();

new Gauge({
  name: "o2o_outbox_queue_depth",
  help: "Outbox rows waiting to be sent (status queued), by source",
  labelNames: ["source"] as const,
  registers: [registry],
  async collect() {
    if (!queueDepthReader) return;
    this.reset();
    try {
      const rows = await queueDepthReader();
      lastDepths = new Map(rows.map((r) => [r.source, r.n]));
    } catch {
      // the database is away: the last known depths rather than a failed scrape (/readyz says what is wrong)
    }
    for (const source of ["campaign", "follow_up", "order", "staff", ...lastDepths.keys()]) this.set({ source }, lastDepths.get(source) ?? 0);
  },
});

export function setQueueDepthReader(read: QueueDepthReader | null): void {
  queueDepthReader = read;
}

let defaultsStarted = false;
/** CPU, memory, event loop and GC metrics: for the server and the worker, not for one-shot CLI commands. */
export function startProcessMetrics(): void {
  if (defaultsStarted) return;
  defaultsStarted = true;
  collectDefaultMetrics({ register: registry });
}

// ---- the chat turn: the intent is learned inside the turn (by the parser), the turn is counted at its end ----

interface TurnScope {
  intent: string | null;
}
const turnScope = new AsyncLocalStorage<TurnScope>();
const parseScope = new AsyncLocalStorage<{ fellBack: boolean }>();

/**
 * Runs one chat turn and counts it: o2o_chat_turns_total{channel,intent} and its duration. `kind` labels a turn
 * in which nothing was parsed (a tap, a location, /start).
 */
export async function measureTurn<T>(channel: string, kind: string, turn: () => Promise<T>): Promise<T> {
  const scope: TurnScope = { intent: null };
  const end = chatTurnDuration.startTimer({ channel });
  try {
    return await turnScope.run(scope, turn);
  } finally {
    end();
    chatTurns.inc({ channel, intent: scope.intent ?? kind });
  }
}

/** Counts one parse by `parser`; an LLM parse that fell back to the rules is counted as parser="llm-fallback". */
export async function measureParse<T extends { intent: string }>(parser: "rules" | "llm", parse: () => Promise<T>): Promise<T> {
  const p = { fellBack: false };
  try {
    const r = await parseScope.run(p, parse);
    nluParses.inc({ parser: p.fellBack ? "llm-fallback" : parser, outcome: r.intent === "unknown" ? "unknown" : "understood" });
    const scope = turnScope.getStore();
    if (scope) scope.intent = r.intent;
    return r;
  } catch (e) {
    nluParses.inc({ parser: p.fellBack ? "llm-fallback" : parser, outcome: "error" });
    throw e;
  }
}

/** Called from inside an LLM parse that answered with the rules parser's result. */
export function noteParseFallback(): void {
  const p = parseScope.getStore();
  if (p) p.fellBack = true;
}
