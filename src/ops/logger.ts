// The server's logger: JSON lines (for a log collector) unless stdout is a terminal, where pino-pretty makes them
// readable. LOG_FORMAT=json|pretty overrides the guess. Personal data (phones, addresses, message text) never goes
// into info-level lines: a chat turn's lines carry the update id and the member id only.
import pino, { type Logger } from "pino";
import { logContext } from "./log-context.ts";

export function createLogger(level: string, format = process.env.LOG_FORMAT): Logger {
  const pretty = format ? format === "pretty" : process.stdout.isTTY === true;
  // every line written while an update is handled carries its ids (log-context.ts)
  const mixin = () => ({ ...logContext() });
  if (!pretty) return pino({ level, base: undefined, mixin });
  return pino({ level, base: undefined, mixin, transport: { target: "pino-pretty", options: { colorize: true, translateTime: "SYS:HH:MM:ss.l", ignore: "pid,hostname" } } });
}
