// Vendor tokens for "copy as curl": the console signs in on the mock's
// own vendor routes, as a client would, with credentials the user can
// change. Such a request is a vendor request like any other: it shows in
// the journal and counts for fault rules.

import { $, h, clear } from "./dom.js";

// The documented default credentials, offered when the configured
// client or user has the default name; the admin API never shows secrets.
const defaultSecrets = { sessionmock: "sessionmock-secret", "no-sessions": "no-sessions-secret" };
const defaultPasswords = { "local/admin": "admin", "local/viewer": "viewer" };
// The console's own device, which Appgate's login wants as a UUID.
const consoleDevice = "5e55b0c4-0c0e-4a6b-9f6e-6d6f636b7569";
const margin = 60 * 1000; // a token that ends within a minute is not handed out

export class Tokens {
  constructor(app) {
    this.app = app;
    this.held = { segura: null, appgate: null }; // {value, expires: ms since the epoch}
    this.client = $("#cred-client");
    this.secret = $("#cred-secret");
    this.user = $("#cred-user");
    this.password = $("#cred-password");
    this.client.addEventListener("change", () => this.fillSecret());
    this.user.addEventListener("change", () => this.fillPassword());
    for (const el of [this.client, this.secret, this.user, this.password]) {
      el.addEventListener("change", () => this.forget());
    }
  }

  // configure offers the configured clients and users, those allowed to
  // read sessions first.
  configure(config) {
    clear(this.client);
    const clients = [...(config.segura_clients || [])].sort((a, b) => b.list_sessions - a.list_sessions);
    for (const c of clients) this.client.append(h("option", { value: c.id, text: c.id + (c.list_sessions ? "" : " (may not list)") }));
    clear(this.user);
    const users = [...(config.appgate_users || [])].sort((a, b) => b.session_info - a.session_info);
    for (const u of users) {
      this.user.append(h("option", { value: u.provider + "/" + u.username, text: u.username + " (" + u.provider + ")" + (u.session_info ? "" : " (no SessionInfo)") }));
    }
    this.peer = config.peer_version;
    this.ttl = (config.token_ttl_seconds || 3600) * 1000;
    this.fillSecret();
    this.fillPassword();
  }

  fillSecret() {
    this.secret.value = defaultSecrets[this.client.value] || "";
  }

  fillPassword() {
    this.password.value = defaultPasswords[this.user.value] || "";
  }

  accept() {
    return `application/vnd.appgate.peer-v${this.peer || 23}+json`;
  }

  // forget drops the tokens held, as when the mock's clock moved.
  forget() {
    this.held = { segura: null, appgate: null };
  }

  // get returns a token that is good for a while yet, signing in when
  // there is none.
  async get(vendor) {
    const t = this.held[vendor];
    if (t && t.expires - Date.now() > margin) return t;
    return this.fresh(vendor);
  }

  async fresh(vendor) {
    const t = vendor === "segura" ? await this.segura() : await this.appgate();
    this.held[vendor] = t;
    return t;
  }

  seguraForm() {
    return new URLSearchParams({ grant_type: "client_credentials", client_id: this.client.value, client_secret: this.secret.value });
  }

  async segura() {
    const resp = await fetch("/iso/oauth2/token", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json" },
      body: this.seguraForm(),
      cache: "no-store",
    });
    const body = await jsonOf(resp);
    if (!resp.ok || !body || !body.access_token) throw new Error(`the token route answered ${resp.status}: ${vendorMessage(body)}`);
    return { value: body.access_token, expires: Date.now() + (body.expires_in || 0) * 1000 };
  }

  loginBody() {
    const [provider, ...rest] = this.user.value.split("/");
    return { providerName: provider, username: rest.join("/"), password: this.password.value, deviceId: consoleDevice };
  }

  async appgate() {
    const resp = await fetch("/admin/login", {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: this.accept() },
      body: JSON.stringify(this.loginBody()),
      cache: "no-store",
    });
    const body = await jsonOf(resp);
    if (!resp.ok || !body || !body.token) throw new Error(`login answered ${resp.status}: ${vendorMessage(body)}`);
    // "expires" is on the mock's clock, which need not be this one: the
    // lifetime is what counts.
    return { value: body.token, expires: Date.now() + (this.ttl || 3600000) };
  }

  // tokenCurl is the vendor's own sign-in, as a curl command.
  tokenCurl(vendor) {
    const o = location.origin;
    if (vendor === "segura") {
      const f = this.seguraForm();
      return `curl -sS ${q(o + "/iso/oauth2/token")} -d grant_type=client_credentials -d ${q("client_id=" + f.get("client_id"))} -d ${q("client_secret=" + f.get("client_secret"))}`;
    }
    return `curl -sS ${q(o + "/admin/login")} -H ${q("Accept: " + this.accept())} -H 'Content-Type: application/json' -d ${q(JSON.stringify(this.loginBody()))}`;
  }
}

// q quotes a word for a POSIX shell.
export function q(s) {
  return "'" + String(s).replaceAll("'", "'\\''") + "'";
}

async function jsonOf(resp) {
  try {
    return await resp.json();
  } catch {
    return null;
  }
}

function vendorMessage(body) {
  if (!body) return "no JSON body";
  return body.message || body.error_description || body.error || (body.response && body.response.message) || JSON.stringify(body);
}
