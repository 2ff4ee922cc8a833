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
    h('div', { class: 'panel flush' }, h('h2', {}, 'Consumers'),
      h('table', {}, h('thead', {}, h('tr', {}, ['Destination', 'Type', 'Subscription', 'Client ID', 'Selector', 'Mode', 'Delivered', 'Unacknowledged', 'Idle'].map((t, i) => h('th', { class: i > 5 ? 'num' : '' }, t)))), consumersBody)));

  return every(3000, async () => {
    const [subs, consumers] = await Promise.all([get('subscriptions'), get('consumers')]);
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
    replace(consumersBody, consumers.length === 0 ? h('tr', {}, h('td', { colspan: 9, class: 'empty' }, 'No consumers attached'))
      : consumers.map(c => h('tr', { 'data-testid': 'consumer-row' },
        h('td', {}, c.destination.startsWith('$cairn.temp.') ? c.destination : h('a', { href: `#/d/${c.type.toLowerCase()}/${enc(c.destination)}` }, c.destination)),
        h('td', {}, typeBadge(c.type.toLowerCase())), h('td', {}, c.subscription || '—'), h('td', {}, c.clientId || '—'),
        h('td', { class: 'mono' }, c.selector || '—'), h('td', {}, c.listener ? 'listener' : 'receive'),
        h('td', { class: 'num' }, count(c.delivered)), h('td', { class: 'num' }, count(c.unacknowledged)),
        h('td', { class: 'num' }, Math.round(c.idleMillis / 1000) + ' s'))));
  });
}
