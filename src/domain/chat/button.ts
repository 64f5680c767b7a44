// A button under a message: what it says and the tap id it sends back (built with the tap table, taps.ts). Shared
// by the chat replies and the outbox, which stores the buttons of a queued message.
export interface Button {
  id: string;
  label: string;
}
