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
    const msg = e instanceof Error ? e.message : String(e);
    process.stderr.write(`o2o: ${msg.split("\n")[0]}\n`);
    if (process.env.O2O_DEBUG) console.error(e);
    process.exitCode = 1;
  }
}
