import { h, replace } from '../dom.js';
import { get } from '../api.js';
import { count, duration } from '../format.js';

const headings = ['Node', 'Lease', 'Last renewal', 'Lease left', 'Consumers', 'In flight'];

/**
 * The nodes sharing the store, for the dashboard: returns the panel and the function that refreshes it.
 * Ages come from the server, measured on the database's clock, so this browser's clock does not matter.
 */
export function nodesPanel() {
  const tbody = h('tbody', { 'data-testid': 'nodes' });
  const panel = h('div', { class: 'panel flush' }, h('h2', {}, 'Nodes'),
    h('table', {}, h('thead', {}, h('tr', {}, headings.map((t, i) => h('th', { class: i > 1 ? 'num' : '' }, t)))), tbody));

  async function refresh() {
    const nodes = await get('nodes');
    replace(tbody, nodes.map(n => h('tr', { 'data-testid': `node-${n.nodeName}`, class: n.self ? 'self' : '' },
      h('td', { class: 'nowrap' }, n.nodeName, n.self ? h('span', { class: 'badge', title: 'The node this console talks to' }, 'this node') : null),
      h('td', { 'data-testid': 'node-lease' }, n.live ? h('span', { class: 'badge ok' }, 'live')
        : h('span', { class: 'badge danger', title: 'Its messages go to a live node at the next takeover' }, 'expired')),
      h('td', { class: 'num' }, n.sinceRenewalMillis < 0 ? '—' : duration(n.sinceRenewalMillis) + ' ago'),
      h('td', { class: 'num' }, duration(n.leaseLeftMillis)),
      h('td', { class: 'num', 'data-testid': 'node-consumers', title: 'At its last lease renewal' }, count(n.consumers)),
      h('td', { class: 'num', title: 'Messages it holds claimed in the store' }, count(n.inFlight)))));
  }

  return [panel, refresh];
}
