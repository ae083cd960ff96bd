/**
 * VRPLIB / CVRPLIB text format (X-n101-k25.vrp ...). Conventions of CVRPLIB BKS: EUC_2D distance
 * nint(Euclidean) = floor(x + 0.5), unlimited fleet (one vehicle per client unless VEHICLES is
 * given), objective = total distance. Also reads the VRPTW extension (TIME_WINDOW_SECTION,
 * SERVICE_TIME_SECTION), explicit matrices, and the DISTANCE route limit.
 */
import { buildPointProblem, FormatError, type ParsedInstance, type PointNode } from './build.ts';

const ROUNDING: Record<string, (d: number) => number> = {
  EUC_2D: (d) => Math.floor(d + 0.5),
  CEIL_2D: (d) => Math.ceil(d),
  FLOOR_2D: (d) => Math.floor(d),
  EXACT_2D: (d) => d,
};

interface RawNode {
  x: number;
  y: number;
  demand: number;
  ready: number;
  due: number;
  service: number;
}

export function parseVrplib(text: string, file = 'vrplib'): ParsedInstance {
  const header = new Map<string, string>();
  const order: string[] = [];
  const raw = new Map<string, RawNode>();
  const depots: string[] = [];
  const weights: number[] = [];
  const node = (id: string): RawNode => {
    let r = raw.get(id);
    if (!r) {
      r = { x: 0, y: 0, demand: 0, ready: 0, due: Number.POSITIVE_INFINITY, service: Number.NaN };
      raw.set(id, r);
      order.push(id);
    }
    return r;
  };
  let section = '';
  const lines = text.split(/\r?\n/);
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index].trim();
    if (line === '' || line === 'EOF') continue;
    const keyMatch = /^([A-Z_]+)\s*:\s*(.*)$/.exec(line);
    if (keyMatch) {
      header.set(keyMatch[1], keyMatch[2].trim().replace(/^"|"$/g, ''));
      section = '';
      continue;
    }
    if (/^[A-Z_]+_SECTION\b/.test(line)) {
      section = line.split(/\s+/)[0];
      continue;
    }
    const parts = line.split(/\s+/);
    const nums = parts.map(Number);
    const fail = (msg: string): never => {
      throw new FormatError(file, index + 1, msg);
    };
    if (section !== 'EDGE_WEIGHT_SECTION' && nums.slice(1).some((v) => !Number.isFinite(v))) {
      fail(`expected numbers in ${section || 'the header'}, got "${line}"`);
    }
    switch (section) {
      case 'NODE_COORD_SECTION':
        if (parts.length < 3) fail('expected "id x y"');
        Object.assign(node(parts[0]), { x: nums[1], y: nums[2] });
        break;
      case 'DEMAND_SECTION':
        if (parts.length < 2) fail('expected "id demand"');
        node(parts[0]).demand = nums[1];
        break;
      case 'SERVICE_TIME_SECTION':
        node(parts[0]).service = nums[1];
        break;
      case 'TIME_WINDOW_SECTION':
        if (nums[1] > nums[2]) fail(`window [${nums[1]}, ${nums[2]}] ends before it starts`);
        Object.assign(node(parts[0]), { ready: nums[1], due: nums[2] });
        break;
      case 'DEPOT_SECTION':
        for (const p of parts) if (p !== '-1') depots.push(p);
        break;
      case 'EDGE_WEIGHT_SECTION':
        for (const v of nums) {
          if (!Number.isFinite(v)) fail(`expected edge weights, got "${line}"`);
          weights.push(v);
        }
        break;
      default:
        fail(`unexpected line "${line}"`);
    }
  }
  const dimension = Number(header.get('DIMENSION'));
  const capacity = Number(header.get('CAPACITY') ?? Number.POSITIVE_INFINITY);
  if (!Number.isInteger(dimension) || dimension < 2) throw new FormatError(file, null, 'DIMENSION missing or invalid');
  if (!(capacity > 0)) throw new FormatError(file, null, 'CAPACITY invalid');
  const weightType = header.get('EDGE_WEIGHT_TYPE') ?? 'EUC_2D';
  if (weightType !== 'EXPLICIT' && !ROUNDING[weightType]) {
    throw new FormatError(file, null, `EDGE_WEIGHT_TYPE ${weightType} is not supported`);
  }
  if (order.length === 0) for (let i = 1; i <= dimension; i++) node(String(i));
  if (order.length !== dimension)
    throw new FormatError(file, null, `${order.length} nodes, DIMENSION says ${dimension}`);
  if (depots.length === 0) depots.push(order[0]);
  for (const d of depots) if (!raw.has(d)) throw new FormatError(file, null, `depot ${d} is not a node`);

  // Depots first (in DEPOT_SECTION order), then the clients in file order.
  const ids = [...depots, ...order.filter((id) => !depots.includes(id))];
  const uniformService = Number(header.get('SERVICE_TIME') ?? 0);
  const nodes: PointNode[] = ids.map((id) => {
    const r = raw.get(id)!;
    const isDepot = depots.includes(id);
    return {
      id,
      x: r.x,
      y: r.y,
      demand: r.demand,
      ready: r.ready,
      due: r.due,
      service: Number.isNaN(r.service) ? (isDepot ? 0 : uniformService) : r.service,
    };
  });
  const matrix = weightType === 'EXPLICIT' ? explicitMatrix(header, weights, order, ids, file) : undefined;
  const vehicles = header.has('VEHICLES') ? Number(header.get('VEHICLES')) : ids.length - depots.length;
  const problem = buildPointProblem({
    nodes,
    numDepots: depots.length,
    matrix,
    round: ROUNDING[weightType] ?? ((d) => d),
    capacity,
    vehicles,
    maxDistance: header.has('DISTANCE') ? Number(header.get('DISTANCE')) : undefined,
    shiftStart: nodes[0].ready,
    shiftEnd: nodes[0].due,
  });
  return { name: header.get('NAME') ?? file, format: 'vrplib', problem, locationIds: ids };
}

/** Expands EDGE_WEIGHT_SECTION into a full matrix over `ids` (depots first). */
function explicitMatrix(
  header: Map<string, string>,
  weights: number[],
  fileOrder: string[],
  ids: string[],
  file: string,
): Float64Array {
  const n = fileOrder.length;
  const full = new Float64Array(n * n);
  const format = header.get('EDGE_WEIGHT_FORMAT') ?? 'FULL_MATRIX';
  let k = 0;
  const set = (i: number, j: number): void => {
    full[i * n + j] = full[j * n + i] = weights[k++];
  };
  if (format === 'FULL_MATRIX') {
    for (let i = 0; i < n * n; i++) full[i] = weights[k++];
  } else if (format === 'LOWER_ROW') {
    for (let i = 1; i < n; i++) for (let j = 0; j < i; j++) set(i, j);
  } else if (format === 'LOWER_DIAG_ROW') {
    for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) set(i, j);
  } else if (format === 'UPPER_ROW') {
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) set(i, j);
  } else if (format === 'UPPER_DIAG_ROW') {
    for (let i = 0; i < n; i++) for (let j = i; j < n; j++) set(i, j);
  } else {
    throw new FormatError(file, null, `EDGE_WEIGHT_FORMAT ${format} is not supported`);
  }
  if (k !== weights.length || weights.length === 0) {
    throw new FormatError(file, null, `EDGE_WEIGHT_SECTION has ${weights.length} values, ${format} needs ${k}`);
  }
  const pos = new Map(fileOrder.map((id, i) => [id, i]));
  const out = new Float64Array(n * n);
  for (let a = 0; a < n; a++) {
    for (let b = 0; b < n; b++) out[a * n + b] = full[pos.get(ids[a])! * n + pos.get(ids[b])!];
  }
  return out;
}
