"""Unsaved input is a property of the page, not of each widget. A small component in the room bar (one per
page) watches the page in the browser: every text, number and text-area field of the page that someone typed
into and has not sent (a form not yet submitted, a field not yet left) is a draft, kept in the tab's
sessionStorage by page and widget key and put back when the field comes back (a page change, a rerun, a
reload); it tells the server whether the page holds such input. What the server holds unsaved (edited table
cells, typed texts waiting for "Save") it hands to the component to keep across a reload, and takes back after
one. `unsaved()` answers for the page: the room never moves or reruns a page under it (ui/push.py)."""

from __future__ import annotations

import json
from typing import Any

import streamlit as st

from cvm_core import settings as s
from db.services import Actor
from ui import frame, state, steps, table

KEY = "cvm_bar"  # the room bar's component holds the keeper (ui/push.py): its state says what is unsaved
DISCARD = "_drafts_discard"  # {"page": key, "n": count}: the browser forgets that page's drafts
RESTORED = "_drafts_restored"  # the session whose kept drafts were taken back (once per session)

KEEPER_JS = """
const STORE = "cvm-drafts";
const MAIN = '[data-testid="stMain"]';
const FIELDS = '[data-testid="stTextInput"] input, [data-testid="stTextArea"] textarea, [data-testid="stNumberInput"] input';
const REVEAL_MS = 8000;  // after arriving on a page, the tabs and folded boxes of its drafts are opened this long
const SUBMIT_MS = 4000;  // a submitted form still showing its text this long after was not saved
const REPORT_MS = 700;  // typing paused this long: the server is told the page holds unsaved input
const ACT_MS = 1500;  // a click or key press puts off telling it this long (its own run goes first)

function makeKeeper() {
  let ctx = null, revealUntil = 0, timer = null, reporting = null;
  const bases = new WeakMap();  // a field -> its value before the person typed
  const loose = new Set();  // typed-in fields without a key: they count, but cannot be put back
  const clicked = new Map();  // reveal clicks, at most one per target every 2 s

  const load = () => { try { return JSON.parse(sessionStorage.getItem(STORE)) || {}; } catch (e) { return {}; } };
  const save = (all) => { try { sessionStorage.setItem(STORE, JSON.stringify(all)); } catch (e) { /* full */ } };
  const boxOf = (all) => (all[ctx.scope] = all[ctx.scope] || { session: null, held: {}, pages: {}, discarded: null });
  const draftsOf = (all, page) => { const box = boxOf(all); return (box.pages[page] = box.pages[page] || {}); };

  const keyIn = (el) => {
    const name = el && [...el.classList].find((c) => c.startsWith("st-key-"));
    return name ? name.slice(7) : null;
  };
  const isField = (el) => el instanceof Element && el.matches(FIELDS) && el.type !== "password" && !!el.closest(MAIN);
  const fieldKey = (el) => keyIn(el.closest('[data-testid="stElementContainer"]'));
  const formOf = (el) => el.closest('[data-testid="stForm"]');
  const fieldOf = (key) => {
    const box = document.querySelector(`${MAIN} .st-key-${CSS.escape(key)}`);
    return box ? box.querySelector(FIELDS) : null;
  };
  // How to show a field again: the tabs to select and the folded boxes to open, outermost first.
  const path = (el) => {
    const steps = [];
    for (let e = el.parentElement; e && !e.matches(MAIN); e = e.parentElement) {
      if (e.getAttribute("role") === "tabpanel") {
        const tabs = e.closest('[data-testid="stTabs"]');
        const tab = document.getElementById(e.getAttribute("aria-labelledby") || "");
        if (tabs && keyIn(tabs) && tab) steps.unshift({ tabs: keyIn(tabs), tab: tab.getAttribute("data-key") });
      } else if (e.matches('[data-testid="stExpander"]') && keyIn(e.parentElement)) {
        steps.unshift({ expander: keyIn(e.parentElement) });
      }
    }
    return steps;
  };
  const setValue = (el, value) => {
    const proto = el.tagName === "TEXTAREA" ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
    Object.getOwnPropertyDescriptor(proto, "value").set.call(el, value);
    el.dispatchEvent(new Event("input", { bubbles: true }));
  };
  const once = (id, act) => {
    if (Date.now() - (clicked.get(id) || 0) < 2000) return;
    clicked.set(id, Date.now());
    act();
  };
  const openFolds = (el) => {
    for (let d = el.closest("details"); d; d = d.parentElement && d.parentElement.closest("details")) {
      if (!d.open) { const summary = d.querySelector("summary"); if (summary) summary.click(); }
    }
  };
  const reveal = (steps) => {
    for (const step of steps || []) {
      if (step.tabs) {
        const tabs = document.querySelector(`${MAIN} .st-key-${CSS.escape(step.tabs)}`);
        const tab = tabs && tabs.querySelector(`[data-testid="stTab"][data-key="${step.tab}"]`);
        if (!tab) return;
        if (tab.getAttribute("aria-selected") !== "true") return once(tab.id, () => tab.click());
      } else {
        const box = document.querySelector(`${MAIN} .st-key-${CSS.escape(step.expander)} details`);
        if (!box) return;
        if (!box.open) return once(step.expander, () => box.querySelector("summary").click());
      }
    }
  };

  const unsaved = () => {
    const mine = draftsOf(load(), ctx.page);
    for (const el of [...loose]) if (!el.isConnected) loose.delete(el);
    return loose.size > 0 || Object.values(mine).some((d) => !d.sent);
  };
  const report = () => {
    clearTimeout(reporting);
    reporting = null;
    if (!ctx) return;
    const value = unsaved() ? { page: ctx.page, unsaved: true } : { unsaved: false };
    if (JSON.stringify(value) === JSON.stringify(ctx.known)) return;
    ctx.known = value;
    ctx.set("unsaved", value);
  };

  // Put drafts back into their fields (and, just after arriving, open the way to them).
  const restore = () => {
    if (!ctx) return;
    const all = load(), mine = draftsOf(all, ctx.page);
    let changed = false;
    for (const [key, d] of Object.entries(mine)) {
      const el = fieldOf(key);
      if (d.sent) {
        if (!el || el.value !== d.v) { delete mine[key]; changed = true; }  // the form took it
        else if (Date.now() - d.sent > SUBMIT_MS) { delete d.sent; changed = true; }  // refused: a draft again
        continue;
      }
      if (!el) { if (Date.now() < revealUntil) reveal(d.p); continue; }
      if (el === document.activeElement || el.value === d.v) continue;
      bases.set(el, d.b);
      setValue(el, d.v);
      if (Date.now() < revealUntil) openFolds(el);
    }
    if (changed) save(all);
    report();
  };
  const later = () => { clearTimeout(timer); timer = setTimeout(restore, 120); };
  // Telling the server reruns the room bar: while typing, once the person pauses, and never just as they
  // click or press a key (their button or submit starts a run; a run of ours begun then could swallow it).
  const soon = (ms) => { clearTimeout(reporting); reporting = setTimeout(report, ms); };
  const acting = () => { if (reporting) soon(ACT_MS); };

  const typed = (el) => {
    if (!ctx) return;
    const key = fieldKey(el), base = bases.has(el) ? bases.get(el) : "";
    if (!key) { el.value === base ? loose.delete(el) : loose.add(el); return soon(REPORT_MS); }
    const all = load(), mine = draftsOf(all, ctx.page);
    if (el.value === base) delete mine[key];
    else mine[key] = { v: el.value, b: base, p: path(el) };
    save(all);
    soon(REPORT_MS);
  };
  const done = (fields, submitted) => {
    if (!ctx) return;
    const all = load(), mine = draftsOf(all, ctx.page);
    for (const el of fields) {
      const key = fieldKey(el);
      loose.delete(el);
      bases.delete(el);
      if (key && mine[key]) { if (submitted) mine[key].sent = Date.now(); else delete mine[key]; }
    }
    save(all);
    // No report now: leaving a field or submitting a form reruns the page, and the keeper reports when that
    // run mounts it. A component value set now would start a run of its own racing that one, and the click
    // that left the field (a button's) could be lost.
    if (submitted) setTimeout(restore, SUBMIT_MS + 200);
  };
  const submit = (form) => form && done([...form.querySelectorAll(FIELDS)], true);

  document.addEventListener("beforeinput", (e) => { if (isField(e.target) && !bases.has(e.target)) bases.set(e.target, e.target.value); }, true);
  document.addEventListener("input", (e) => { if (e.isTrusted && isField(e.target)) typed(e.target); }, true);
  // Outside a form a field is sent when it is left or Enter is pressed: the server has it then.
  document.addEventListener("focusout", (e) => { if (isField(e.target) && !formOf(e.target)) done([e.target], false); }, true);
  document.addEventListener("keydown", (e) => {
    if (e.key !== "Enter" || !isField(e.target)) return;
    if (e.target.tagName === "TEXTAREA" && !(e.metaKey || e.ctrlKey)) return;
    const form = formOf(e.target);
    form ? submit(form) : done([e.target], false);
  }, true);
  // The person's own clicks and keys end the opening of tabs and boxes after arriving: they lead now.
  const leads = (e) => { if (e.isTrusted) { revealUntil = 0; acting(); } };
  document.addEventListener("pointerdown", leads, true);
  document.addEventListener("keydown", leads, true);
  document.addEventListener("click", (e) => {
    const button = e.target instanceof Element && e.target.closest('[data-testid="stFormSubmitButton"] button');
    if (button) submit(formOf(button));
  }, true);
  // Fields come back with new elements (a page, a tab, a rerun): look then, not on every ticking clock.
  const grown = (changes) => changes.some((c) => [...c.addedNodes].some((n) => n.nodeType === 1));
  new MutationObserver((changes) => { if (grown(changes)) later(); }).observe(document.body, { childList: true, subtree: true });

  return {
    attach(data, set) {
      const arriving = !ctx || ctx.page !== data.page || ctx.scope !== data.scope;
      const mine = { scope: data.scope, page: data.page, set, known: data.known || { unsaved: false } };
      ctx = mine;
      if (arriving) revealUntil = Date.now() + REVEAL_MS;
      const all = load(), box = boxOf(all);
      if (data.discard && JSON.stringify(data.discard) !== JSON.stringify(box.discarded)) {
        box.discarded = data.discard;
        const gone = box.pages[data.discard.page] || {};
        delete box.pages[data.discard.page];
        if (data.discard.page === ctx.page) {
          for (const [key, d] of Object.entries(gone)) { const el = fieldOf(key); if (el) { bases.delete(el); setValue(el, d.b); } }
          for (const el of loose) { if (bases.has(el)) setValue(el, bases.get(el)); bases.delete(el); }
          loose.clear();
        }
      }
      // What the server holds unsaved: kept here; a new server session (a reload) gets it back once.
      if (box.session === data.session || !Object.keys(box.held).length || box.offered === data.session) {
        box.session = data.session;
        box.held = data.held || {};
      } else {
        box.offered = data.session;
        set("restore", { session: data.session, held: box.held });
      }
      save(all);
      restore();
      return () => { if (ctx === mine) ctx = null; };
    },
  };
}
"""


def held() -> dict[str, dict[str, Any]]:
    """What this session holds unsaved, across pages: edited tables and typed texts, each with its page."""
    found: dict[str, dict[str, Any]] = {}
    for key, page in table.tables().items():
        if table.pending(key):
            found[f"table:{key}"] = {"page": page, "data": table.draft(key)}
    for key, page in steps.texts().items():
        typed = steps.text_draft(key)
        if typed is not None:
            found[f"text:{key}"] = {"page": page, "data": typed}
    return found


def _browser() -> dict[str, Any]:
    value = st.session_state.get(KEY)
    unsaved = value.get("unsaved") if isinstance(value, dict) or hasattr(value, "get") else None
    return dict(unsaved) if isinstance(unsaved, dict) else {"unsaved": False}


def unsaved(page: str | None = None) -> bool:
    """Whether the page (by default the one this run draws) holds input its person has not saved: typed in
    the browser and not sent, edited table cells or typed texts."""
    page = page or st.session_state.get(frame.CURRENT)
    browser = _browser()
    if browser.get("unsaved") and browser.get("page") == page:
        return True
    return any(item["page"] == page for item in held().values())


def keep() -> None:
    """Keep what Streamlit would forget when a run does not draw a widget (typed texts)."""
    steps.keep_texts()


def keeper_data(actor: Actor, page: str) -> dict[str, Any]:
    """What the page's keeper (in the room bar's component, ui/push.py) is told on each run of the bar: what
    the server holds unsaved, what the browser last said, and what to forget."""
    held_now = held()
    return {
        "scope": f"{actor.workshop_id}:{actor.participant_id}",
        "page": page,
        "session": state.session_key(),
        "held": held_now if len(json.dumps(held_now, default=str)) <= s.DRAFTS_KEPT_MAX else {},
        "known": _browser(),
        "discard": st.session_state.get(DISCARD),
    }


def received(result: Any) -> None:
    """After a reload, take back once what the browser kept from this person's earlier session (the keeper's
    `restore` value), and rerun with it."""
    given = getattr(result, "restore", None)
    if isinstance(given, dict) and given.get("session") == state.session_key() and RESTORED not in st.session_state:
        st.session_state[RESTORED] = True
        if _take_back(given.get("held")):
            st.rerun()


def _take_back(kept: Any) -> bool:
    """The drafts the browser kept from an earlier session of this person (after a reload); whether any
    was taken. Each must have the shape this module gave it: the services validate the values on save."""
    if not isinstance(kept, dict):
        return False
    taken = False
    for name, item in kept.items():
        kind, _, key = str(name).partition(":")
        page, data = (item.get("page"), item.get("data")) if isinstance(item, dict) else (None, None)
        if not isinstance(page, str | None) or not key or not isinstance(data, dict):
            continue
        if kind == "table" and _table_shape(data) and not table.pending(key):
            table.restore(key, page, data)
            taken = True
        elif kind == "text" and _text_shape(data) and steps.text_draft(key) is None:
            steps.restore_text(key, page, data)
            taken = True
    return taken


def _table_shape(data: dict[str, Any]) -> bool:
    edited, added, deleted = data.get("edited"), data.get("added"), data.get("deleted")
    return (
        isinstance(edited, dict)
        and all(
            str(k).isdigit() and isinstance(e, dict) and isinstance(e.get("changes"), dict) for k, e in edited.items()
        )
        and isinstance(added, list)
        and all(isinstance(a, dict) for a in added)
        and isinstance(deleted, list)
        and all(isinstance(i, int) for i in deleted)
    )


def _text_shape(data: dict[str, Any]) -> bool:
    return (
        isinstance(data.get("value"), str)
        and isinstance(data.get("base"), str)
        and isinstance(data.get("version"), int)
    )


def discard(page: str) -> None:
    """Drop every unsaved input of `page`: the server's now, the browser's at its keeper's next run."""
    for key, where in table.tables().items():
        if where == page:
            table.discard(key)
    for key, where in steps.texts().items():
        if where == page:
            steps.discard_text(key)
    count = (st.session_state.get(DISCARD) or {}).get("n", 0)
    st.session_state[DISCARD] = {"page": page, "n": count + 1}
