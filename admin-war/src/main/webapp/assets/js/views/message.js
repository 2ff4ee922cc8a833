import { h, replace } from '../dom.js';
import { get, post, del, canChange } from '../api.js';
import { time, age, enc, bytes } from '../format.js';
import { pageHead, action, toast, fail, confirmAction } from '../ui.js';
import { ORIGIN, REASON, ATTEMPTS, reasonText } from './messages.js';

/** One message: headers, properties, body (as text only, never markup), and what can be done with it. */
export async function message(main, queue, handle) {
  const m = await get(`queues/${enc(queue)}/messages/${enc(handle)}`);
  const props = m.properties || {};
  const back = `#/d/queue/${enc(queue)}`;
  const target = h('select', { 'aria-label': 'Target queue', 'data-testid': 'target-queue' });

  async function run(op) {
    const to = op === 'move' || op === 'copy' ? target.value : undefined;
    const text = op === 'retry' ? `Send this message back to ${props[ORIGIN]}?` : op === 'delete' ? 'Delete this message?' : `${op} this message to ${to}?`;
    if (!(await confirmAction('Message ' + m.messageId, text, op.charAt(0).toUpperCase() + op.slice(1)))) return;
    try {
      const r = op === 'delete' ? await del(`queues/${enc(queue)}/messages/${enc(handle)}`)
        : await post(`queues/${enc(queue)}/messages/${op}`, { handles: [handle], to });
      if (r.changed === 1) {
        toast(`${op === 'retry' ? 'Retried' : op === 'copy' ? 'Copied' : op === 'move' ? 'Moved' : 'Deleted'} ${m.messageId}`);
        if (op !== 'copy') location.hash = back;
      } else {
        toast('Not changed: a consumer holds it right now, or it has no original destination. Try again later.', true);
      }
    } catch (e) { fail(e); }
  }

  const dead = props[REASON] !== undefined;
  const actions = canChange() ? [
    dead && props[ORIGIN] ? action('Retry', () => run('retry'), { kind: 'primary', testid: 'retry' }) : null,
    target, action('Move', () => run('move'), { testid: 'move' }), action('Copy', () => run('copy'), { testid: 'copy' }),
    action('Delete', () => run('delete'), { kind: 'danger', testid: 'delete' })] : [];

  replace(main,
    pageHead(h('span', {}, h('a', { href: '#/' }, 'Destinations'), ' / ', h('a', { href: back }, queue)),
      h('span', { class: 'mono' }, m.messageId || handle), actions),
    dead ? h('div', { class: 'panel', 'data-testid': 'death' }, h('h2', {}, 'Why it is here'),
      h('dl', { class: 'kv' },
        h('dt', {}, 'Reason'), h('dd', {}, reasonText(props[REASON])),
        h('dt', {}, 'Original destination'), h('dd', {}, props[ORIGIN] || '—'),
        h('dt', {}, 'Delivery attempts'), h('dd', {}, props[ATTEMPTS] ?? '—'))) : null,
    h('div', { class: 'grid two' },
      h('div', { class: 'panel' }, h('h2', {}, 'Headers'), h('dl', { class: 'kv', 'data-testid': 'headers' },
        kv('Handle', m.handle), kv('State', m.state), kv('JMSMessageID', m.messageId), kv('JMSTimestamp', `${time(m.timestamp)} (${age(Date.now() - m.timestamp)} ago)`),
        kv('JMSCorrelationID', m.correlationId), kv('JMSReplyTo', m.replyTo), kv('JMSType', m.type),
        kv('JMSDeliveryMode', m.persistent ? 'PERSISTENT' : 'NON_PERSISTENT'), kv('JMSPriority', m.priority),
        kv('JMSExpiration', m.expiration ? time(m.expiration) : 'never'), kv('JMSDeliveryTime', time(m.deliveryTime)),
        kv('Failed deliveries', m.deliveryCount))),
      h('div', { class: 'panel' }, h('h2', {}, 'Properties'), Object.keys(props).length === 0 ? h('p', { class: 'muted' }, 'None')
        : h('dl', { class: 'kv', 'data-testid': 'properties' }, Object.entries(props).map(([k, v]) => kv(k, typeof v === 'string' ? v : JSON.stringify(v)))))),
    bodyPanel(m.body));

  if (canChange()) {
    const queues = (await get('destinations')).filter(d => d.type === 'queue' && !d.temporary && d.name !== queue);
    replace(target, queues.map(d => h('option', { value: d.name }, d.name)));
  }
}

const kv = (k, v) => [h('dt', {}, k), h('dd', {}, v === null || v === undefined || v === '' ? '—' : String(v))];

function bodyPanel(body) {
  const views = [];
  if (body.text !== null) {
    if (body.pretty) views.push(['Formatted JSON', body.pretty]);
    views.push(['Text', body.text]);
  } else if (body.hex !== null) {
    views.push(['Hex', hexDump(body.hex) + (body.truncated ? '\n… (first 64 KiB shown)' : '')]);
  }
  const pre = h('pre', { class: 'body', 'data-testid': 'body' });
  const tabs = h('div', { class: 'tabs' });
  const show = i => {
    pre.textContent = views[i][1]; // text only: a body is never markup
    tabs.querySelectorAll('button').forEach((b, j) => b.classList.toggle('active', i === j));
  };
  views.forEach(([label], i) => tabs.append(h('button', { type: 'button', onclick: () => show(i) }, label)));
  const panel = h('div', { class: 'panel' }, h('h2', {}, `Body: ${body.type.toLowerCase()}, ${bytes(body.size)}`),
    views.length > 1 ? tabs : null, views.length ? pre : h('p', { class: 'muted' }, 'No body'));
  if (views.length) show(0);
  return panel;
}

function hexDump(hex) {
  const lines = [];
  for (let i = 0; i < hex.length; i += 32) {
    const chunk = hex.slice(i, i + 32);
    const offset = (i / 2).toString(16).padStart(6, '0');
    const pairs = chunk.match(/../g) || [];
    const ascii = pairs.map(p => { const c = parseInt(p, 16); return c >= 32 && c < 127 ? String.fromCharCode(c) : '.'; }).join('');
    lines.push(offset + '  ' + pairs.join(' ').padEnd(48) + '  ' + ascii);
  }
  return lines.join('\n');
}
