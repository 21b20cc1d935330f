// The faults view: the rules in the order they apply, one-click presets,
// a form for any rule, and enable, disable and delete. A "faults" event
// from the stream (a change by anyone, through the API or in process)
// reads the rules again.

import { $, h, clear, show, debounce } from "./dom.js";

// Each preset is a rule the admin API takes as it is.
const presets = [
  { label: "Every 3rd request answers 500", rule: () => ({ name: "every 3rd request answers 500", when: { every: 3 }, action: { status: 500 } }) },
  { label: "2 s latency", rule: () => ({ name: "2 s latency", action: { latency: "2s" } }) },
  { label: "Time-out on session-info", rule: () => ({ name: "time-out on session-info", match: { route: "session-info" }, action: { fault: "timeout" } }) },
  {
    label: "401 for one client",
    rule: () => {
      const client = $("#preset-client").value;
      return { name: "401 for " + client, match: { client }, action: { status: 401 } };
    },
  },
  { label: "10% answer 503", rule: () => ({ name: "10% answer 503", when: { probability: 0.1 }, action: { status: 503 } }) },
];

export class FaultsView {
  constructor(app) {
    this.app = app;
    this.rules = [];
    this.tbody = $("#faults-table").tBodies[0];
    this.badge = $("#faults-badge");
    this.reload = debounce(() => this.load(), 100);

    const box = $("#presets");
    for (const p of presets) {
      box.append(h("button", { type: "button", "data-preset": p.label, text: p.label, onclick: () => this.add(p.rule(), p.label) }));
    }
    $("#faults-clear").addEventListener("click", () => this.clearAll());
    $("#rule-form").addEventListener("submit", (e) => {
      e.preventDefault();
      this.submitForm();
    });
    $("#rule-raw").addEventListener("submit", (e) => {
      e.preventDefault();
      this.submitRaw();
    });
    $("#f-vendor").addEventListener("change", () => this.offerRoutes());
  }

  configure(names, config) {
    this.names = names;
    const vendor = $("#f-vendor");
    for (const v of names.vendors) vendor.append(h("option", { value: v.name, text: v.name }));
    this.offerRoutes();
    const fault = $("#f-fault");
    for (const k of names.faults) fault.append(h("option", { value: k, text: k }));
    const client = clear($("#preset-client"));
    for (const c of config.segura_clients || []) client.append(h("option", { value: c.id, text: c.id + " (Segura)" }));
    for (const u of config.appgate_users || []) client.append(h("option", { value: u.username, text: u.username + " (Appgate)" }));
  }

  offerRoutes() {
    const route = $("#f-route");
    const keep = route.value;
    clear(route).append(h("option", { value: "", text: "any" }));
    const v = $("#f-vendor").value;
    for (const vn of this.names.vendors) {
      if (v && vn.name !== v) continue;
      route.append(h("optgroup", { label: vn.name }, vn.routes.map((r) => h("option", { value: r, text: r }))));
    }
    route.value = [...route.options].some((o) => o.value === keep) ? keep : "";
  }

  show() {
    this.load();
  }

  async load() {
    let body;
    try {
      body = await this.app.api.get("/faults");
    } catch (e) {
      this.app.notify(e.message);
      return;
    }
    this.rules = body.rules || [];
    this.render();
  }

  render() {
    clear(this.tbody);
    for (const r of this.rules) this.tbody.append(this.row(r));
    $("#faults-empty").hidden = this.rules.length > 0;
    const active = this.rules.filter((r) => !r.disabled).length;
    this.badge.textContent = String(active);
    this.badge.hidden = active === 0;
  }

  row(r) {
    const toggle = h("button", {
      type: "button",
      class: "quiet",
      text: r.disabled ? "Enable" : "Disable",
      "aria-label": (r.disabled ? "Enable" : "Disable") + " rule " + r.id,
      onclick: () => this.setDisabled(r.id, !r.disabled),
    });
    const del = h("button", { type: "button", class: "quiet", text: "Delete", "aria-label": "Delete rule " + r.id, onclick: () => this.remove(r.id) });
    return h(
      "tr",
      { "data-id": r.id, class: r.disabled ? "rule-off" : "" },
      h("td", {}, h("code", { text: r.id }), r.name ? h("div", { class: "small muted", text: r.name }) : null),
      h("td", { text: matchText(r.match || {}) }),
      h("td", { text: whenText(r.when || {}) }),
      h("td", { text: actionText(r.action || {}) }),
      h("td", {}, h("span", { class: "state " + (r.disabled ? "off" : "on"), text: r.disabled ? "disabled" : "active" })),
      h("td", {}, h("div", { class: "buttons" }, toggle, del)),
    );
  }

  async add(rule, what, raw) {
    try {
      const body = raw
        ? await this.app.api.post("/faults", raw.text, { contentType: raw.type })
        : await this.app.api.post("/faults", rule);
      const ids = body.rules.map((r) => r.id).join(", ");
      this.app.announce(`${what}: added as ${ids}.`);
      this.reload();
      return "";
    } catch (e) {
      if (!raw && !what.startsWith("Rule")) this.app.notify(e.message);
      return e.message;
    }
  }

  async setDisabled(id, disabled) {
    try {
      await this.app.api.patch("/faults/" + encodeURIComponent(id), { disabled });
      this.app.announce(`Rule ${id} ${disabled ? "disabled" : "enabled"}.`);
    } catch (e) {
      this.app.notify(e.message);
    }
    this.reload();
  }

  async remove(id) {
    try {
      await this.app.api.del("/faults/" + encodeURIComponent(id));
      this.app.announce(`Rule ${id} deleted.`);
    } catch (e) {
      this.app.notify(e.message);
    }
    this.reload();
  }

  async clearAll() {
    if (this.rules.length && !confirm(`Remove all ${this.rules.length} rules?`)) return;
    try {
      await this.app.api.del("/faults");
      this.app.announce("Every rule removed.");
    } catch (e) {
      this.app.notify(e.message);
    }
    this.reload();
  }

  async submitForm() {
    const err = $("#rule-form-error");
    let rule;
    try {
      rule = ruleFromForm($("#rule-form"));
    } catch (e) {
      show(err, e.message);
      return;
    }
    show(err, await this.add(rule, "Rule"));
  }

  async submitRaw() {
    const text = $("#rule-raw-text").value.trim();
    const err = $("#rule-raw-error");
    if (!text) {
      show(err, "Paste a rule first.");
      return;
    }
    const type = text.startsWith("{") || text.startsWith("[") ? "application/json" : "application/yaml";
    const msg = await this.add(null, "Rules", { text, type });
    show(err, msg);
    if (!msg) $("#rule-raw-text").value = "";
  }
}

// ruleFromForm turns the form into a rule, leaving out what is empty; the
// mock checks the rest and names what is wrong.
function ruleFromForm(form) {
  const rule = { match: {}, when: {}, action: {} };
  const ints = new Set(["when.every", "when.first", "when.after", "action.status", "action.bandwidth"]);
  for (const el of form.elements) {
    if (!el.name) continue;
    if (el.type === "checkbox") {
      if (el.checked) rule[el.name] = true;
      continue;
    }
    const v = el.value.trim();
    if (!v) continue;
    const [section, field] = el.name.includes(".") ? el.name.split(".") : [null, el.name];
    let value = v;
    if (ints.has(el.name)) {
      if (!/^\d+$/.test(v)) throw new Error(`${el.name}: ${JSON.stringify(v)} is not a whole number`);
      value = Number(v);
    } else if (el.name === "when.probability") {
      value = Number(v);
      if (!Number.isFinite(value)) throw new Error(`when.probability: ${JSON.stringify(v)} is not a number`);
    } else if (el.name === "match.headers") {
      value = {};
      for (const line of v.split("\n")) {
        if (!line.trim()) continue;
        const i = line.indexOf(":");
        if (i <= 0) throw new Error(`match.headers: write each header as "Name: value", got ${JSON.stringify(line)}`);
        value[line.slice(0, i).trim()] = line.slice(i + 1).trim();
      }
    }
    if (section) rule[section][field] = value;
    else rule[field] = value;
  }
  return rule;
}

function matchText(m) {
  const parts = [];
  if (m.vendor) parts.push(m.vendor);
  if (m.route) parts.push(m.route);
  if (m.method) parts.push(m.method);
  if (m.path) parts.push("path " + m.path);
  if (m.dn) parts.push("DN " + m.dn);
  if (m.client) parts.push("client " + m.client);
  for (const [k, v] of Object.entries(m.headers || {})) parts.push(v === "*" ? `with ${k}` : `${k}: ${v}`);
  return parts.length ? parts.join(", ") : "every request";
}

function whenText(w) {
  const parts = [];
  if (w.every) parts.push(`every ${ordinal(w.every)}`);
  if (w.first) parts.push(`the first ${w.first}`);
  if (w.after) parts.push(`after ${w.after}`);
  if (w.probability !== undefined) parts.push(`${+(w.probability * 100).toFixed(2)}%`);
  return parts.length ? parts.join(", ") : "always";
}

function actionText(a) {
  const parts = [];
  if (a.status) parts.push("answers " + a.status + (a.message ? ` “${a.message}”` : ""));
  if (a.fault) parts.push(a.fault + (a.hold ? " for " + a.hold : "") + (a.message ? ` “${a.message}”` : ""));
  if (a.latency) parts.push("+" + a.latency + " latency");
  if (a.bandwidth) parts.push(`at most ${a.bandwidth} B/s`);
  return parts.join(", ");
}

function ordinal(n) {
  if (n === 1) return "request";
  const s = n % 100 >= 11 && n % 100 <= 13 ? "th" : ["th", "st", "nd", "rd"][n % 10] || "th";
  return `${n}${s}`;
}
