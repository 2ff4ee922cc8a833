import { h, replace } from '../dom.js';
import { get, del, canChange } from '../api.js';
import { count, enc } from '../format.js';
import { pageHead, action, every, toast, fail, confirmAction, typeBadge } from '../ui.js';

/** Named subscriptions (durable and shared) and where consumers are attached, refreshed live. */
export function subscriptions(main) {
  const subsBody = h('tbody', { 'data-testid': 'subscriptions' });
  const consumersBody = h('tbody', { 'data-testid': 'consumers' });
  replace(main, pageHead(null, 'Subscriptions & consumers', h('span', { class: 'live' }, 'live')),
    h('div', { class: 'panel flush' }, h('h2', {}, 'Subscriptions'),
      h('table', {}, h('thead', {}, h('tr', {}, ['Topic', 'Name', 'Client ID', 'Kind', 'Selector', 'No local', 'Depth', 'Consumers', ''].map(t => h('th', { class: t === 'Depth' || t === 'Consumers' ? 'num' : '' }, t)))), subsBody)),
    h('div', { class: 'panel flush' }, h('h2', {}, 'Consumers by destination'),
      h('table', {}, h('thead', {}, h('tr', {}, ['Destination', 'Type', 'Consumers', 'In flight', 'Depth'].map((t, i) => h('th', { class: i > 1 ? 'num' : '' }, t)))), consumersBody)));

  return every(3000, async () => {
    const [subs, destinations] = await Promise.all([get('subscriptions'), get('destinations')]);
    replace(subsBody, subs.length === 0 ? h('tr', {}, h('td', { colspan: 9, class: 'empty' }, 'No named subscriptions'))
      : subs.map(s => h('tr', { 'data-testid': 'subscription-row' },
        h('td', {}, h('a', { href: `#/d/topic/${enc(s.topic)}` }, s.topic)), h('td', {}, s.name), h('td', {}, s.clientId || '—'),
        h('td', {}, (s.shared ? 'shared ' : '') + (s.durable ? 'durable' : 'non-durable')),
        h('td', { class: 'mono' }, s.selector || '—'), h('td', {}, s.noLocal ? 'yes' : 'no'),
        h('td', { class: 'num' }, count(s.depth)), h('td', { class: 'num' }, count(s.consumers)),
        h('td', {}, s.durable && canChange() ? action('Delete', async () => {
          if (!(await confirmAction('Delete subscription', `Delete durable subscription ${s.name} and its ${s.depth} message(s)?`, 'Delete'))) return;
          try {
            await del(`subscriptions/${enc(s.name)}` + (s.clientId ? `?clientId=${enc(s.clientId)}` : ''));
            toast('Deleted subscription ' + s.name);
          } catch (e) { fail(e); }
        }, { kind: 'danger small' }) : null))));
    const withConsumers = destinations.filter(d => d.consumers > 0);
    replace(consumersBody, withConsumers.length === 0 ? h('tr', {}, h('td', { colspan: 5, class: 'empty' }, 'No consumers attached'))
      : withConsumers.map(d => h('tr', {},
        h('td', {}, d.temporary ? d.name : h('a', { href: `#/d/${d.type}/${enc(d.name)}` }, d.name)), h('td', {}, typeBadge(d.type)),
        h('td', { class: 'num' }, count(d.consumers)), h('td', { class: 'num' }, count(d.inFlight)), h('td', { class: 'num' }, count(d.depth)))));
  });
}
