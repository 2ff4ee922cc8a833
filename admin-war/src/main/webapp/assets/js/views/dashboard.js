import { h, replace } from '../dom.js';
import { get, post } from '../api.js';
import { count, rate, age, bytes, enc } from '../format.js';
import { historyCharts } from '../chart.js';
import { card, pageHead, typeBadge, action, every, toast, fail } from '../ui.js';
import { nodesPanel } from './nodes.js';

const columns = [
  ['name', 'Name', d => d.name],
  ['type', 'Type', d => d.type],
  ['depth', 'Depth', d => d.depth, true],
  ['inFlight', 'In flight', d => d.inFlight, true],
  ['scheduled', 'Scheduled', d => d.scheduled, true],
  ['consumers', 'Consumers', d => d.consumers, true],
  ['in', 'In /s', d => d.rates.enqueuedPerSecond, true],
  ['out', 'Out /s', d => d.rates.dequeuedPerSecond, true],
  ['enqueued', 'Enqueued', d => d.enqueued, true],
  ['dequeued', 'Dequeued', d => d.dequeued, true],
  ['expired', 'Expired', d => d.expired, true],
  ['deadLettered', 'Dead-lettered', d => d.deadLettered, true],
  ['oldest', 'Oldest', d => d.oldestMessageAgeMillis, true],
  ['memory', 'Memory', d => d.memoryBytes, true]
];

/** The dashboard: totals, charts over recent minutes, every destination and the nodes, refreshed live. */
export function dashboard(main) {
  const sort = { key: 'name', desc: false };
  let filter = '';
  let destinations = [];
  const cards = h('div', { class: 'grid cards' });
  const charts = h('div');
  const [nodes, refreshNodes] = nodesPanel();
  const tbody = h('tbody', { 'data-testid': 'destinations' });
  const headRow = h('tr');
  const filterInput = h('input', { type: 'search', placeholder: 'Filter by name', 'aria-label': 'Filter by name',
    oninput: e => { filter = e.target.value.toLowerCase(); render(); } });

  for (const [key, label, , numeric] of columns) {
    headRow.append(h('th', { class: 'sortable' + (numeric ? ' num' : ''), 'data-sort': key, onclick: () => {
      sort.desc = sort.key === key ? !sort.desc : !!numeric;
      sort.key = key;
      render();
    } }, label));
  }

  replace(main,
    pageHead(null, 'Destinations', h('span', { class: 'live' }, 'live'), createForm(() => refresh())),
    cards, charts,
    h('div', { class: 'panel flush' },
      h('div', { class: 'toolbar' }, filterInput, h('span', { class: 'spacer' }),
        h('span', { class: 'muted' }, 'Click a column to sort; rates over the last few seconds')),
      h('table', {}, h('thead', {}, headRow), tbody)),
    nodes);

  function render() {
    headRow.querySelectorAll('th').forEach(th => {
      th.classList.toggle('sorted-asc', th.dataset.sort === sort.key && !sort.desc);
      th.classList.toggle('sorted-desc', th.dataset.sort === sort.key && sort.desc);
    });
    const value = columns.find(c => c[0] === sort.key)[2];
    const rows = destinations.filter(d => !d.temporary && d.name.toLowerCase().includes(filter))
      .sort((a, b) => {
        const x = value(a), y = value(b);
        const order = typeof x === 'string' ? x.localeCompare(y) : x - y;
        return sort.desc ? -order : order;
      });
    replace(tbody, rows.length === 0 ? h('tr', {}, h('td', { colspan: columns.length, class: 'empty' }, 'No destinations'))
      : rows.map(d => h('tr', { 'data-testid': `row-${d.type}-${d.name}` },
        h('td', { class: 'nowrap' }, h('a', { href: `#/d/${d.type}/${enc(d.name)}`, 'data-testid': 'destination-link' }, d.name)),
        h('td', {}, typeBadge(d.type)),
        h('td', { class: 'num', 'data-testid': 'depth' }, count(d.depth)),
        h('td', { class: 'num' }, count(d.inFlight)),
        h('td', { class: 'num' }, count(d.scheduled)),
        h('td', { class: 'num' }, count(d.consumers)),
        h('td', { class: 'num' }, rate(d.rates.enqueuedPerSecond)),
        h('td', { class: 'num' }, rate(d.rates.dequeuedPerSecond)),
        h('td', { class: 'num' }, count(d.enqueued)),
        h('td', { class: 'num', 'data-testid': 'dequeued' }, count(d.dequeued)),
        h('td', { class: 'num' }, count(d.expired)),
        h('td', { class: 'num' }, count(d.deadLettered)),
        h('td', { class: 'num' }, age(d.oldestMessageAgeMillis)),
        h('td', { class: 'num', 'data-testid': 'memory', title: `of its ${bytes(d.memoryLimitBytes)} flow-control limit` }, bytes(d.memoryBytes)))));
    const visible = destinations.filter(d => !d.temporary);
    const sum = f => visible.reduce((n, d) => n + f(d), 0);
    const dlq = visible.find(d => d.type === 'queue' && d.name === 'DLQ');
    replace(cards,
      card('Destinations', count(visible.length), 'total-destinations'),
      card('Waiting', count(sum(d => d.depth)), 'total-depth'),
      card('In flight', count(sum(d => d.inFlight)), 'total-in-flight'),
      card('In', rate(sum(d => d.rates.enqueuedPerSecond)), 'total-in'),
      card('Out', rate(sum(d => d.rates.dequeuedPerSecond)), 'total-out'),
      card('Memory (flow control)', bytes(sum(d => d.memoryBytes)), 'total-memory'),
      card('Dead letters', count(dlq ? dlq.depth : 0), 'dlq-depth', dlq && dlq.depth > 0));
  }

  async function refresh() {
    destinations = await get('destinations');
    render();
  }

  const stopList = every(2000, refresh);
  const stopCharts = every(5000, async () => replace(charts, historyCharts(await get('history'))));
  const stopNodes = every(3000, refreshNodes);
  return () => { stopList(); stopCharts(); stopNodes(); };
}

function createForm(onCreated) {
  const name = h('input', { placeholder: 'name', 'aria-label': 'New destination name', 'data-testid': 'new-name', required: true });
  const type = h('select', { 'aria-label': 'New destination type', 'data-testid': 'new-type' },
    h('option', { value: 'queue' }, 'queue'), h('option', { value: 'topic' }, 'topic'));
  const button = action('Create', async () => {
    if (!name.value.trim()) { name.focus(); return; }
    try {
      await post('destinations', { name: name.value.trim(), type: type.value });
      toast(`Created ${type.value} ${name.value.trim()}`);
      name.value = '';
      onCreated();
    } catch (e) { fail(e); }
  }, { kind: 'primary', testid: 'create' });
  return button ? h('div', { class: 'row' }, name, type, button) : null;
}
