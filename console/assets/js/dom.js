// Small helpers to build the page from data without ever parsing data as
// HTML.

// h builds an element: h("td", {class: "num"}, "42", otherNode).
export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(props || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === "class") el.className = v;
    else if (k === "text") el.textContent = v;
    else if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else if (k in el && typeof v !== "string") el[k] = v;
    else el.setAttribute(k, v === true ? "" : v);
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c === undefined || c === null || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else el.append(c instanceof Node ? c : String(c));
  }
}

export const $ = (sel, root = document) => root.querySelector(sel);
export const $$ = (sel, root = document) => [...root.querySelectorAll(sel)];

export function clear(el) {
  el.replaceChildren();
  return el;
}

// show sets a message in a role=alert element, or hides it for "".
export function show(el, msg) {
  el.textContent = msg || "";
  el.hidden = !msg;
}

export function debounce(fn, ms) {
  let t;
  return (...args) => {
    clearTimeout(t);
    t = setTimeout(() => fn(...args), ms);
  };
}

export function pretty(v) {
  return JSON.stringify(v, null, 2);
}

// facts renders [label, value] pairs as a definition list.
export function facts(pairs) {
  return h("dl", { class: "facts" }, pairs.flatMap(([k, v]) => [h("dt", { text: k }), h("dd", {}, v)]));
}

export const fmtInt = (n) => Number(n).toLocaleString("en-US");

// copyText puts text on the clipboard: the asynchronous clipboard where
// the page is a secure context (localhost, https), a selected text area
// elsewhere.
export async function copyText(text) {
  if (navigator.clipboard && window.isSecureContext) {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch {
      // fall through: permission refused, or a headless browser
    }
  }
  const ta = h("textarea", { class: "sr", readonly: true });
  ta.value = text;
  document.body.append(ta);
  ta.select();
  let ok = false;
  try {
    ok = document.execCommand("copy");
  } catch {
    ok = false;
  }
  ta.remove();
  return ok;
}
