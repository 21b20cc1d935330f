// The admin API under /__mock/, same origin, with the admin token as a
// bearer token once the user has given it.

const tokenKey = "sessionmock.adminToken";

export class APIError extends Error {
  constructor(status, message, body) {
    super(message);
    this.status = status;
    this.body = body;
  }
}

export class API {
  constructor() {
    this.token = sessionStorage.getItem(tokenKey) || "";
    // askToken is set by the page: it shows the token dialog and resolves
    // once a token was given.
    this.askToken = null;
  }

  setToken(t) {
    this.token = t;
    if (t) sessionStorage.setItem(tokenKey, t);
    else sessionStorage.removeItem(tokenKey);
  }

  headers(extra) {
    const hd = { Accept: "application/json", ...extra };
    if (this.token) hd.Authorization = "Bearer " + this.token;
    return hd;
  }

  // send makes one admin request and returns {status, ok, data} with the
  // decoded JSON body (null for none). A 401 asks for the token and tries
  // again.
  async send(method, path, { body, contentType, signal } = {}) {
    for (let attempt = 0; ; attempt++) {
      const init = { method, headers: this.headers(), signal, cache: "no-store" };
      if (body !== undefined) {
        init.body = typeof body === "string" ? body : JSON.stringify(body);
        init.headers["Content-Type"] = contentType || "application/json";
      }
      const resp = await fetch("/__mock" + path, init);
      if (resp.status === 401 && this.askToken && attempt < 5) {
        await this.askToken(attempt > 0 || this.token ? "That token was refused." : "");
        continue;
      }
      const text = await resp.text();
      let data = null;
      try {
        data = text ? JSON.parse(text) : null;
      } catch {
        data = null;
      }
      return { status: resp.status, ok: resp.ok, data, statusText: resp.statusText };
    }
  }

  // call is send that throws an APIError, with the server's message, for
  // an answer that is not a success.
  async call(method, path, opts) {
    const r = await this.send(method, path, opts);
    if (!r.ok) {
      const msg = (r.data && (r.data.error || r.data.message)) || `${r.status} ${r.statusText}`;
      throw new APIError(r.status, msg, r.data);
    }
    return r.data;
  }

  get(path, opts) { return this.call("GET", path, opts); }
  post(path, body, opts) { return this.call("POST", path, { ...opts, body }); }
  patch(path, body, opts) { return this.call("PATCH", path, { ...opts, body }); }
  del(path, opts) { return this.call("DELETE", path, opts); }
}
