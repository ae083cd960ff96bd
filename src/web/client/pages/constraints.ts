/**
 * Learned constraints with their provenance: what each one says, how firm it is, whether it is in
 * force, every status change and who made it, and the driver reports behind it (opened on
 * demand). Planners review them here (accept, reject, expire, with a note kept in the history);
 * managers see the same list read-only on their page.
 */
import { api, describe } from '../api.ts';
import { clear, h } from '../dom.ts';
import type { PageContext } from '../main.ts';
import type { Constraint, Feedback, Page } from '../types.ts';
import { KIND_LABELS } from './driver.ts';

const ACTIONS = {
  accept: { label: 'Accept', from: ['proposed', 'rejected'] },
  reject: { label: 'Reject', from: ['proposed', 'active'] },
  expire: { label: 'Expire now', from: ['active'] },
} as const;

export async function renderConstraintsPage(main: HTMLElement, _ctx: PageContext): Promise<void> {
  document.title = 'Learned constraints · tournee';
  const box = h('section', { class: 'card', id: 'constraints', 'aria-labelledby': 'constraints-h' });
  clear(
    main,
    h('h1', { tabindex: '-1' }, 'Learned constraints'),
    h(
      'p',
      { class: 'muted' },
      'What drivers reported, turned into rules for the next plans. Proposed rules wait for you; active ones shape every new plan of the same customers.',
    ),
    box,
  );
  await renderConstraints(box, { canReview: true });
}

export async function renderConstraints(box: HTMLElement, opts: { canReview: boolean }): Promise<void> {
  const filter = h(
    'select',
    { id: 'constraint-status' },
    h('option', { value: '' }, 'all'),
    ['proposed', 'active', 'expired', 'rejected'].map((st) => h('option', { value: st }, st)),
  );
  const list = h('div', { id: 'constraints-list', 'aria-live': 'polite' });
  const load = async () => {
    clear(list, h('p', { class: 'muted' }, 'Loading…'));
    try {
      const q = filter.value ? `&status=${filter.value}` : '';
      const page = await api<Page<Constraint>>(`/v1/constraints?limit=100${q}`);
      if (page.items.length === 0) {
        clear(list, h('p', { class: 'muted' }, 'No learned constraints yet.'));
        return;
      }
      clear(
        list,
        h(
          'ul',
          { class: 'constraints' },
          page.items.map((c) => constraintItem(c, opts.canReview, load)),
        ),
      );
    } catch (e) {
      clear(list, h('p', { class: 'error' }, describe(e)));
    }
  };
  filter.addEventListener('change', () => void load());
  clear(
    box,
    h('h2', { id: 'constraints-h' }, 'Learned constraints and their provenance'),
    h('p', { class: 'inline' }, h('label', { for: 'constraint-status' }, 'Status'), filter),
    list,
  );
  await load();
}

function constraintItem(c: Constraint, canReview: boolean, reload: () => Promise<void>): HTMLElement {
  const reports = h('div', { class: 'reports' });
  const showReports = h(
    'button',
    { type: 'button', class: 'link', 'aria-expanded': 'false' },
    `${c.feedbackIds.length} driver report${c.feedbackIds.length === 1 ? '' : 's'}`,
  );
  showReports.addEventListener('click', async () => {
    if (showReports.getAttribute('aria-expanded') === 'true') {
      showReports.setAttribute('aria-expanded', 'false');
      clear(reports);
      return;
    }
    showReports.setAttribute('aria-expanded', 'true');
    clear(reports, h('p', { class: 'muted' }, 'Loading…'));
    const items = await Promise.all(
      c.feedbackIds.map((id) =>
        api<Feedback>(`/v1/feedback/${encodeURIComponent(id)}`).then(
          (f) =>
            h(
              'li',
              {},
              `${f.id}: ${KIND_LABELS[f.kind] ?? f.kind} by ${f.driverId ?? 'unknown driver'} on ${f.date} (${f.vehicleId}, plan ${f.planId}), observed ${f.observedAt.slice(0, 16).replace('T', ' ')}`,
              f.note ? h('q', {}, f.note) : null,
            ),
          (e) => h('li', { class: 'error' }, `${id}: ${describe(e)}`),
        ),
      ),
    );
    clear(reports, h('ul', {}, items));
  });
  const actions = canReview
    ? (Object.entries(ACTIONS) as [keyof typeof ACTIONS, (typeof ACTIONS)[keyof typeof ACTIONS]][])
        .filter(([, a]) => (a.from as readonly string[]).includes(c.status))
        .map(([action, a]) =>
          h(
            'button',
            {
              type: 'button',
              class: action === 'accept' ? '' : 'secondary',
              'aria-label': `${a.label} ${c.id}`,
              onclick: async () => {
                const note = prompt(`${a.label} ${c.id}: why? (kept in its history; optional)`) ?? undefined;
                try {
                  await api(`/v1/constraints/${encodeURIComponent(c.id)}/${action}`, {
                    method: 'POST',
                    body: note ? { note } : {},
                  });
                  await reload();
                } catch (e) {
                  alert(describe(e));
                }
              },
            },
            a.label,
          ),
        )
    : [];
  return h(
    'li',
    { 'data-constraint': c.id },
    h('p', {}, h('span', { class: `status status-${c.status}` }, c.status), ' ', h('strong', {}, c.summary)),
    h(
      'p',
      { class: 'muted' },
      `${c.id} · ${c.kind.replace(/_/g, ' ')} · ${c.strength} · since ${c.createdAt.slice(0, 10)}${c.expiresAt ? ` · until ${c.expiresAt.slice(0, 16).replace('T', ' ')}` : ''} · from `,
      showReports,
    ),
    reports,
    h(
      'details',
      {},
      h('summary', {}, 'History'),
      h(
        'ol',
        {},
        c.history.map((e) =>
          h(
            'li',
            {},
            `${e.at.slice(0, 16).replace('T', ' ')} ${e.status} by ${e.actor}${e.detail ? `: ${e.detail}` : ''}`,
          ),
        ),
      ),
    ),
    actions.length > 0 ? h('p', { class: 'actions' }, actions) : null,
  );
}
