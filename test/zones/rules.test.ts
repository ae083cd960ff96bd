/** Who may enter a zone, and which addresses are inside one (holes, multipolygons, boundaries). */
import { describe, expect, it } from 'vitest';
import type { PlanRequest } from '../../src/model/schema.ts';
import { parsePlanRequest } from '../../src/model/validate.ts';
import { euroRank, nonCompliance, refusal } from '../../src/zones/emission.ts';
import { zoneRestrictions, zoneTest } from '../../src/zones/restrictions.ts';
import { day, EV, LYON_RING, PLACES, vehicle, ZFE_ALPS, ZFE_LYON } from './fixtures.ts';

function parsed(body: unknown): PlanRequest {
  const r = parsePlanRequest(body);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
}

const truck = (euro: string) =>
  vehicle(`TR-${euro}`, {
    energy: { carrier: 'diesel', vehicleClass: 'rigid_12t' },
    emissionClass: { euro, critAir: '2' },
  });

const request = parsed(
  day({ a: PLACES.bellecour }, [vehicle('DV-1'), EV('EV-1'), truck('Euro VI'), truck('Euro V')], [ZFE_LYON, ZFE_ALPS]),
);
const [lyon, alps] = request.zones!;
const [diesel, ev, truck6, truck5] = request.vehicles;

describe('which addresses are inside a zone', () => {
  const inLyon = zoneTest(lyon);
  const inAlps = zoneTest(alps);
  const at = (f: (x: number, y: number) => boolean, p: { lat: number; lon: number }) => f(p.lon, p.lat);

  it('the centre is inside, the depot and the suburbs are not', () => {
    expect(at(inLyon, PLACES.bellecour)).toBe(true);
    expect(at(inLyon, PLACES.villeurbanne)).toBe(true);
    expect(at(inLyon, PLACES.corbas)).toBe(false);
    expect(at(inLyon, PLACES.saintPriest)).toBe(false);
  });

  it('a hole is outside: the port area is excluded from the zone', () => {
    expect(at(inLyon, PLACES.port)).toBe(false);
    expect(at(inAlps, PLACES.port)).toBe(false);
  });

  it('every polygon of a multipolygon counts', () => {
    expect(at(inAlps, PLACES.grenoble)).toBe(true);
    expect(at(inAlps, PLACES.bellecour)).toBe(true);
    expect(at(inLyon, PLACES.grenoble)).toBe(false);
  });

  it('the boundary itself is inside (a planner cannot be told "just outside")', () => {
    const [lon, lat] = LYON_RING[3];
    expect(inLyon(lon, lat)).toBe(true);
    expect(inLyon((LYON_RING[0][0] + LYON_RING[1][0]) / 2, (LYON_RING[0][1] + LYON_RING[1][1]) / 2)).toBe(true);
  });
});

describe('who may enter', () => {
  it("Crit'Air list: an electric van yes, a Crit'Air 2 diesel van no, with the reason", () => {
    expect(nonCompliance(lyon, ev)).toBeNull();
    expect(refusal(lyon, diesel)).toBe("inside ZFE Lyon (Crit'Air E, 1 only): vehicle is Crit'Air 2");
  });

  it("an electric vehicle is Crit'Air E even when it does not say so", () => {
    const quiet = vehicle('EV-9', {
      energy: { carrier: 'electric', vehicleClass: 'evan_n1' },
      emissionClass: undefined,
    });
    expect(nonCompliance(lyon, parsed(day({ a: PLACES.bellecour }, [quiet])).vehicles[0])).toBeNull();
  });

  it('a vehicle that declares nothing is not guessed compliant', () => {
    const v = parsed(day({ a: PLACES.bellecour }, [vehicle('DV-9', { emissionClass: undefined })])).vehicles[0];
    expect(nonCompliance(lyon, v)).toBe("vehicle declares no Crit'Air sticker (emissionClass.critAir)");
    expect(nonCompliance(alps, v)).toBe('vehicle declares no Euro norm (emissionClass.euro)');
  });

  it('rules per vehicle class: trucks need Euro VI and vans Euro 6', () => {
    expect(nonCompliance(alps, diesel)).toBeNull();
    expect(nonCompliance(alps, truck6)).toBeNull();
    expect(refusal(alps, truck5)).toBe(
      'inside ZFE Lyon + Grenoble (Euro VI or newer; classes rigid_12t only): vehicle is Euro V',
    );
  });

  it('ranks Euro norms on one scale', () => {
    expect(euroRank('Euro 6d-TEMP')).toBe(6);
    expect(euroRank('Euro VI')).toBe(6);
    expect(euroRank('euro5')).toBe(5);
    expect(euroRank('EEV')).toBeGreaterThan(euroRank('Euro V'));
    expect(euroRank('EEV')).toBeLessThan(euroRank('Euro VI'));
    expect(euroRank('ZEV')).toBeGreaterThan(euroRank('Euro 6'));
    expect(euroRank('Euro IV')).toBe(4);
  });
});

describe('zone restrictions for the compiler', () => {
  it('refuse a non-compliant vehicle only for orders inside the zone', () => {
    const [r] = zoneRestrictions([lyon]);
    const order = (p: { lat: number; lon: number }) => ({ ...request.orders[0], location: p });
    expect(r.source).toBe('zone:zfe-lyon');
    expect(r.check(order(PLACES.bellecour), diesel)).toMatch(/^inside ZFE Lyon/);
    expect(r.check(order(PLACES.bellecour), ev)).toBeNull();
    expect(r.check(order(PLACES.port), diesel)).toBeNull();
    expect(r.check(order(PLACES.saintPriest), diesel)).toBeNull();
  });
});
