// The Mini App's API client: sends Telegram initData (Authorization: tma …) when inside Telegram; in a browser the
// signed session cookie rides along by itself. Failures come back as ApiError with the server's friendly message.
export class ApiError extends Error {
  constructor(status, error) {
    super((error && error.message) || `HTTP ${status}`);
    this.status = status;
    this.code = (error && error.code) || "HTTP";
    this.reason = error && error.reason;
  }
}

export function createApi({ initData, lang }) {
  async function call(method, path, body) {
    const headers = { accept: "application/json", "accept-language": lang() === "zh" ? "zh-CN" : "en" };
    if (initData) headers.authorization = `tma ${initData}`;
    if (body !== undefined) headers["content-type"] = "application/json";
    let res;
    try {
      res = await fetch(`./api/${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: "same-origin" });
    } catch {
      throw new ApiError(0, { code: "NETWORK", message: lang() === "zh" ? "网络不通，请稍后再试。" : "Network error; please try again." });
    }
    let data = null;
    try {
      data = await res.json();
    } catch {
      data = null;
    }
    if (!res.ok || !data || data.ok === false) throw new ApiError(res.status, data && data.error);
    return data;
  }
  return {
    get: (path) => call("GET", path),
    post: (path, body) => call("POST", path, body ?? {}),
    del: (path, body) => call("DELETE", path, body),
  };
}

/** A fresh idempotency key for one checkout attempt. */
export function newKey() {
  const b = new Uint8Array(16);
  crypto.getRandomValues(b);
  return Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
}
