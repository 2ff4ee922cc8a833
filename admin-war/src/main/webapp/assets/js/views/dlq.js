import { h, replace } from '../dom.js';
import { get, post, canChange } from '../api.js';
import { count, enc } from '../format.js';
import { pageHead, action, toast, fail, confirmAction } from '../ui.js';
import { messageBrowser, ORIGIN, REASON, reasonText } from './messages.js';
import { isDeadEnd } from './destination.js';

/**
 * The dead-letter workflow: which queues hold dead messages, why they died (grouped by origin and reason),
 * and retry of one, a group, or all of them back to where they failed.
 */
export async function deadLetters(main, queue) {
  const queues = (await get('destinations')).filter(d => d.type === 'queue' && !d.temporary && isDeadEnd(d.name));
  const tabs = h('div', { class: 'row' }, queues.map(d => h('a', {
    class: 'btn' + (d.name === queue ? ' primary' : ''), href: `#/dlq/${enc(d.name)}`, 'data-testid': 'dlq-tab'
  }, `${d.name} (${count(d.depth)})`)));
  const groups = h('div', { class: 'reasons', 'data-testid': 'reasons' });
  const browser = messageBrowser(queue, { deadLetter: true, onChange: () => summarize() });

  replace(main,
    pageHead(h('a', { href: '#/' }, 'Destinations'), 'Dead letters: ' + queue, tabs,
      action('Retry all', async () => {
        if (!(await confirmAction('Retry all', `Send every message of ${queue} back to where it failed?`, 'Retry'))) return;
        try {
          const r = await post(`queues/${enc(queue)}/messages/retry`, { filter: {} });
          toast(`Retried ${r.changed} of ${r.matched}` + (r.skipped ? `, ${r.skipped} skipped` : ''));
          browser.reload();
          summarize();
        } catch (e) { fail(e); }
      }, { kind: 'primary', testid: 'retry-everything' })),
    h('div', { class: 'panel' }, h('h2', {}, 'Why they died'), groups),
    browser.element);

  async function summarize() {
    const page = await get(`queues/${enc(queue)}/messages?limit=1000`);
    const byGroup = new Map();
    for (const m of page.messages) {
      const p = m.properties || {};
      const key = (p[ORIGIN] || 'unknown origin') + '\u0000' + (p[REASON] || 'unknown');
      byGroup.set(key, (byGroup.get(key) || 0) + 1);
    }
    replace(groups, byGroup.size === 0 ? h('span', { class: 'muted' }, 'Nothing here: no message has died.')
      : [...byGroup.entries()].sort((a, b) => b[1] - a[1]).map(([key, n]) => {
        const [origin, reason] = key.split('\u0000');
        const selector = `${ORIGIN} = '${origin.replace(/'/g, "''")}' AND ${REASON} = '${reason.replace(/'/g, "''")}'`;
        return h('div', { class: 'reason', 'data-testid': 'reason' },
          h('b', {}, count(n)), ' from ', h('span', { class: 'mono' }, origin), ' — ', reasonText(reason), ' ',
          canChange() && origin !== 'unknown origin' ? action('Retry these', async () => {
            try {
              const r = await post(`queues/${enc(queue)}/messages/retry`, { filter: { selector } });
              toast(`Retried ${r.changed} of ${r.matched}` + (r.skipped ? `, ${r.skipped} skipped` : ''));
              browser.reload();
              summarize();
            } catch (e) { fail(e); }
          }, { kind: 'small' }) : null);
      }), page.next ? h('span', { class: 'muted' }, '(first 1,000 messages)') : null);
  }
  summarize().catch(fail);
}
