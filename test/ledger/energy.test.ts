/**
 * The vehicle energy model: L1 per leg (drop order matters), class defaults, refrigeration,
 * electricity from the grid, override precedence, and the co2 objective's coefficients agreeing
 * with the ledger's leg-by-leg figures.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { energyCoefficients } from '../../src/ledger/co2Objective.ts';
import { legsFigures, vehicleEnergy } from '../../src/ledger/energy.ts';
import { GRID_INTENSITY, REFRIGERATION_UPLIFT, VEHICLE_CLASS_DEFAULTS } from '../../src/ledger/factors.ts';
import type { PlanRequestInput, VehicleSpec } from '../../src/model/schema.ts';
import { parsePlanRequest } from '../../src/model/validate.ts';

type VehicleInput = PlanRequestInput['vehicles'][number];

function request(vehicles: VehicleInput[], emissions?: PlanRequestInput['emissions']) {
  const dim = Object.keys(vehicles[0].capacity)[0];
  return parsePlanRequest({
    date: '2026-12-01',
    depots: [{ id: 'D', location: { lat: 45.7, lon: 4.9 } }],
    vehicles,
    orders: [{ id: 'o', customerId: 'c', location: { lat: 45.8, lon: 4.9 }, demand: { [dim]: 1 } }],
    emissions,
  });
}

function vehicle(energy: VehicleInput['energy'], capacity: Record<string, number> = { kg: 1000 }): VehicleSpec {
  const parsed = request([{ id: 'V', startDepot: 'D', capacity, energy }]);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
  return parsed.value.vehicles[0];
}

const diesel12t = vehicle({ carrier: 'diesel', vehicleClass: 'rigid_12t' }, { kg: 5000 });

describe('L1 load-linear fuel per leg', () => {
  const e = vehicleEnergy(diesel12t);

  it('uses the class table: empty and full consumption per 100 km, capacity in kg', () => {
    expect(e.model).toBe('L1');
    expect(e.loadDim).toBe('kg');
    expect(e.capacity).toBe(5000);
    expect(legsFigures(e, [{ km: 100, load: 0 }]).fuelL).toBeCloseTo(VEHICLE_CLASS_DEFAULTS.rigid_12t.empty.value, 9);
    expect(legsFigures(e, [{ km: 100, load: 5000 }]).fuelL).toBeCloseTo(VEHICLE_CLASS_DEFAULTS.rigid_12t.full.value, 9);
  });

  it('makes drop order matter: the heavy drop first burns less on the same km', () => {
    // depot → A (10 km) → B (10 km) → depot (10 km); A takes 4 t, B 1 t.
    const heavyFirst = [
      { km: 10, load: 5000 },
      { km: 10, load: 1000 },
      { km: 10, load: 0 },
    ];
    const lightFirst = [
      { km: 10, load: 5000 },
      { km: 10, load: 4000 },
      { km: 10, load: 0 },
    ];
    const a = legsFigures(e, heavyFirst);
    const b = legsFigures(e, lightFirst);
    expect(a.km).toBe(b.km);
    expect(a.fuelL).toBeLessThan(b.fuelL);
    // The difference is the slope times the 3 t carried over 10 km more in the light-first order.
    expect(b.fuelL - a.fuelL).toBeCloseTo(((25.6 - 21.4) / 100) * 10 * (3000 / 5000), 9);
  });

  it('is linear in km and in load (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 500, noNaN: true }),
        fc.double({ min: 0, max: 5000, noNaN: true }),
        (km, load) => {
          const f = legsFigures(e, [{ km, load }]).fuelL;
          const expected = (km * (21.4 + ((25.6 - 21.4) * load) / 5000)) / 100;
          expect(f).toBeCloseTo(expected, 9);
        },
      ),
    );
  });
});

describe('class defaults, carriers and overrides', () => {
  it('adds the documented refrigeration uplift (+19 %)', () => {
    const cold = vehicleEnergy(vehicle({ carrier: 'diesel', vehicleClass: 'van_n1', refrigerated: true }));
    const warm = vehicleEnergy(vehicle({ carrier: 'diesel', vehicleClass: 'van_n1' }));
    expect(REFRIGERATION_UPLIFT.value).toBeCloseTo(1.19, 2);
    expect(cold.emptyPerKm / warm.emptyPerKm).toBeCloseTo(REFRIGERATION_UPLIFT.value, 12);
  });

  it('counts e-vans in kWh from the grid, TTW 0, WTW at the grid intensity of the factor set (FR legal 48 g)', () => {
    const ev = vehicleEnergy(vehicle({ carrier: 'electric', vehicleClass: 'evan_n1' }, { kg: 750 }));
    expect(ev.unit).toBe('kWh');
    const f = legsFigures(ev, [{ km: 100, load: 0 }]);
    expect(f.electricityKWh).toBeCloseTo(20, 9);
    expect(f.co2eTtwKg).toBe(0);
    expect(f.co2eWtwKg).toBeCloseTo(20 * 0.048, 9);
    expect(ev.basis.grid).toMatchObject({ region: 'FR-arrete-2017', gPerKWh: 48 });
  });

  it('charges charging losses and the chosen grid region', () => {
    const spec = vehicle({ carrier: 'electric', vehicleClass: 'evan_n1' }, { kg: 750 });
    const ev = vehicleEnergy(spec, { gridRegion: 'DE', chargingEfficiency: 0.8 });
    const f = legsFigures(ev, [{ km: 100, load: 0 }]);
    expect(f.electricityKWh).toBeCloseTo(25, 9);
    expect(f.co2eWtwKg).toBeCloseTo(25 * (GRID_INTENSITY.DE.gPerKWh.value / 1000), 9);
  });

  it('takes vehicle overrides over request overrides over the factor set', () => {
    const spec = vehicle({ carrier: 'diesel', vehicleClass: 'van_n1' });
    expect(vehicleEnergy(spec).wtwPerUnit).toBe(3.17);
    expect(vehicleEnergy(spec, { factorSet: 'ademe-base-carbone-2025' }).wtwPerUnit).toBe(3.1);
    expect(vehicleEnergy(spec, { fuels: { diesel: { wtwKgPerUnit: 3.0 } } }).wtwPerUnit).toBe(3.0);
    const both = vehicleEnergy(spec, {
      fuels: { diesel: { wtwKgPerUnit: 3.0 } },
      vehicles: { V: { wtwKgPerUnit: 2.9 } },
    });
    expect(both.wtwPerUnit).toBe(2.9);
    expect(both.basis.factors.source).toContain('request');
  });

  it("uses the vehicle's own consumption when given", () => {
    const e = vehicleEnergy(
      vehicle({ carrier: 'petrol', vehicleClass: 'van_n1', consumptionEmpty: 12, consumptionFull: 15 }),
    );
    expect(legsFigures(e, [{ km: 100, load: 500 }]).fuelL).toBeCloseTo(13.5, 9);
    expect(e.ttwPerUnit).toBe(2.26);
  });

  it('converts HVO100 litres from the diesel class by energy content (36/34 MJ/L)', () => {
    const hvo = vehicleEnergy(vehicle({ carrier: 'hvo100', vehicleClass: 'van_n1' }));
    expect(hvo.emptyPerKm * 100).toBeCloseTo((9.8 * 36) / 34, 9);
    expect(hvo.ttwPerUnit).toBe(0);
  });

  it('falls back to the class average (L0) without a load dimension', () => {
    const e = vehicleEnergy(vehicle({ carrier: 'diesel', vehicleClass: 'van_n1' }, { m3: 10, pallets: 4 }));
    expect(e.model).toBe('L0');
    expect(legsFigures(e, [{ km: 100, load: 123 }]).fuelL).toBeCloseTo(10.8, 9);
  });

  it('rejects carriers without a documented class consumption, and unknown override targets', () => {
    const bad = request([
      { id: 'V', startDepot: 'D', capacity: { kg: 1000 }, energy: { carrier: 'cng', vehicleClass: 'van_n1' } },
    ]);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.map((i) => i.pointer)).toContain('/vehicles/0/energy/consumptionEmpty');
    const unknown = request(
      [{ id: 'V', startDepot: 'D', capacity: { kg: 1000 }, energy: { carrier: 'diesel', vehicleClass: 'van_n1' } }],
      { vehicles: { NOPE: { wtwKgPerUnit: 3 } }, allocation: { dimension: 'pallets' } },
    );
    expect(unknown.ok).toBe(false);
    if (!unknown.ok) {
      expect(unknown.error.map((i) => i.pointer)).toEqual(
        expect.arrayContaining(['/emissions/vehicles/NOPE', '/emissions/allocation/dimension']),
      );
    }
  });
});

describe('co2 objective coefficients', () => {
  it('price a route exactly as the ledger costs it leg by leg (kg CO2e WTW)', () => {
    const e = vehicleEnergy(diesel12t);
    const c = energyCoefficients(e);
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            km: fc.double({ min: 0, max: 50, noNaN: true }),
            load: fc.double({ min: 0, max: 5000, noNaN: true }),
          }),
          {
            maxLength: 12,
          },
        ),
        (legs) => {
          const objective = legs.reduce(
            (s, l) => s + c.perMetre * l.km * 1000 + c.perMetreLoad * l.km * 1000 * l.load,
            0,
          );
          expect(objective).toBeCloseTo(legsFigures(e, legs).co2eWtwKg, 9);
        },
      ),
    );
  });
});
