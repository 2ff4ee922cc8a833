import { h, replace } from '../dom.js';
import { get, post, canChange } from '../api.js';
import { age, enc, bytes } from '../format.js';
import { action, plainButton, field, toast, fail, confirmAction } from '../ui.js';

export const ORIGIN = 'CairnOriginalDestination';
export const REASON = 'CairnDeadLetterReason';
export const ATTEMPTS = 'CairnDeliveryAttempts';

const PAGE = 50;

/**
 * A queue's messages: search (selector, body text, deliveries, age), a page at a time, and the repairs on
 * the selected messages or on all that match. deadLetter shows why each message died.
 */
export function messageBrowser(queue, { deadLetter = false, onChange = () => {} } = {}) {
  let filter = {};
  let after = null;
  const history = [];
  let page = { messages: [], next: null };
  const selected = new Set();

  const selector = h('input', { placeholder: "e.g. JMSPriority > 4 AND region = 'eu'", 'data-testid': 'filter-selector' });
  const body = h('input', { placeholder: 'text in the body', 'data-testid': 'filter-body' });
  const minDeliveries = h('input', { type: 'number', min: 0, placeholder: '0', 'data-testid': 'filter-deliveries' });
  const olderThan = h('input', { type: 'number', min: 0, placeholder: '0', 'data-testid': 'filter-age' });
  const target = h('select', { 'aria-label': 'Target queue', 'data-testid': 'target-queue' });
  const tbody = h('tbody', { 'data-testid': 'messages' });
  const status = h('span', { class: 'muted', 'data-testid': 'page-status' });
  const prev = plainButton('← Previous', () => { after = history.pop() ?? null; load(); }, { kind: 'small' });
  const next = plainButton('Next →', () => { history.push(after); after = page.next; load(); }, { kind: 'small', testid: 'next-page' });
  const selectAll = h('input', { type: 'checkbox', 'aria-label': 'Select all on this page', onchange: e => {
    page.messages.forEach(m => (e.target.checked ? selected.add(m.handle) : selected.delete(m.handle)));
    render();
  } });

  const search = h('form', { class: 'form-grid', onsubmit: e => {
    e.preventDefault();
    filter = {
      selector: selector.value.trim() || undefined,
      body: body.value || undefined,
      minDeliveryCount: minDeliveries.value ? Number(minDeliveries.value) : undefined,
      olderThanSeconds: olderThan.value ? Number(olderThan.value) : undefined
    };
    after = null;
    history.length = 0;
    load();
  } },
  field('Selector (headers, properties)', selector), field('Body contains', body),
  field('Failed deliveries at least', minDeliveries), field('Older than (seconds)', olderThan),
  h('div', { class: 'row' }, h('button', { class: 'btn primary', type: 'submit', 'data-testid': 'search' }, 'Search'),
    plainButton('Clear', () => { [selector, body, minDeliveries, olderThan].forEach(i => (i.value = '')); search.requestSubmit(); })));

  const bulk = canChange() ? h('div', { class: 'toolbar' },
    h('b', { 'data-testid': 'selected-count' }, '0 selected'),
    action(deadLetter ? 'Retry selected' : 'Retry', () => run('retry', 'selected'), { kind: deadLetter ? 'primary' : '', testid: 'retry-selected', title: 'Send back to the original destination' }),
    action('Delete', () => run('delete', 'selected'), { kind: 'danger', testid: 'delete-selected' }),
    h('span', { class: 'muted' }, 'to'), target,
    action('Move', () => run('move', 'selected'), { testid: 'move-selected' }),
    action('Copy', () => run('copy', 'selected'), { testid: 'copy-selected' }),
    h('span', { class: 'spacer' }),
    h('span', { class: 'muted' }, 'All that match the search:'),
    action(deadLetter ? 'Retry all' : 'Retry all', () => run('retry', 'all'), { testid: 'retry-all' }),
    action('Move all', () => run('move', 'all'), { testid: 'move-all' }),
    action('Delete all', () => run('delete', 'all'), { kind: 'danger', testid: 'delete-all' })) : null;

  const headers = ['Message', 'Sent', 'Age', 'State', 'Failed', ...(deadLetter ? ['From', 'Why'] : []), 'Body'];
  const element = h('div', { class: 'panel flush', 'data-testid': 'message-browser' },
    h('h2', {}, deadLetter ? 'Dead messages' : 'Messages'),
    h('div', { class: 'toolbar' }, search), bulk,
    h('table', {}, h('thead', {}, h('tr', {}, canChange() ? h('th', {}, selectAll) : null, headers.map(t => h('th', {}, t)))), tbody),
    h('div', { class: 'pager' }, status, h('div', { class: 'row' }, prev, next, plainButton('Refresh', () => load(), { kind: 'small', testid: 'refresh-messages' }))));

  async function loadTargets() {
    const queues = (await get('destinations')).filter(d => d.type === 'queue' && !d.temporary && d.name !== queue);
    replace(target, queues.map(d => h('option', { value: d.name }, d.name)));
  }

  async function load() {
    const params = new URLSearchParams({ limit: PAGE });
    for (const [k, v] of Object.entries(filter)) if (v !== undefined) params.set(k, v);
    if (after) params.set('after', after);
    try {
      page = await get(`queues/${enc(queue)}/messages?${params}`);
      selected.clear();
      render();
    } catch (e) { fail(e); }
  }

  function render() {
    selectAll.checked = page.messages.length > 0 && page.messages.every(m => selected.has(m.handle));
    if (bulk) replace(bulk.querySelector('[data-testid=selected-count]'), `${selected.size} selected`);
    prev.disabled = history.length === 0 && !after;
    next.disabled = !page.next;
    replace(status, page.messages.length === 0 ? 'No messages' : `${page.messages.length} shown` + (page.next ? ', more on the next page' : ''));
    replace(tbody, page.messages.length === 0
      ? h('tr', {}, h('td', { colspan: headers.length + 1, class: 'empty' }, 'No messages match'))
      : page.messages.map(row));
  }

  function row(m) {
    const link = `#/d/queue/${enc(queue)}/m/${enc(m.handle)}`;
    const box = h('input', { type: 'checkbox', 'aria-label': 'Select ' + m.messageId, checked: selected.has(m.handle), 'data-testid': 'select',
      onclick: e => e.stopPropagation(),
      onchange: e => { e.target.checked ? selected.add(m.handle) : selected.delete(m.handle); render(); } });
    const props = m.properties || {};
    return h('tr', { class: 'clickable', 'data-testid': 'message-row', 'data-handle': m.handle, onclick: () => (location.hash = link) },
      canChange() ? h('td', {}, box) : null,
      h('td', {}, h('a', { href: link, class: 'mono', 'data-testid': 'message-link' }, m.messageId || m.handle)),
      h('td', { class: 'muted nowrap' }, new Date(m.timestamp).toLocaleTimeString()),
      h('td', { class: 'nowrap' }, age(Date.now() - m.timestamp)),
      h('td', {}, h('span', { class: 'badge' + (m.state === 'DELIVERING' ? ' warn' : '') }, m.state.toLowerCase())),
      h('td', { class: 'num' }, deadLetter && props[ATTEMPTS] !== undefined ? props[ATTEMPTS] : m.deliveryCount),
      deadLetter ? h('td', { 'data-testid': 'origin' }, props[ORIGIN] || '—') : null,
      deadLetter ? h('td', {}, h('span', { class: 'badge danger' }, reasonText(props[REASON]))) : null,
      h('td', { class: 'preview', 'data-testid': 'preview' }, m.preview !== null && m.preview !== undefined ? m.preview : `${m.bodyType.toLowerCase()}, ${bytes(m.bodySize)}`));
  }

  async function run(op, scope) {
    const needsTarget = op === 'move' || op === 'copy';
    if (needsTarget && !target.value) { toast('Choose a queue to ' + op + ' to', true); return; }
    if (scope === 'selected' && selected.size === 0) { toast('Select messages first', true); return; }
    const what = scope === 'selected' ? `${selected.size} selected message(s)` : 'every message that matches the search';
    const where = op === 'retry' ? ' back to where it failed' : needsTarget ? ` to ${target.value}` : '';
    if (!(await confirmAction(`${cap(op)} messages`, `${cap(op)} ${what}${where}?`, cap(op)))) return;
    const selection = scope === 'selected' ? { handles: [...selected] } : { filter };
    if (needsTarget) selection.to = target.value;
    try {
      const r = await post(`queues/${enc(queue)}/messages/${op}`, selection);
      toast(`${cap(op)}: ${r.changed} of ${r.matched} message(s)` + (r.skipped ? `, ${r.skipped} skipped (held by a consumer or no origin) — repeat to retry them` : ''));
      await load();
      onChange();
    } catch (e) { fail(e); }
  }

  if (canChange()) loadTargets().catch(fail);
  load();
  return { element, reload: load };
}

export function reasonText(reason) {
  if (!reason) return '—';
  return reason === 'expired' ? 'expired' : reason;
}

const cap = s => s.charAt(0).toUpperCase() + s.slice(1);
