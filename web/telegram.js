// Inside Telegram: the launch data (initData, theme, start parameter) comes in the URL hash, which is read before
// anything else touches it. Telegram's own telegram-web-app.js is loaded only when the app runs inside Telegram,
// so a plain browser never fetches anything from outside this server.
const TG_SCRIPT = "https://telegram.org/js/telegram-web-app.js";

function hashParams() {
  try {
    return new URLSearchParams(location.hash.slice(1));
  } catch {
    return new URLSearchParams();
  }
}

/** What Telegram handed over at launch, or null in a plain browser. */
export function readLaunch() {
  const p = hashParams();
  const webApp = window.Telegram && window.Telegram.WebApp;
  const initData = (webApp && webApp.initData) || p.get("tgWebAppData") || "";
  const inTelegram = Boolean(initData || window.TelegramWebviewProxy || webApp);
  if (!inTelegram) return null;
  let theme = (webApp && webApp.themeParams) || null;
  if (!theme && p.get("tgWebAppThemeParams")) {
    try {
      theme = JSON.parse(p.get("tgWebAppThemeParams"));
    } catch {
      theme = null;
    }
  }
  const data = new URLSearchParams(initData);
  let user = null;
  try {
    user = JSON.parse(data.get("user") || "null");
  } catch {
    user = null;
  }
  return { initData, theme, user, startParam: data.get("start_param") || p.get("tgWebAppStartParam") || null };
}

/** Telegram's theme parameters as the CSS variables telegram-web-app.js would set (the stylesheet reads them). */
export function applyTheme(theme) {
  if (!theme) return;
  const root = document.documentElement.style;
  for (const [k, v] of Object.entries(theme)) {
    if (typeof v === "string" && /^#[0-9a-f]{3,8}$/i.test(v)) root.setProperty(`--tg-theme-${k.replace(/_/g, "-")}`, v);
  }
  document.documentElement.classList.add("in-telegram");
}

/** Loads telegram-web-app.js (inside Telegram only) and tells Telegram the app is ready. */
export function connectTelegram(onTheme) {
  const ready = () => {
    const w = window.Telegram && window.Telegram.WebApp;
    if (!w) return;
    w.ready();
    w.expand();
    w.onEvent && w.onEvent("themeChanged", () => onTheme(w.themeParams));
  };
  if (window.Telegram && window.Telegram.WebApp) return ready();
  const s = document.createElement("script");
  s.src = TG_SCRIPT;
  s.async = true;
  s.onload = ready;
  document.head.appendChild(s);
}

/** Opens a payment page: Telegram's in-app browser inside Telegram, the same tab elsewhere. */
export function openPayment(url) {
  const w = window.Telegram && window.Telegram.WebApp;
  if (w && w.openLink) {
    w.openLink(url);
    return "external";
  }
  location.assign(url);
  return "same-tab";
}
