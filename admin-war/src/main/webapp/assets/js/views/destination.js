import { h, replace } from '../dom.js';
import { get, put, post, del, canChange } from '../api.js';
import { count, rate, age, bytes, enc } from '../format.js';
import { historyCharts } from '../chart.js';
import { card, pageHead, typeBadge, action, field, every, toast, fail, confirmAction } from '../ui.js';
import { messageBrowser } from './messages.js';

/** One destination: its numbers, charts, messages and repairs, policy, memory limit and a test send. */
export async function destination(main, type, name) {
  const path = `destinations/${type}/${enc(name)}`;
  await get(path);
  const cards = h('div', { class: 'grid cards' });
  const charts = h('div');
  const browser = type === 'queue' ? messageBrowser(name, { deadLetter: isDeadEnd(name) }) : null;

  replace(main,
    pageHead(h('a', { href: '#/' }, 'Destinations'), h('span', {}, name, ' ', typeBadge(type)),
      isDeadEnd(name) ? h('a', { class: 'btn', href: `#/dlq/${enc(name)}` }, 'Dead-letter view') : null,
      type === 'queue' ? action('Purge', purge, { kind: 'danger', testid: 'purge' }) : null,
      action('Delete ' + type, remove, { kind: 'danger', testid: 'delete-destination' })),
    cards, charts,
    browser ? browser.element : await topicSubscriptions(name),
    h('div', { class: 'grid two' }, await policyPanel(type, name), await memoryLimitPanel(type, name),
      canChange() ? sendPanel(type, name, () => browser && browser.reload()) : null));

  async function purge() {
    if (!(await confirmAction('Purge ' + name, 'Delete every message of queue ' + name + ' (except those a consumer holds right now)?', 'Purge'))) return;
    try {
      const r = await del(`queues/${enc(name)}/messages`);
      toast(`Purged ${r.changed} message(s)` + (r.skipped ? `, ${r.skipped} held by consumers` : ''));
      browser.reload();
    } catch (e) { fail(e); }
  }

  async function remove() {
    if (!(await confirmAction('Delete ' + name, `Delete ${type} ${name} and all its messages?`, 'Delete'))) return;
    try {
      const r = await del(path);
      toast(`Deleted ${type} ${name} with ${r.deletedMessages} message(s)`);
      location.hash = '#/';
    } catch (e) { fail(e); }
  }

  const stopStats = every(2000, async () => {
    const d = await get(path);
    replace(cards,
      card('Depth', count(d.depth), 'depth'), card('In memory', count(d.inMemory), 'in-memory'),
      card('In flight', count(d.inFlight), 'in-flight'), card('Scheduled', count(d.scheduled), 'scheduled'),
      card(type === 'topic' ? 'Consumers / subscriptions' : 'Consumers', type === 'topic' ? `${d.consumers} / ${d.subscriptions}` : count(d.consumers), 'consumers'),
      card('In', rate(d.rates.enqueuedPerSecond), 'in-rate'), card('Out', rate(d.rates.dequeuedPerSecond), 'out-rate'),
      card('Enqueued', count(d.enqueued), 'enqueued'), card('Dequeued', count(d.dequeued), 'dequeued'),
      card('Expired', count(d.expired), 'expired'), card('Dead-lettered', count(d.deadLettered), 'dead-lettered', d.deadLettered > 0),
      card('Oldest message', age(d.oldestMessageAgeMillis), 'oldest'),
      card('Memory (flow control)', bytes(d.memoryBytes), 'memory'));
  });
  const stopCharts = every(5000, async () => replace(charts, historyCharts(await get(path + '/history'))));
  return () => { stopStats(); stopCharts(); };
}

export const isDeadEnd = name => name === 'DLQ' || name === 'ExpiryQueue' || /dlq|dead/i.test(name);

async function topicSubscriptions(topic) {
  const subs = (await get('subscriptions')).filter(s => s.topic === topic);
  return h('div', { class: 'panel flush' }, h('h2', {}, 'Subscriptions'),
    h('table', {}, h('thead', {}, h('tr', {}, ['Name', 'Client ID', 'Kind', 'Selector', 'Depth', 'Consumers'].map(t => h('th', {}, t)))),
      h('tbody', {}, subs.length === 0 ? h('tr', {}, h('td', { colspan: 6, class: 'empty' }, 'No named subscriptions'))
        : subs.map(s => h('tr', {}, h('td', {}, s.name), h('td', {}, s.clientId || '—'),
          h('td', {}, (s.shared ? 'shared ' : '') + (s.durable ? 'durable' : 'non-durable')), h('td', { class: 'mono' }, s.selector || '—'),
          h('td', { class: 'num' }, count(s.depth)), h('td', { class: 'num' }, count(s.consumers)))))));
}

async function policyPanel(type, name) {
  const path = `destinations/${type}/${enc(name)}/policy`;
  const p = await get(path);
  const inputs = {
    maxDeliveryAttempts: h('input', { type: 'number', min: 1, value: p.maxDeliveryAttempts, 'data-testid': 'policy-attempts' }),
    redeliveryDelayMillis: h('input', { type: 'number', min: 0, value: p.redeliveryDelayMillis }),
    backOffMultiplier: h('input', { type: 'number', min: 1, step: 0.1, value: p.backOffMultiplier }),
    maxRedeliveryDelayMillis: h('input', { type: 'number', min: 0, value: p.maxRedeliveryDelayMillis }),
    deadLetterQueue: h('input', { value: p.deadLetterQueue }),
    expiryQueue: h('input', { value: p.expiryQueue, placeholder: 'none: expired messages are dropped' })
  };
  const values = () => Object.fromEntries(Object.entries(inputs).map(([k, i]) => [k, i.type === 'number' ? Number(i.value) : i.value]));
  const fill = q => Object.entries(inputs).forEach(([k, i]) => (i.value = q[k]));
  return settingsPanel('Delivery policy', path, Object.values(inputs), values, fill,
    [field('Delivery attempts before dead-lettering', inputs.maxDeliveryAttempts),
      field('First redelivery delay (ms)', inputs.redeliveryDelayMillis),
      field('Back-off multiplier', inputs.backOffMultiplier),
      field('Longest redelivery delay (ms)', inputs.maxRedeliveryDelayMillis),
      field('Dead-letter queue', inputs.deadLetterQueue),
      field('Expiry queue', inputs.expiryQueue)],
    { reset: 'Policy back to the default', saved: 'Policy saved', save: 'Save policy', testid: 'save-policy' });
}

/** The flow-control limit of messages that cannot page: the operator's own, or the server's configured one. */
async function memoryLimitPanel(type, name) {
  const path = `destinations/${type}/${enc(name)}/memory-limit`;
  const limit = h('input', { type: 'number', min: 1, step: 1, 'data-testid': 'memory-limit-bytes' });
  const policy = h('select', { 'data-testid': 'memory-limit-policy' },
    h('option', { value: 'BLOCK' }, 'BLOCK: the send waits for room'), h('option', { value: 'FAIL' }, 'FAIL: the send is refused'));
  const source = h('span', { 'data-testid': 'memory-limit-source' });
  const fill = m => {
    limit.value = m.limitBytes;
    policy.value = m.policy;
    replace(source, m.own ? 'set for this destination' : 'from the server configuration (cairn.flow.*)');
  };
  fill(await get(path));
  return settingsPanel('Memory limit (flow control)', path, [limit, policy],
    () => ({ limitBytes: Number(limit.value), policy: policy.value }), fill,
    [field('Limit (bytes)', limit), field('When it is reached', policy), h('p', { class: 'muted' }, 'In force: ', source)],
    { reset: 'Memory limit back to the configured one', saved: 'Memory limit saved', save: 'Save limit', testid: 'save-memory-limit' });
}

/** A form of stored settings: cairn-admin saves it (PUT) or goes back to the default (DELETE); others only read. */
function settingsPanel(title, path, inputs, values, fill, fields, text) {
  const editable = canChange();
  inputs.forEach(i => (i.disabled = !editable));
  return h('div', { class: 'panel' }, h('h2', {}, title),
    h('div', { class: 'form-grid' }, fields),
    editable ? h('div', { class: 'row end' },
      action('Back to default', async () => { try { fill(await del(path)); toast(text.reset); } catch (e) { fail(e); } }, { testid: 'reset-' + text.testid.slice(5) }),
      action(text.save, async () => { try { fill(await put(path, values())); toast(text.saved); } catch (e) { fail(e); } }, { kind: 'primary', testid: text.testid })) : null);
}

function sendPanel(type, name, onSent) {
  const text = h('textarea', { placeholder: 'Message text', 'data-testid': 'send-text' });
  const props = h('input', { placeholder: '{"region": "eu", "priority": 5}', 'data-testid': 'send-properties' });
  const persistent = h('input', { type: 'checkbox', checked: true });
  return h('div', { class: 'panel' }, h('h2', {}, 'Send a test message'),
    h('div', { class: 'grid' }, field('Text', text), field('Properties (JSON object)', props),
      h('label', { class: 'row' }, persistent, 'Persistent')),
    h('div', { class: 'row end' }, action('Send', async () => {
      let properties;
      try { properties = props.value.trim() ? JSON.parse(props.value) : undefined; } catch (e) { toast('Properties must be a JSON object', true); return; }
      try {
        const r = await post(`destinations/${type}/${enc(name)}/messages`, { text: text.value, properties, persistent: persistent.checked });
        toast('Sent ' + r.messageId);
        onSent();
      } catch (e) { fail(e); }
    }, { kind: 'primary', testid: 'send' })));
}
