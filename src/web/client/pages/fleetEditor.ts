/**
 * The fleet as two editable tables: depots, and vehicles with the fields a planner changes day to
 * day (driver, depot, capacity, shift, energy, stop cap). Fields the tables do not show (costs,
 * emission class, skills…) are kept as they were loaded. The whole fleet can be saved as JSON.
 */
import { vehiclesToCsv } from '../dayCsv.ts';
import { clear, download, h } from '../dom.ts';
import type { PlanRequestInput } from '../types.ts';

type Depot = PlanRequestInput['depots'][number];
type Vehicle = PlanRequestInput['vehicles'][number];

interface FleetHolder {
  depots: Depot[];
  vehicles: Vehicle[];
}

const CARRIERS = ['diesel', 'petrol', 'cng', 'bio_cng', 'hvo100', 'lpg', 'electric'];
const CLASSES = ['van_n1', 'evan_n1', 'rigid_7_5t', 'rigid_12t', 'rigid_19t', 'artic_40t'];

export function renderFleetEditor(box: HTMLElement, fleet: FleetHolder): void {
  const rerender = () => renderFleetEditor(box, fleet);
  const depotRows = fleet.depots.map((d, i) =>
    h(
      'tr',
      {},
      cell(textInput(`depot-${i}-id`, 'Depot id', d.id, (v) => (d.id = v))),
      cell(textInput(`depot-${i}-name`, 'Depot name', d.name ?? '', (v) => (d.name = v || undefined))),
      cell(numberInput(`depot-${i}-lat`, 'Latitude', d.location.lat, (v) => (d.location.lat = v ?? 0), '0.00001')),
      cell(numberInput(`depot-${i}-lon`, 'Longitude', d.location.lon, (v) => (d.location.lon = v ?? 0), '0.00001')),
      cell(
        removeButton(`Remove depot ${d.id}`, () => {
          fleet.depots.splice(i, 1);
          rerender();
        }),
      ),
    ),
  );
  const vehicleRows = fleet.vehicles.map((v, i) =>
    h(
      'tr',
      {},
      cell(textInput(`veh-${i}-id`, 'Vehicle id', v.id, (x) => (v.id = x))),
      cell(textInput(`veh-${i}-driver`, `Driver of ${v.id}`, v.driverId ?? '', (x) => (v.driverId = x || undefined))),
      cell(
        select(
          `veh-${i}-depot`,
          `Depot of ${v.id}`,
          fleet.depots.map((d) => d.id),
          v.startDepot,
          (x) => (v.startDepot = x),
        ),
      ),
      cell(numberInput(`veh-${i}-kg`, `kg capacity of ${v.id}`, v.capacity.kg, (x) => setQty(v.capacity, 'kg', x))),
      cell(
        numberInput(`veh-${i}-m3`, `m3 capacity of ${v.id}`, v.capacity.m3, (x) => setQty(v.capacity, 'm3', x), '0.1'),
      ),
      cell(
        timeInput(`veh-${i}-shift-start`, `Shift start of ${v.id}`, v.shift?.start, (x) => setShift(v, 'start', x)),
        timeInput(`veh-${i}-shift-end`, `Shift end of ${v.id}`, v.shift?.end, (x) => setShift(v, 'end', x)),
      ),
      cell(
        select(
          `veh-${i}-carrier`,
          `Energy of ${v.id}`,
          CARRIERS,
          v.energy.carrier,
          (x) => (v.energy.carrier = x as never),
        ),
      ),
      cell(
        select(
          `veh-${i}-class`,
          `Class of ${v.id}`,
          CLASSES,
          v.energy.vehicleClass,
          (x) => (v.energy.vehicleClass = x as never),
        ),
      ),
      cell(numberInput(`veh-${i}-maxstops`, `Most stops for ${v.id}`, v.maxStops, (x) => (v.maxStops = x), '1')),
      cell(
        removeButton(`Remove vehicle ${v.id}`, () => {
          fleet.vehicles.splice(i, 1);
          rerender();
        }),
      ),
    ),
  );
  const addDepot = h(
    'button',
    {
      type: 'button',
      class: 'secondary',
      onclick: () => {
        fleet.depots.push({ id: `depot-${fleet.depots.length + 1}`, location: { lat: 45.75, lon: 4.85 } });
        rerender();
      },
    },
    'Add a depot',
  );
  const addVehicle = h(
    'button',
    {
      type: 'button',
      class: 'secondary',
      onclick: () => {
        const last = fleet.vehicles[fleet.vehicles.length - 1];
        const copy: Vehicle = last
          ? (JSON.parse(JSON.stringify(last)) as Vehicle)
          : {
              id: 'V-1',
              startDepot: fleet.depots[0]?.id ?? 'depot-1',
              capacity: { kg: 1000 },
              energy: { carrier: 'diesel', vehicleClass: 'van_n1' },
            };
        copy.id = `V-${fleet.vehicles.length + 1}`;
        copy.driverId = undefined;
        fleet.vehicles.push(copy);
        rerender();
      },
    },
    'Add a vehicle',
  );
  clear(
    box,
    h('h3', {}, `Depots (${fleet.depots.length})`),
    h(
      'div',
      { class: 'table-wrap' },
      h(
        'table',
        { class: 'edit', id: 'depots-table' },
        h('thead', {}, h('tr', {}, th('Id'), th('Name'), th('Lat'), th('Lon'), th(''))),
        h('tbody', {}, depotRows),
      ),
    ),
    h('p', {}, addDepot),
    h('h3', {}, `Vehicles (${fleet.vehicles.length})`),
    h(
      'div',
      { class: 'table-wrap' },
      h(
        'table',
        { class: 'edit', id: 'vehicles-table' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            th('Id'),
            th('Driver'),
            th('Depot'),
            th('kg'),
            th('m³'),
            th('Shift'),
            th('Energy'),
            th('Class'),
            th('Max stops'),
            th(''),
          ),
        ),
        h('tbody', {}, vehicleRows),
      ),
    ),
    h(
      'p',
      { class: 'actions' },
      addVehicle,
      h(
        'button',
        {
          type: 'button',
          class: 'secondary',
          onclick: () =>
            download(
              'tournee-fleet.json',
              JSON.stringify({ depots: fleet.depots, vehicles: fleet.vehicles }, null, 2),
              'application/json',
            ),
        },
        'Save fleet (JSON)',
      ),
      h(
        'button',
        {
          type: 'button',
          class: 'secondary',
          onclick: () => download('tournee-vehicles.csv', vehiclesToCsv(fleet.vehicles), 'text/csv'),
        },
        'Save vehicles (CSV)',
      ),
    ),
  );
}

const th = (t: string) => h('th', { scope: 'col' }, t);
const cell = (...c: Node[]) => h('td', {}, c);

function textInput(id: string, label: string, value: string, set: (v: string) => void): HTMLInputElement {
  const el = h('input', { id, type: 'text', value, 'aria-label': label, size: '10' });
  el.addEventListener('change', () => set(el.value.trim()));
  return el;
}

function numberInput(
  id: string,
  label: string,
  value: number | undefined,
  set: (v: number | undefined) => void,
  step = 'any',
): HTMLInputElement {
  const el = h('input', {
    id,
    type: 'number',
    step,
    value: value === undefined ? '' : String(value),
    'aria-label': label,
    inputmode: 'decimal',
  });
  el.addEventListener('change', () => set(el.value === '' ? undefined : Number(el.value)));
  return el;
}

function timeInput(id: string, label: string, value: string | number | undefined, set: (v: string) => void) {
  const text = typeof value === 'number' ? secondsToClock(value) : (value ?? '');
  const el = h('input', { id, type: 'time', value: text.slice(0, 5), 'aria-label': label });
  el.addEventListener('change', () => set(el.value));
  return el;
}

function select(id: string, label: string, options: readonly string[], value: string, set: (v: string) => void) {
  const all = options.includes(value) ? options : [value, ...options];
  const el = h(
    'select',
    { id, 'aria-label': label },
    all.map((o) => h('option', { value: o, selected: o === value }, o)),
  );
  el.addEventListener('change', () => set(el.value));
  return el;
}

function removeButton(label: string, onclick: () => void) {
  return h('button', { type: 'button', class: 'icon', 'aria-label': label, title: label, onclick }, '×');
}

function setQty(q: Record<string, number>, dim: string, v: number | undefined): void {
  if (v === undefined) delete q[dim];
  else q[dim] = v;
}

function setShift(v: Vehicle, end: 'start' | 'end', value: string): void {
  const shift = v.shift ?? { start: '06:00', end: '18:00' };
  shift[end] = value;
  v.shift = shift;
}

function secondsToClock(t: number): string {
  return `${String(Math.floor(t / 3600)).padStart(2, '0')}:${String(Math.floor((t % 3600) / 60)).padStart(2, '0')}`;
}
