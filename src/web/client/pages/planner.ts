/**
 * The planner's page: load a day (JSON, or orders as CSV), edit or load the fleet, submit, then
 * follow the plan (planView.ts). #/planner/<planId> shows one plan. The draft day stays in
 * memory while the planner moves between pages.
 */
import { ApiError, api, describe } from '../api.ts';
import {
  type CsvProblem,
  ORDER_MAPPING,
  ordersFromCsv,
  ordersTemplate,
  vehiclesFromCsv,
  vehiclesTemplate,
} from '../dayCsv.ts';
import { clear, download, h } from '../dom.ts';
import type { PageContext } from '../main.ts';
import type { Page, PlanRequestInput, PlanSummary } from '../types.ts';
import { renderFleetEditor } from './fleetEditor.ts';
import { renderPlanView } from './planView.ts';

type Depot = PlanRequestInput['depots'][number];
type Vehicle = PlanRequestInput['vehicles'][number];
type Order = PlanRequestInput['orders'][number];

export interface Draft {
  name: string;
  date: string;
  timezone: string;
  objective: 'cost' | 'distance' | 'duration' | 'co2';
  timeLimitSeconds: number;
  frugalStop: boolean;
  orders: Order[];
  /** Line of the CSV each order came from, to point at the right line when the API refuses one. */
  orderLines: number[] | null;
  ordersFrom: string | null;
  depots: Depot[];
  vehicles: Vehicle[];
  /** Parts of an uploaded JSON day the form does not edit, sent as they were. */
  extras: Partial<Pick<PlanRequestInput, 'baseline' | 'emissions' | 'zones'>> & { seed?: number; lp?: boolean };
}

const draft: Draft = {
  name: '',
  date: tomorrow(),
  timezone: Intl.DateTimeFormat().resolvedOptions().timeZone || 'Europe/Paris',
  objective: 'cost',
  timeLimitSeconds: 30,
  frugalStop: true,
  orders: [],
  orderLines: null,
  ordersFrom: null,
  depots: [],
  vehicles: [],
  extras: {},
};

export async function renderPlanner(main: HTMLElement, ctx: PageContext): Promise<void> {
  const planId = ctx.params[0];
  if (planId) return renderPlanView(main, ctx, planId);
  document.title = 'Plan a day · tournee';
  const dayStatus = h('p', { id: 'day-status', role: 'status', 'aria-live': 'polite' });
  const problems = h('div', { id: 'submit-problems', 'aria-live': 'assertive' });
  const fleetBox = h('div', { id: 'fleet-editor' });
  const refreshFleet = () => renderFleetEditor(fleetBox, draft);

  const dayFile = h('input', {
    id: 'day-file',
    type: 'file',
    accept: '.json,.csv,application/json,text/csv',
    'aria-describedby': 'day-file-help',
  });
  dayFile.addEventListener('change', async () => {
    const file = dayFile.files?.[0];
    if (!file) return;
    await loadDayFile(file.name, await file.text(), dayStatus, refreshFleet, fields);
  });
  const fleetFile = h('input', {
    id: 'fleet-file',
    type: 'file',
    accept: '.json,.csv,application/json,text/csv',
    'aria-describedby': 'fleet-file-help',
  });
  const fleetStatus = h('p', { id: 'fleet-status', role: 'status', 'aria-live': 'polite' });
  fleetFile.addEventListener('change', async () => {
    const file = fleetFile.files?.[0];
    if (!file) return;
    loadFleetFile(file.name, await file.text(), fleetStatus);
    refreshFleet();
  });

  const sample = h(
    'button',
    {
      type: 'button',
      class: 'secondary',
      onclick: async () => {
        try {
          const text = await (await fetch('/app/sample-day.json')).text();
          await loadDayFile('sample-day.json', text, dayStatus, refreshFleet, fields);
        } catch (e) {
          say(dayStatus, `The sample day could not be loaded: ${describe(e)}`, true);
        }
      },
    },
    'Load the Lyon sample day',
  );

  const fields = dayFields();
  const submit = h('button', { type: 'submit', id: 'submit-plan' }, 'Plan this day');
  const form = h(
    'form',
    { id: 'plan-form', novalidate: true },
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'day-h' },
      h('h2', { id: 'day-h' }, '1. The day'),
      h('label', { for: 'day-file' }, 'Orders (CSV) or a whole day (JSON)'),
      dayFile,
      h(
        'p',
        { id: 'day-file-help', class: 'muted' },
        'CSV: one row per order, columns as in the ',
        h(
          'button',
          {
            type: 'button',
            class: 'link',
            onclick: () => download('tournee-orders-template.csv', ordersTemplate(), 'text/csv'),
          },
          'orders template',
        ),
        ' (id, customerId, name, address, lat, lon, kg, m3, pallets, serviceMinutes, window1Start/End, window2Start/End, skills separated by |, priority, optional, penalty). JSON: the API’s plan request, fleet included.',
      ),
      h(
        'details',
        {},
        h('summary', {}, 'How the CSV columns map to the request'),
        h(
          'div',
          { class: 'table-wrap' },
          h(
            'table',
            { id: 'csv-mapping' },
            h(
              'thead',
              {},
              h('tr', {}, h('th', { scope: 'col' }, 'Column'), h('th', { scope: 'col' }, 'Request field')),
            ),
            h(
              'tbody',
              {},
              ORDER_MAPPING.map(([c, f]) => h('tr', {}, h('td', {}, h('code', {}, c)), h('td', {}, h('code', {}, f)))),
            ),
          ),
        ),
        h(
          'p',
          { class: 'muted' },
          'Columns in any order, names in any case; empty cells take the API’s defaults; other columns are ignored. A semicolon-separated file is read with decimal commas. The fleet (depots and vehicles) comes from section 2.',
        ),
      ),
      h('p', {}, sample),
      dayStatus,
      fields.box,
    ),
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'fleet-h' },
      h('h2', { id: 'fleet-h' }, '2. The fleet'),
      h('label', { for: 'fleet-file' }, 'Load a fleet (JSON with depots and vehicles, or vehicles as CSV)'),
      fleetFile,
      h(
        'p',
        { id: 'fleet-file-help', class: 'muted' },
        'Vehicles CSV: see the ',
        h(
          'button',
          {
            type: 'button',
            class: 'link',
            onclick: () => download('tournee-vehicles-template.csv', vehiclesTemplate(), 'text/csv'),
          },
          'vehicles template',
        ),
        '. Depots are edited below.',
      ),
      fleetStatus,
      fleetBox,
    ),
    h('section', { class: 'card', 'aria-labelledby': 'go-h' }, h('h2', { id: 'go-h' }, '3. Plan'), problems, submit),
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    fields.read();
    submit.disabled = true;
    clear(problems);
    try {
      const accepted = await api<{ id: string }>('/v1/plans', { method: 'POST', body: buildRequest(draft) });
      location.hash = `#/planner/${encodeURIComponent(accepted.id)}`;
    } catch (err) {
      showProblems(problems, err);
    } finally {
      submit.disabled = false;
    }
  });

  const recent = h(
    'section',
    { class: 'card', 'aria-labelledby': 'recent-h' },
    h('h2', { id: 'recent-h' }, 'Recent plans'),
  );
  clear(main, h('h1', { tabindex: '-1' }, 'Plan a day'), form, recent);
  refreshFleet();
  fields.write();
  if (draft.orders.length > 0) say(dayStatus, `${draft.orders.length} orders loaded from ${draft.ordersFrom}.`);
  await renderRecent(recent);
}

function dayFields() {
  const name = h('input', { id: 'day-name', type: 'text', maxlength: '200' });
  const date = h('input', { id: 'day-date', type: 'date', required: true });
  const objective = h(
    'select',
    { id: 'day-objective' },
    h('option', { value: 'cost' }, 'Cost'),
    h('option', { value: 'distance' }, 'Distance'),
    h('option', { value: 'duration' }, 'Duration'),
    h('option', { value: 'co2' }, 'CO2e (load-aware)'),
  );
  const limit = h('input', { id: 'day-limit', type: 'number', min: '1', max: '600', step: '1', inputmode: 'numeric' });
  const frugal = h('input', { id: 'day-frugal', type: 'checkbox' });
  const box = h(
    'div',
    { class: 'grid' },
    h('p', {}, h('label', { for: 'day-name' }, 'Name'), name),
    h('p', {}, h('label', { for: 'day-date' }, 'Date'), date),
    h('p', {}, h('label', { for: 'day-objective' }, 'Optimise'), objective),
    h('p', {}, h('label', { for: 'day-limit' }, 'Time limit (s)'), limit),
    h(
      'p',
      { class: 'check' },
      frugal,
      h('label', { for: 'day-frugal' }, 'Frugal stop (stop when computing costs more CO2e than it saves)'),
    ),
  );
  return {
    box,
    write() {
      name.value = draft.name;
      date.value = draft.date;
      objective.value = draft.objective;
      limit.value = String(draft.timeLimitSeconds);
      frugal.checked = draft.frugalStop;
    },
    read() {
      draft.name = name.value.trim();
      draft.date = date.value;
      draft.objective = objective.value as Draft['objective'];
      draft.timeLimitSeconds = Number(limit.value) || 30;
      draft.frugalStop = frugal.checked;
    },
  };
}

async function loadDayFile(
  fileName: string,
  text: string,
  status: HTMLElement,
  refreshFleet: () => void,
  fields: ReturnType<typeof dayFields>,
): Promise<void> {
  if (/\.csv$/i.test(fileName) || !text.trimStart().startsWith('{')) {
    const read = ordersFromCsv(text);
    if (read.errors.length > 0) {
      say(status, csvProblems(fileName, read.errors), true);
      return;
    }
    draft.orders = read.items;
    draft.orderLines = read.lines;
    draft.ordersFrom = fileName;
    // A baseline names orders of the day it came with; new orders make it meaningless.
    draft.extras.baseline = undefined;
    const ignored = read.ignored.length > 0 ? ` Ignored column(s): ${read.ignored.join(', ')}.` : '';
    say(status, `${read.items.length} orders loaded from ${fileName}.${ignored}`);
    return;
  }
  let day: Partial<PlanRequestInput>;
  try {
    day = JSON.parse(text) as Partial<PlanRequestInput>;
  } catch (e) {
    say(status, `${fileName} is not valid JSON: ${describe(e)}`, true);
    return;
  }
  if (!Array.isArray(day.orders)) {
    say(status, `${fileName} has no "orders" list: expected a plan request (see the API’s /openapi.json).`, true);
    return;
  }
  draft.orders = day.orders;
  draft.orderLines = null;
  draft.ordersFrom = fileName;
  if (Array.isArray(day.depots)) draft.depots = day.depots;
  if (Array.isArray(day.vehicles)) draft.vehicles = day.vehicles;
  draft.name = day.name ?? draft.name;
  draft.date = day.date ?? draft.date;
  draft.timezone = day.timezone ?? draft.timezone;
  draft.objective = day.objective ?? draft.objective;
  draft.timeLimitSeconds = day.settings?.timeLimitSeconds ?? draft.timeLimitSeconds;
  draft.frugalStop = day.settings?.frugalStop ?? draft.frugalStop;
  draft.extras = {
    baseline: day.baseline,
    emissions: day.emissions,
    zones: day.zones,
    seed: day.settings?.seed,
    lp: day.settings?.lp,
  };
  fields.write();
  refreshFleet();
  const fleet = Array.isArray(day.vehicles) ? ` and a fleet of ${day.vehicles.length} vehicles` : '';
  say(status, `${draft.orders.length} orders${fleet} loaded from ${fileName}.`);
}

function loadFleetFile(fileName: string, text: string, status: HTMLElement): void {
  if (/\.csv$/i.test(fileName) || !text.trimStart().startsWith('{')) {
    const read = vehiclesFromCsv(text);
    if (read.errors.length > 0) {
      say(status, csvProblems(fileName, read.errors), true);
      return;
    }
    draft.vehicles = read.items;
    say(status, `${read.items.length} vehicles loaded from ${fileName}.`);
    return;
  }
  try {
    const fleet = JSON.parse(text) as Partial<PlanRequestInput>;
    if (!Array.isArray(fleet.vehicles)) throw new Error('it has no "vehicles" list');
    draft.vehicles = fleet.vehicles;
    if (Array.isArray(fleet.depots)) draft.depots = fleet.depots;
    say(status, `${fleet.vehicles.length} vehicles and ${draft.depots.length} depots loaded from ${fileName}.`);
  } catch (e) {
    say(status, `${fileName} is not a fleet: ${describe(e)}`, true);
  }
}

export function buildRequest(d: Draft): PlanRequestInput {
  const request: PlanRequestInput = {
    date: d.date,
    timezone: d.timezone,
    objective: d.objective,
    settings: {
      timeLimitSeconds: d.timeLimitSeconds,
      frugalStop: d.frugalStop,
      ...(d.extras.seed !== undefined ? { seed: d.extras.seed } : {}),
      ...(d.extras.lp !== undefined ? { lp: d.extras.lp } : {}),
    },
    depots: d.depots,
    vehicles: d.vehicles,
    orders: d.orders,
  };
  if (d.name) request.name = d.name;
  if (d.extras.baseline) request.baseline = d.extras.baseline;
  if (d.extras.emissions) request.emissions = d.extras.emissions;
  if (d.extras.zones) request.zones = d.extras.zones;
  return request;
}

/** The API's field paths, with orders named by id and CSV line when they came from a CSV. */
function showProblems(box: HTMLElement, err: unknown): void {
  const items =
    err instanceof ApiError && err.issues.length > 0
      ? err.issues.map((i) => h('li', {}, h('code', {}, readablePath(i.path)), ': ', i.message))
      : [];
  clear(
    box,
    h(
      'div',
      { class: 'error', role: 'alert' },
      h('p', {}, describe(err)),
      items.length > 0 ? h('ul', {}, items) : null,
    ),
  );
}

function readablePath(path: string): string {
  const m = /^orders\[(\d+)\](.*)$/.exec(path);
  if (!m) return path;
  const i = Number(m[1]);
  const order = draft.orders[i];
  const line = draft.orderLines?.[i];
  return `order ${order?.id ?? i}${line ? ` (CSV line ${line})` : ''}${m[2] ? ` ${m[2].replace(/^\./, '')}` : ''}`;
}

function csvProblems(fileName: string, errors: readonly CsvProblem[]): string {
  const shown = errors
    .slice(0, 8)
    .map((e) => `${e.line ? `line ${e.line}` : 'file'}${e.column ? `, ${e.column}` : ''}: ${e.message}`);
  const more = errors.length > 8 ? ` …and ${errors.length - 8} more` : '';
  return `${fileName} was not loaded. ${shown.join('; ')}${more}.`;
}

function say(el: HTMLElement, text: string, error = false): void {
  el.textContent = text;
  el.className = error ? 'error' : '';
}

async function renderRecent(box: HTMLElement): Promise<void> {
  try {
    const page = await api<Page<PlanSummary>>('/v1/plans?limit=10');
    if (page.items.length === 0) {
      box.append(h('p', { class: 'muted' }, 'No plans yet.'));
      return;
    }
    box.append(
      h(
        'ul',
        { class: 'plain' },
        page.items.map((p) =>
          h(
            'li',
            {},
            h('a', { href: `#/planner/${encodeURIComponent(p.id)}` }, p.name ?? p.id),
            ` · ${p.date} · `,
            h('span', { class: `status status-${p.status}` }, p.status),
          ),
        ),
      ),
    );
  } catch (e) {
    box.append(h('p', { class: 'error' }, describe(e)));
  }
}

function tomorrow(): string {
  const d = new Date(Date.now() + 86_400_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
