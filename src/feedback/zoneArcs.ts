/**
 * "A road near this point is blocked" as legs of one plan: every leg between two of the day's
 * customers or depots, at most maxLegKm long, whose straight line passes within the radius of the
 * point. Straight lines stand in for roads here, which is why long legs are left out (they say
 * little about which streets are used). Legs that start or end inside the circle are kept: a
 * customer behind the blocked spot must still be reachable.
 */
import type { NodeRef } from '../compile/rules.ts';
import type { PlanRequest } from '../model/schema.ts';
import { metresBetween, metresToSegment } from './geometry.ts';
import type { LatLon } from './types.ts';

export interface ZoneArc {
  readonly from: NodeRef;
  readonly to: NodeRef;
  /** How close the leg passes to the point. */
  readonly metres: number;
}

interface Node {
  readonly key: string;
  readonly ref: NodeRef;
  readonly at: LatLon;
}

export function zoneArcs(
  request: PlanRequest,
  center: LatLon,
  radiusMetres: number,
  maxLegKm: number,
  maxArcs: number,
): { arcs: ZoneArc[]; capped: boolean } {
  const reach = maxLegKm * 1000 + radiusMetres;
  const nodes: Node[] = [];
  const seen = new Set<string>();
  const add = (key: string, ref: NodeRef, at: LatLon) => {
    const d = metresBetween(center, at);
    const dedupe = `${key}@${at.lat},${at.lon}`;
    if (d <= radiusMetres || d > reach || seen.has(dedupe)) return;
    seen.add(dedupe);
    nodes.push({ key, ref, at });
  };
  for (const d of request.depots) add(`d:${d.id}`, { depotId: d.id }, d.location);
  for (const o of request.orders) add(`c:${o.customerId}`, { customerId: o.customerId }, o.location);

  const found = new Map<string, ZoneArc>();
  for (let i = 0; i < nodes.length; i++) {
    for (let j = i + 1; j < nodes.length; j++) {
      const a = nodes[i];
      const b = nodes[j];
      if (a.key === b.key || metresBetween(a.at, b.at) > maxLegKm * 1000) continue;
      const metres = metresToSegment(center, a.at, b.at);
      if (metres > radiusMetres) continue;
      for (const [x, y] of [
        [a, b],
        [b, a],
      ]) {
        const k = `${x.key}>${y.key}`;
        const prev = found.get(k);
        if (!prev || metres < prev.metres) found.set(k, { from: x.ref, to: y.ref, metres });
      }
    }
  }
  const arcs = [...found.values()].sort((p, q) => p.metres - q.metres);
  return { arcs: arcs.slice(0, maxArcs), capped: arcs.length > maxArcs };
}
