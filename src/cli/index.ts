// `npx o2o <command>`: every command answers --help, exits 0 on success, non-zero with a one-line error.
import { Command, CommanderError } from "commander";
import { registerChat } from "./chat.command.ts";
import { registerImport } from "./import.command.ts";
import { registerNlu } from "./nlu.command.ts";
import { registerOrder } from "./order.command.ts";
import { registerRedeem } from "./redeem.command.ts";
import { registerReport } from "./report.command.ts";

const program = new Command("o2o")
  .description("o2o-chat: conversational commerce on Telegram (chat to order, nearest store, coupons, payments, campaigns)")
  .exitOverride()
  // one line on bad input: commander's own message, prefixed like every other o2o error
  .configureOutput({ outputError: (str, write) => write(`o2o: ${str.replace(/^error: /, "").trim()} (see --help)\n`) });

registerImport(program);
registerChat(program);
(await import("../channels/telegram/telegram-cli.ts")).registerTelegramCommands(program);
registerNlu(program);
registerRedeem(program);
registerOrder(program);
registerReport(program);
(await import("./member.command.ts")).registerMember(program);
(await import("./campaign.command.ts")).registerCampaign(program);

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
