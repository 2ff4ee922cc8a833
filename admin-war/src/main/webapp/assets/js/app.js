import { h, replace } from './dom.js';
import { loadSession, ApiError } from './api.js';
import { dashboard } from './views/dashboard.js';
import { destination } from './views/destination.js';
import { message } from './views/message.js';
import { deadLetters } from './views/dlq.js';
import { subscriptions } from './views/subscriptions.js';

// Hash routes: #/  #/d/<type>/<name>  #/d/queue/<name>/m/<handle>  #/dlq[/<queue>]  #/subscriptions
const routes = [
  [/^#?\/?$/, 'dashboard', () => dashboard],
  [/^#\/d\/(queue|topic)\/([^/]+)$/, 'dashboard', m => main => destination(main, m[1], decodeURIComponent(m[2]))],
  [/^#\/d\/queue\/([^/]+)\/m\/([^/]+)$/, 'dashboard', m => main => message(main, decodeURIComponent(m[1]), decodeURIComponent(m[2]))],
  [/^#\/dlq(?:\/([^/]+))?$/, 'dlq', m => main => deadLetters(main, m[1] ? decodeURIComponent(m[1]) : 'DLQ')],
  [/^#\/subscriptions$/, 'subscriptions', () => subscriptions]
];

let stopCurrent = () => {};

async function route() {
  stopCurrent();
  stopCurrent = () => {};
  const main = document.getElementById('main');
  const hash = location.hash || '#/';
  for (const [pattern, nav, view] of routes) {
    const m = hash.match(pattern);
    if (!m) continue;
    document.querySelectorAll('[data-nav]').forEach(a => a.classList.toggle('active', a.dataset.nav === nav));
    try {
      const stop = await view(m)(main);
      if (typeof stop === 'function') stopCurrent = stop;
    } catch (e) {
      replace(main, h('div', { class: 'panel', 'data-testid': 'error' }, h('h2', {}, e instanceof ApiError && e.status === 404 ? 'Not found' : 'Something went wrong'), e.message));
    }
    window.scrollTo(0, 0);
    return;
  }
  replace(main, h('div', { class: 'panel' }, 'No such page. ', h('a', { href: '#/' }, 'Back to the destinations')));
}

async function start() {
  const session = await loadSession();
  replace(document.getElementById('who'), h('span', { 'data-testid': 'user' }, session.user),
    session.roles.map(role => h('span', { class: 'role' }, role)));
  window.addEventListener('hashchange', route);
  route();
}

start().catch(e => replace(document.getElementById('main'), h('div', { class: 'panel' }, 'The console could not start: ' + e.message)));
