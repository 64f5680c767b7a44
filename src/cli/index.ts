// `npx o2o <command>`: every command answers --help, exits 0 on success, non-zero with a one-line error.
import { Command, CommanderError } from "commander";

type Register = (program: Command) => void;

// Each top-level command and the module that registers it. Only the module of the command being run is loaded
// (a report or a redeem at the till starts in well under a second); `--help` and unknown commands load them all.
const COMMANDS: Record<string, () => Promise<Register>> = {
  import: async () => (await import("./import.command.ts")).registerImport,
  chat: async () => (await import("./chat.command.ts")).registerChat,
  staff: async () => (await import("../channels/telegram/telegram-cli.ts")).registerTelegramCommands,
  qr: async () => (await import("../channels/telegram/telegram-cli.ts")).registerTelegramCommands,
  nlu: async () => (await import("./nlu.command.ts")).registerNlu,
  redeem: async () => (await import("./redeem.command.ts")).registerRedeem,
  order: async () => (await import("./order.command.ts")).registerOrder,
  report: async () => (await import("./report.command.ts")).registerReport,
  member: async () => (await import("./member.command.ts")).registerMember,
  campaign: async () => (await import("./campaign.command.ts")).registerCampaign,
  till: async () => (await import("./till.command.ts")).registerTill,
  demo: async () => (await import("./demo.command.ts")).registerDemo,
};

const program = new Command("o2o")
  .description("o2o-chat: conversational commerce on Telegram (chat to order, nearest store, coupons, payments, campaigns)")
  .exitOverride()
  // one line on bad input: commander's own message, prefixed like every other o2o error
  .configureOutput({ outputError: (str, write) => write(`o2o: ${str.replace(/^error: /, "").trim()} (see --help)\n`) });

const wanted = process.argv[2];
const loaders = wanted && wanted in COMMANDS ? [COMMANDS[wanted]] : Object.values(COMMANDS);
const registered = new Set<Register>();
for (const load of loaders) {
  const register = await load();
  if (!registered.has(register)) register(program);
  registered.add(register);
}

try {
  await program.parseAsync(process.argv);
} catch (e) {
  if (e instanceof CommanderError) {
    process.exitCode = e.exitCode;
  } else {
    process.stderr.write(`o2o: ${oneLineError(e)}\n`);
    if (process.env.O2O_DEBUG) console.error(e);
    process.exitCode = 1;
  }
}

/** The first line of an error, never empty: a driver error without a message still says what it is. */
function oneLineError(e: unknown): string {
  const err = e as { message?: unknown; code?: unknown; name?: unknown; cause?: unknown } | null;
  const first = (v: unknown) => (typeof v === "string" ? v.split("\n").map((l) => l.trim()).find(Boolean) ?? "" : "");
  const msg = first(err?.message) || first((err?.cause as { message?: unknown } | undefined)?.message) || (typeof e === "string" ? first(e) : "");
  const code = typeof err?.code === "string" ? err.code : "";
  if (msg) return code && !msg.includes(code) ? `${msg} (${code})` : msg;
  const name = typeof err?.name === "string" && err.name !== "Error" ? err.name : "unexpected error";
  return `${name}${code ? ` ${code}` : ""} (run with O2O_DEBUG=1 for details)`;
}
