/**
 * The single page: sign in with an API key, then one view per hash route, offered by role.
 *   #/login                       sign in
 *   #/planner[/<planId>]          plan a day; follow and read one plan
 *   #/sheet/<planId>/<vehicleId>  a driver's printable sheet
 *   #/constraints                 review learned constraints (planners)
 *   #/manager[/<planId>]          the ledger; one plan's anytime curve
 *   #/driver[/<date>]             a driver's route and reports
 * A view a role may not open is not rendered and fetches nothing (roles.ts).
 */
import { ApiError, api, describe, useKey } from './api.ts';
import { byId, clear, h } from './dom.ts';
import { renderConstraintsPage } from './pages/constraints.ts';
import { renderDriver } from './pages/driver.ts';
import { renderLogin } from './pages/login.ts';
import { renderManager } from './pages/manager.ts';
import { renderPlanner } from './pages/planner.ts';
import { renderSheet } from './pages/sheet.ts';
import { homeFor, mayOpen, type PageId, pagesFor } from './roles.ts';
import { forget, recall, remember } from './session.ts';
import type { Me } from './types.ts';

export interface PageContext {
  readonly me: Me;
  /** Hash route segments after the page name. */
  readonly params: readonly string[];
  /** Called when the view is replaced: stop timers, abort polls. */
  onLeave(cleanup: () => void): void;
}

type Render = (root: HTMLElement, ctx: PageContext) => void | Promise<void>;

const VIEWS: Record<PageId | 'sheet', { page: PageId; render: Render }> = {
  planner: { page: 'planner', render: renderPlanner },
  sheet: { page: 'planner', render: renderSheet },
  constraints: { page: 'constraints', render: renderConstraintsPage },
  manager: { page: 'manager', render: renderManager },
  driver: { page: 'driver', render: renderDriver },
};

let me: Me | null = null;
let cleanups: (() => void)[] = [];

async function start(): Promise<void> {
  const skip = byId('skip-link');
  skip.addEventListener('click', (e) => {
    e.preventDefault();
    byId('main').focus();
  });
  const key = recall();
  if (key) {
    try {
      me = await api<Me>('/v1/me', { key });
      useKey(key, signOut);
    } catch (e) {
      if (!(e instanceof ApiError && (e.status === 401 || e.status === 403))) {
        showFatal(describe(e));
        return;
      }
      forget();
    }
  }
  window.addEventListener('hashchange', () => void route());
  await route();
}

async function signIn(key: string, keep: boolean): Promise<void> {
  me = await api<Me>('/v1/me', { key });
  remember(key, keep);
  useKey(key, signOut);
  const home = `#/${homeFor(me.role)}`;
  // A new hash routes through hashchange; the same one (signing in again) needs a nudge.
  if (location.hash !== home) location.hash = home;
  else await route();
}

function signOut(): void {
  forget();
  useKey(null);
  me = null;
  location.hash = '#/login';
}

async function route(): Promise<void> {
  for (const c of cleanups) c();
  cleanups = [];
  const main = byId('main');
  const [name = '', ...params] = location.hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  renderHeader();
  if (!me) {
    if (name !== 'login') history.replaceState(null, '', '#/login');
    document.title = 'Sign in · tournee';
    renderLogin(main, signIn);
    return;
  }
  const view = VIEWS[name as PageId | 'sheet'];
  if (!view) {
    location.replace(`#/${homeFor(me.role)}`);
    return;
  }
  if (!mayOpen(me.role, view.page)) {
    document.title = 'Not for this key · tournee';
    renderRefused(main, view.page);
    return;
  }
  const ctx: PageContext = { me, params, onLeave: (c) => cleanups.push(c) };
  clear(main);
  try {
    await view.render(main, ctx);
  } catch (e) {
    main.append(h('p', { class: 'error', role: 'alert' }, describe(e)));
  }
  // A new view: keyboard and screen-reader users start at its heading, unless it put the focus somewhere.
  if (document.activeElement === document.body) main.querySelector('h1')?.focus({ preventScroll: true });
}

function renderRefused(main: HTMLElement, page: PageId): void {
  const home = homeFor(me!.role);
  clear(
    main,
    h('h1', {}, 'Not available with this key'),
    h(
      'p',
      { class: 'refused', role: 'alert' },
      `A ${me!.role} key cannot open this page. `,
      h('a', { href: `#/${home}` }, `Go to ${pagesFor(me!.role)[0]?.label ?? 'your page'}`),
      '.',
    ),
  );
  main.dataset.refused = page;
}

function renderHeader(): void {
  const top = byId('top');
  const current = location.hash.replace(/^#\/?/, '').split('/')[0];
  const nav = me
    ? h(
        'nav',
        { 'aria-label': 'Pages' },
        h(
          'ul',
          {},
          pagesFor(me.role).map((p) =>
            h('li', {}, h('a', { href: `#/${p.id}`, 'aria-current': p.id === current ? 'page' : undefined }, p.label)),
          ),
        ),
      )
    : null;
  const who = me
    ? h(
        'div',
        { class: 'who' },
        h(
          'span',
          {},
          `${me.name} · `,
          h('strong', { 'data-role': me.role }, me.role),
          me.driverId ? ` · ${me.driverId}` : '',
        ),
        h('button', { type: 'button', class: 'link', onclick: signOut }, 'Sign out'),
      )
    : null;
  clear(top, h('a', { class: 'brand', href: '#/' }, 'tournee'), nav, who);
}

function showFatal(message: string): void {
  clear(byId('main'), h('h1', {}, 'tournee'), h('p', { class: 'error', role: 'alert' }, message));
}

void start();
