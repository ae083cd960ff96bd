/**
 * The driver's page, made for a phone: the route of the day in driving order (each stop with its
 * time window and ETA, each leg between stops), a flag on any leg, stop or the whole route with
 * the feedback kinds that fit it, a confirmation saying what the report became, and the driver's
 * past reports with the status of the constraint each one fed.
 */
import { api, describe } from '../api.ts';
import { clear, h, num, today } from '../dom.ts';
import type { PageContext } from '../main.ts';
import type {
  DriverRoute,
  DriverRoutesView,
  DriverStop,
  Feedback,
  FeedbackCreated,
  FeedbackKind,
  Page,
} from '../types.ts';

export const KIND_LABELS: Record<FeedbackKind, string> = {
  blocked_leg: 'Road blocked',
  odd_sequence: 'This order of stops makes no sense',
  too_many_stops: 'Too many stops',
  access_restricted: 'Cannot get the vehicle in',
  service_time: 'The stop takes a different time',
  time_window_wrong: 'Opening hours are wrong',
};

const STATUS_LABELS: Record<string, string> = {
  proposed: 'waiting for a planner',
  active: 'applied to new plans',
  expired: 'expired',
  rejected: 'rejected by a planner',
};

type Target =
  | { type: 'leg'; route: DriverRoute; from: DriverStop | null; to: DriverStop | null; label: string }
  | { type: 'stop'; route: DriverRoute; stop: DriverStop; label: string }
  | { type: 'route'; route: DriverRoute; label: string };

const KINDS_FOR: Record<Target['type'], FeedbackKind[]> = {
  leg: ['blocked_leg', 'odd_sequence'],
  stop: ['access_restricted', 'service_time', 'time_window_wrong', 'blocked_leg'],
  route: ['too_many_stops'],
};

export async function renderDriver(main: HTMLElement, ctx: PageContext): Promise<void> {
  const date = ctx.params[0] && /^\d{4}-\d{2}-\d{2}$/.test(ctx.params[0]) ? ctx.params[0] : today();
  document.title = 'My route · tournee';
  const dateInput = h('input', { id: 'route-date', type: 'date', value: date, required: true });
  const picker = h(
    'form',
    { class: 'inline', 'aria-label': 'Day' },
    h('label', { for: 'route-date' }, 'Day'),
    dateInput,
    h('button', { type: 'submit' }, 'Show'),
  );
  picker.addEventListener('submit', (e) => {
    e.preventDefault();
    if (dateInput.value) location.hash = `#/driver/${dateInput.value}`;
  });
  const routesBox = h('div', { id: 'my-routes' }, h('p', { class: 'muted' }, 'Loading your route…'));
  const confirmation = h('div', { id: 'flag-confirmation', role: 'status', 'aria-live': 'polite' });
  const reportsBox = h('section', { class: 'card', id: 'my-reports', 'aria-labelledby': 'reports-h' });
  const dialog = flagDialog(confirmation, () => void loadReports(reportsBox));
  clear(main, h('h1', { tabindex: '-1' }, 'My route'), picker, confirmation, routesBox, reportsBox, dialog.element);
  await Promise.all([loadRoutes(routesBox, date, dialog.open), loadReports(reportsBox)]);
}

async function loadRoutes(box: HTMLElement, date: string, flag: (t: Target, opener: HTMLElement) => void) {
  let data: DriverRoutesView;
  try {
    data = await api<DriverRoutesView>(`/v1/drivers/me/routes?date=${encodeURIComponent(date)}`);
  } catch (e) {
    clear(box, h('p', { class: 'error', role: 'alert' }, describe(e)));
    return;
  }
  if (data.routes.length === 0) {
    clear(box, h('p', { class: 'card' }, `No route for you on ${date}.`));
    return;
  }
  clear(
    box,
    data.routes.map((r) => routeCard(r, flag)),
  );
}

function routeCard(route: DriverRoute, flag: (t: Target, opener: HTMLElement) => void): HTMLElement {
  const flagButton = (label: string, target: Target) => {
    const b = h('button', { type: 'button', class: 'flag', 'aria-label': `Flag ${target.label}` }, label);
    b.addEventListener('click', () => flag(target, b));
    return b;
  };
  const steps: HTMLElement[] = [];
  const startName = route.startDepot.name ?? route.startDepot.id;
  steps.push(h('li', { class: 'depot' }, h('strong', {}, route.departure), ` Leave ${startName}`));
  let prev: DriverStop | null = null;
  for (const stop of route.stops) {
    const legLabel = `the leg ${prev ? `from stop ${prev.position} (${placeName(prev)})` : 'from the depot'} to stop ${stop.position} (${placeName(stop)})`;
    steps.push(
      h(
        'li',
        { class: 'leg', 'data-leg': `${prev?.position ?? 0}-${stop.position}` },
        h('span', {}, `↓ ${num(stop.legKm, 1)} km · ${num(stop.legMinutes, 0)} min`),
        flagButton('Flag leg', { type: 'leg', route, from: prev, to: stop, label: legLabel }),
      ),
    );
    const windows = stop.timeWindows.map((w) => `${w.start}–${w.end}`).join(', ') || 'any time';
    steps.push(
      h(
        'li',
        { class: 'stop', 'data-stop': String(stop.position) },
        h(
          'div',
          {},
          h('span', { class: 'pos', 'aria-hidden': 'true' }, String(stop.position)),
          h('strong', {}, stop.name ?? stop.customerId),
          h('br'),
          stop.address ? h('span', { class: 'muted' }, stop.address) : null,
          h(
            'dl',
            { class: 'inline' },
            h('dt', {}, 'ETA'),
            h('dd', { class: 'eta' }, stop.arrival),
            h('dt', {}, 'Window'),
            h('dd', { class: 'window' }, windows),
            h('dt', {}, 'Stop'),
            h('dd', {}, `${num(stop.serviceMinutes, 0)} min · ${stop.orderId}`),
          ),
        ),
        flagButton('Flag stop', {
          type: 'stop',
          route,
          stop,
          label: `stop ${stop.position} (${placeName(stop)})`,
        }),
      ),
    );
    prev = stop;
  }
  if (route.endDepot) {
    const last = prev;
    steps.push(
      h(
        'li',
        { class: 'leg', 'data-leg': `${last?.position ?? 0}-end` },
        h('span', {}, '↓ back to the depot'),
        flagButton('Flag leg', {
          type: 'leg',
          route,
          from: last,
          to: null,
          label: last ? `the leg from stop ${last.position} (${placeName(last)}) back to the depot` : 'the way back',
        }),
      ),
    );
    steps.push(
      h(
        'li',
        { class: 'depot' },
        h('strong', {}, route.arrival),
        ` Back at ${route.endDepot.name ?? route.endDepot.id}`,
      ),
    );
  }
  return h(
    'section',
    { class: 'card route', 'aria-label': `Route of ${route.vehicleId}` },
    h(
      'h2',
      {},
      `${route.vehicleId} · ${route.stops.length} stops · ${route.departure}–${route.arrival} · ${num(route.distanceKm, 0)} km`,
    ),
    route.planName ? h('p', { class: 'muted' }, route.planName) : null,
    h('ol', { class: 'steps' }, steps),
    h(
      'p',
      {},
      flagButton('Flag the whole route', { type: 'route', route, label: `the whole route of ${route.vehicleId}` }),
    ),
  );
}

function flagDialog(confirmation: HTMLElement, reported: () => void) {
  const title = h('h2', { id: 'flag-title' }, 'Flag');
  const kinds = h('fieldset', { id: 'flag-kinds' }, h('legend', {}, 'What is wrong?'));
  const extra = h('div', { id: 'flag-extra' });
  const note = h('textarea', { id: 'flag-note', rows: '3', maxlength: '2000' });
  const gps = h('input', { id: 'flag-gps', type: 'checkbox' });
  const error = h('p', { id: 'flag-error', class: 'error', role: 'alert' });
  const send = h('button', { type: 'submit', id: 'flag-send' }, 'Send report');
  const cancel = h('button', { type: 'button', class: 'secondary' }, 'Cancel');
  const form = h(
    'form',
    { method: 'dialog', novalidate: true },
    title,
    kinds,
    extra,
    h('p', {}, h('label', { for: 'flag-note' }, 'Note (optional)'), note),
    h('p', { class: 'check' }, gps, h('label', { for: 'flag-gps' }, 'Attach my position')),
    error,
    h('p', { class: 'actions' }, send, cancel),
  );
  const element = h('dialog', { id: 'flag-dialog', 'aria-labelledby': 'flag-title' }, form);
  let target: Target | null = null;
  let opener: HTMLElement | null = null;

  const close = () => {
    element.close();
    opener?.focus();
  };
  cancel.addEventListener('click', close);

  const chosen = (): FeedbackKind | null =>
    (kinds.querySelector('input[name="flag-kind"]:checked') as HTMLInputElement | null)?.value as FeedbackKind | null;

  const showExtra = () => clear(extra, extraFields(chosen()));

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const kind = chosen();
    if (!target || !kind) return;
    error.textContent = '';
    const body = reportBody(target, kind, extra, note.value.trim());
    if (typeof body === 'string') {
      error.textContent = body;
      return;
    }
    send.disabled = true;
    try {
      if (gps.checked) {
        const position = await here();
        if (position) body.gps = position;
      }
      const created = await api<FeedbackCreated>('/v1/feedback', { method: 'POST', body });
      close();
      const c = created.constraint;
      clear(
        confirmation,
        h(
          'p',
          { class: 'ok card' },
          h('strong', {}, 'Thank you, your report is recorded. '),
          `${KIND_LABELS[kind]} on ${target.label} (${created.feedback.id}) ${created.outcome === 'created' ? 'created' : 'reinforced'} a rule: `,
          h('em', {}, c.summary),
          ` — ${STATUS_LABELS[c.status] ?? c.status}.`,
        ),
      );
      confirmation.focus();
      reported();
    } catch (err) {
      error.textContent = describe(err);
    } finally {
      send.disabled = false;
    }
  });

  return {
    element,
    open(t: Target, from: HTMLElement) {
      target = t;
      opener = from;
      title.textContent = `Flag ${t.label}`;
      error.textContent = '';
      note.value = '';
      gps.checked = false;
      const options = KINDS_FOR[t.type].map((k, i) => {
        const id = `flag-kind-${k}`;
        const radio = h('input', { type: 'radio', name: 'flag-kind', id, value: k, checked: i === 0 });
        radio.addEventListener('change', showExtra);
        return h('p', { class: 'check' }, radio, h('label', { for: id }, kindLabel(k, t)));
      });
      clear(kinds, h('legend', {}, 'What is wrong?'), options);
      showExtra();
      element.showModal();
      (kinds.querySelector('input:checked') as HTMLInputElement | null)?.focus();
    },
  };
}

function placeName(stop: DriverStop): string {
  return stop.name ?? stop.customerId;
}

function kindLabel(kind: FeedbackKind, t: Target): string {
  if (kind === 'blocked_leg' && t.type === 'stop') return 'A road near this stop is blocked';
  return KIND_LABELS[kind];
}

function extraFields(kind: FeedbackKind | null): Node[] {
  switch (kind) {
    case 'blocked_leg':
      return [
        h(
          'p',
          {},
          h('label', { for: 'flag-expires' }, 'Open again on (optional)'),
          h('input', { id: 'flag-expires', type: 'date' }),
        ),
      ];
    case 'too_many_stops':
      return [
        h(
          'p',
          {},
          h('label', { for: 'flag-maxstops' }, 'How many stops would be right? (optional)'),
          h('input', { id: 'flag-maxstops', type: 'number', min: '1', step: '1', inputmode: 'numeric' }),
        ),
      ];
    case 'access_restricted':
      return [
        h(
          'p',
          {},
          h('label', { for: 'flag-reason' }, 'Why'),
          h(
            'select',
            { id: 'flag-reason' },
            h('option', { value: 'vehicle_too_big' }, 'This vehicle is too big'),
            h('option', { value: 'no_truck_access' }, 'No truck access (vans only)'),
          ),
        ),
      ];
    case 'service_time':
      return [
        h(
          'p',
          {},
          h('label', { for: 'flag-minutes' }, 'Minutes actually spent at the stop'),
          h('input', {
            id: 'flag-minutes',
            type: 'number',
            min: '0',
            max: '600',
            step: '1',
            inputmode: 'numeric',
            required: true,
          }),
        ),
      ];
    case 'time_window_wrong':
      return [
        h(
          'p',
          {},
          h('label', { for: 'flag-opens' }, 'Really opens at'),
          h('input', { id: 'flag-opens', type: 'time', required: true }),
        ),
        h(
          'p',
          {},
          h('label', { for: 'flag-closes' }, 'Really closes at'),
          h('input', { id: 'flag-closes', type: 'time', required: true }),
        ),
      ];
    default:
      return [];
  }
}

type Body = Record<string, unknown> & { gps?: { lat: number; lon: number; accuracyMetres?: number } };

/** The report for the API, or a sentence saying what to fill in. */
function reportBody(t: Target, kind: FeedbackKind, extra: HTMLElement, note: string): Body | string {
  const value = (id: string) => (extra.querySelector(`#${id}`) as HTMLInputElement | null)?.value.trim() ?? '';
  const body: Body = { kind, planId: t.route.planId, vehicleId: t.route.vehicleId };
  if (note) body.note = note;
  if (t.type === 'leg') body.leg = { fromOrderId: t.from?.orderId ?? null, toOrderId: t.to?.orderId ?? null };
  if (t.type === 'stop') {
    if (kind === 'blocked_leg') body.near = { lat: t.stop.location.lat, lon: t.stop.location.lon };
    else body.orderId = t.stop.orderId;
  }
  switch (kind) {
    case 'blocked_leg': {
      const until = value('flag-expires');
      if (until) body.expiresAt = new Date(`${until}T00:00:00`).toISOString();
      break;
    }
    case 'too_many_stops': {
      const n = value('flag-maxstops');
      if (n) body.maxStops = Number(n);
      break;
    }
    case 'access_restricted':
      body.reason = value('flag-reason') || 'vehicle_too_big';
      break;
    case 'service_time': {
      const m = value('flag-minutes');
      if (m === '') return 'Say how many minutes the stop really took.';
      body.actualMinutes = Number(m);
      break;
    }
    case 'time_window_wrong': {
      const [start, end] = [value('flag-opens'), value('flag-closes')];
      if (!start || !end) return 'Give the real opening and closing times.';
      body.actualWindows = [{ start, end }];
      break;
    }
    default:
      break;
  }
  return body;
}

function here(): Promise<{ lat: number; lon: number; accuracyMetres: number } | null> {
  if (!('geolocation' in navigator)) return Promise.resolve(null);
  return new Promise((resolve) =>
    navigator.geolocation.getCurrentPosition(
      (p) =>
        resolve({ lat: p.coords.latitude, lon: p.coords.longitude, accuracyMetres: Math.round(p.coords.accuracy) }),
      () => resolve(null),
      { timeout: 8000, maximumAge: 60_000 },
    ),
  );
}

async function loadReports(box: HTMLElement): Promise<void> {
  const heading = h('h2', { id: 'reports-h' }, 'My reports');
  try {
    const page = await api<Page<Feedback>>('/v1/feedback?limit=50');
    if (page.items.length === 0) {
      clear(box, heading, h('p', { class: 'muted' }, 'You have not flagged anything yet.'));
      return;
    }
    clear(
      box,
      heading,
      h(
        'ul',
        { class: 'reports' },
        page.items.map((f) =>
          h(
            'li',
            { 'data-feedback': f.id },
            h('strong', {}, KIND_LABELS[f.kind] ?? f.kind),
            ` · ${f.date} · ${f.vehicleId} · ${targetText(f)}`,
            f.note ? h('q', {}, f.note) : null,
            h('br'),
            f.constraint
              ? h(
                  'span',
                  {},
                  h(
                    'span',
                    { class: `status status-${f.constraint.status}` },
                    STATUS_LABELS[f.constraint.status] ?? f.constraint.status,
                  ),
                  ` ${f.constraint.summary}`,
                )
              : h('span', { class: 'muted' }, 'not turned into a rule'),
          ),
        ),
      ),
    );
  } catch (e) {
    clear(box, heading, h('p', { class: 'error' }, describe(e)));
  }
}

function targetText(f: Feedback): string {
  const t = f.target;
  if (t.from && t.to) return `leg ${t.from} → ${t.to}`;
  if (t.orderId) return `stop ${t.orderId}`;
  if (t.stops !== undefined) return `route of ${t.stops} stops`;
  if (t.metresFromRoute !== undefined) return 'a road near the route';
  return '';
}
