/**
 * Solomon VRPTW text format (C101.txt ...). Conventions of the published BKS: double-precision
 * Euclidean distance, travel time = distance, service time at customers, depot due date =
 * horizon (routes back by it), at most VEHICLE NUMBER routes, objective = total distance.
 */
import { buildPointProblem, FormatError, type ParsedInstance, type PointNode } from './build.ts';

export function parseSolomon(text: string, file = 'solomon'): ParsedInstance {
  const lines = text.split(/\r?\n/);
  const name = lines.find((l) => l.trim() !== '')?.trim() ?? file;
  let vehicles = Number.NaN;
  let capacity = Number.NaN;
  const nodes: PointNode[] = [];
  let section: 'none' | 'vehicle' | 'customer' = 'none';
  lines.forEach((raw, index) => {
    const line = raw.trim();
    if (line === '') return;
    const upper = line.toUpperCase();
    if (upper.startsWith('VEHICLE')) return void (section = 'vehicle');
    if (upper.startsWith('CUSTOMER')) return void (section = 'customer');
    if (/^[A-Z]/.test(upper)) return; // headers ("NUMBER CAPACITY", "CUST NO. ...") and the name
    const fields = line.split(/\s+/).map(Number);
    if (fields.some((f) => !Number.isFinite(f)))
      throw new FormatError(file, index + 1, `expected numbers, got "${line}"`);
    if (section === 'vehicle') {
      if (fields.length !== 2) throw new FormatError(file, index + 1, 'expected "NUMBER CAPACITY"');
      [vehicles, capacity] = fields;
    } else if (section === 'customer') {
      if (fields.length !== 7)
        throw new FormatError(file, index + 1, `expected 7 customer fields, got ${fields.length}`);
      const [, x, y, demand, ready, due, service] = fields;
      if (ready > due) throw new FormatError(file, index + 1, `ready time ${ready} after due date ${due}`);
      nodes.push({ id: line.split(/\s+/)[0], x, y, demand, ready, due, service });
    }
  });
  if (!Number.isFinite(vehicles) || !Number.isFinite(capacity)) throw new FormatError(file, null, 'no VEHICLE section');
  if (nodes.length < 2) throw new FormatError(file, null, 'no customers');
  const depot = nodes[0];
  const problem = buildPointProblem({
    nodes,
    numDepots: 1,
    round: (d) => d,
    capacity,
    vehicles,
    shiftStart: depot.ready,
    shiftEnd: depot.due,
  });
  return { name, format: 'solomon', problem, locationIds: nodes.map((n) => n.id) };
}
