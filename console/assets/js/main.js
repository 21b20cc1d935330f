// The console's start: the admin token, the views and their addresses
// (#sessions, #requests, #faults, #clock, each with its own settings after
// a "?"), and the one event stream they share.

import { $, $$, show } from "./dom.js";
import { API } from "./api.js";
import { Events } from "./stream.js";
import { Tokens } from "./tokens.js";
import { SessionsView } from "./sessions.js";
import { RequestsView } from "./requests.js";
import { FaultsView } from "./faults.js";
import { ClockView } from "./clock.js";

const viewNames = ["sessions", "requests", "faults", "clock"];

class App {
  constructor() {
    this.api = new API();
    this.api.askToken = (msg) => this.askToken(msg);
    this.pendingToken = null;
    this.current = null;
    this.params = {};
    this.live = $("#live");
  }

  async start() {
    this.setupTokenDialog();
    let health = null;
    try {
      health = await this.api.get("/health");
    } catch (e) {
      this.notify("The mock does not answer: " + e.message);
    }
    if (health) $("#seed").textContent = `seed ${health.seed} · ${location.host}`;
    const [config, names] = await Promise.all([this.api.get("/config"), this.api.get("/names")]);
    $("#token-button").hidden = !config.admin_token;
    this.tokens = new Tokens(this);
    this.tokens.configure(config);
    this.views = {
      sessions: new SessionsView(this),
      requests: new RequestsView(this),
      faults: new FaultsView(this),
      clock: new ClockView(this),
    };
    this.views.requests.configure(names);
    this.views.faults.configure(names, config);

    this.events = new Events(this.api, {
      onHello: (v) => {
        this.views.requests.hello(v);
        this.views.faults.reload();
      },
      onEvent: (name, v) => {
        if (name === "request") this.views.requests.added(v);
        else if (name === "cleared") this.views.requests.cleared();
        else if (name === "faults") this.views.faults.reload();
        else if (name === "world") this.worldRestarted();
      },
      onState: (on) => {
        this.live.dataset.state = on ? "on" : "off";
        this.live.textContent = on ? "live" : "reconnecting…";
      },
    });
    this.events.start();

    window.addEventListener("hashchange", () => this.route());
    document.addEventListener("keydown", (e) => this.key(e));
    this.route();
    document.documentElement.dataset.ready = "true";
  }

  // route shows the view the address names: "#faults", "#sessions?q=alice".
  route() {
    const raw = location.hash.replace(/^#/, "");
    const [name, query] = raw.split("?", 2);
    const view = viewNames.includes(name) ? name : "sessions";
    const params = new URLSearchParams(query || "");
    if (this.current && this.current !== view && this.views[this.current].hide) this.views[this.current].hide();
    for (const n of viewNames) $("#view-" + n).hidden = n !== view;
    for (const a of $$("nav.views a")) {
      if (a.dataset.view === view) a.setAttribute("aria-current", "page");
      else a.removeAttribute("aria-current");
    }
    const changed = this.current !== view;
    if (changed) $("#status-line").textContent = "";
    this.current = view;
    document.title = `${view[0].toUpperCase()}${view.slice(1)} · sessionmock console`;
    this.views[view].show(params);
    if (changed && raw) $("#main").focus({ preventScroll: true });
  }

  // worldRestarted follows a reload that restarted the world on a new
  // clock or timeline: the clock and the sessions are read again.
  worldRestarted() {
    if (this.current === "clock") this.views.clock.load();
    if (this.current === "sessions") this.views.sessions.restart();
    this.announce("The configuration was reloaded: the world restarted on a new clock.");
  }

  // setParams records a view's settings in the address, so that a link or
  // a reload opens the view as it is.
  setParams(view, params) {
    if (this.current !== view) return;
    const s = params.toString();
    history.replaceState(null, "", "#" + view + (s ? "?" + s : ""));
  }

  key(e) {
    if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey) return;
    const t = e.target;
    if (t instanceof HTMLInputElement || t instanceof HTMLTextAreaElement || t instanceof HTMLSelectElement) return;
    const v = this.views[this.current];
    if (v && v.searchInput) {
      e.preventDefault();
      v.searchInput().focus();
    }
  }

  setupTokenDialog() {
    const dialog = $("#token-dialog");
    $("#token-form").addEventListener("submit", (e) => {
      e.preventDefault();
      const t = $("#token-input").value.trim();
      if (!t) return;
      this.api.setToken(t);
      dialog.close();
      if (this.pendingToken) this.pendingToken.resolve();
      this.pendingToken = null;
    });
    dialog.addEventListener("cancel", (e) => e.preventDefault()); // nothing works without it
    $("#token-button").addEventListener("click", () => this.askToken(""));
  }

  // askToken shows the token dialog once for all callers waiting on it.
  askToken(msg) {
    if (!this.pendingToken) {
      let resolve;
      const p = new Promise((r) => (resolve = r));
      this.pendingToken = { promise: p, resolve };
      show($("#token-error"), msg);
      $("#token-input").value = "";
      $("#token-dialog").showModal();
      $("#token-button").hidden = false;
    }
    return this.pendingToken.promise;
  }

  // notify shows a problem until the next one; announce tells screen
  // readers (and the page's status line) what just happened.
  notify(msg) {
    show($("#notice"), msg);
  }

  announce(msg) {
    show($("#notice"), "");
    $("#status-line").textContent = msg;
  }
}

new App().start().catch((e) => {
  show($("#notice"), "The console could not start: " + e.message);
});
