import { h, replace } from './dom.js';
import { canChange } from './api.js';

export function toast(text, error = false) {
  const el = h('div', { class: 'toast' + (error ? ' error' : ''), role: error ? 'alert' : 'status', 'data-testid': 'toast' }, text);
  document.getElementById('toasts').append(el);
  setTimeout(() => el.remove(), error ? 9000 : 5000);
}

export const fail = e => toast(e.message || String(e), true);

/** Asks before a change; resolves true on OK. */
export function confirmAction(title, text, okLabel = 'OK') {
  const dialog = document.getElementById('confirm');
  replace(document.getElementById('confirm-title'), title);
  replace(document.getElementById('confirm-text'), text);
  replace(document.getElementById('confirm-ok'), okLabel);
  dialog.returnValue = '';
  dialog.showModal();
  return new Promise(resolve => dialog.addEventListener('close', () => resolve(dialog.returnValue === 'ok'), { once: true }));
}

export function card(label, value, testid, alert = false) {
  return h('div', { class: 'card' + (alert ? ' alert' : '') }, h('div', { class: 'label' }, label),
    h('div', { class: 'value', 'data-testid': testid }, value));
}

export function typeBadge(type) {
  return h('span', { class: 'badge' + (type === 'topic' ? ' topic' : '') }, type);
}

export function button(label, onclick, opts = {}) {
  return h('button', { class: 'btn ' + (opts.kind || ''), type: 'button', onclick, 'data-testid': opts.testid, title: opts.title, disabled: opts.disabled });
}

/** A button for a change: shown only to cairn-admin. */
export function action(label, onclick, opts = {}) {
  if (!canChange()) return null;
  const b = button(label, onclick, opts);
  b.append(label);
  return b;
}

export function plainButton(label, onclick, opts = {}) {
  const b = button(label, onclick, opts);
  b.append(label);
  return b;
}

export function pageHead(crumbs, title, ...right) {
  return h('div', { class: 'page-head' },
    h('div', {}, crumbs ? h('div', { class: 'crumbs' }, crumbs) : null, h('h1', { 'data-testid': 'page-title' }, title)),
    h('div', { class: 'row' }, right));
}

export function field(label, input) {
  return h('label', { class: 'field' }, label, input);
}

/** Runs fn every interval while the page shows; the router calls the returned stop function. */
export function every(ms, fn) {
  let stopped = false;
  let timer;
  const tick = async () => {
    try { await fn(); } catch (e) { /* shown by the next successful refresh or an explicit action */ }
    if (!stopped) timer = setTimeout(tick, ms);
  };
  tick();
  return () => { stopped = true; clearTimeout(timer); };
}
