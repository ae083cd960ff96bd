/** Zone bodies: a good zone passes; each broken one is refused with the JSON path of what is wrong. */
import { describe, expect, it } from 'vitest';
import { parsePlanRequest } from '../../src/model/validate.ts';
import { day, EV, GRENOBLE_RING, LYON_RING, PLACES, PORT_HOLE, vehicle, ZFE_ALPS, ZFE_LYON } from './fixtures.ts';

const orders = { a: PLACES.bellecour, b: PLACES.saintPriest };
const withZones = (...zones: unknown[]) => day(orders, [vehicle('DV-1'), EV('EV-1')], zones);

function issues(body: unknown) {
  const r = parsePlanRequest(body);
  if (r.ok) return [];
  return r.error.map((i) => [i.path, i.message] as const);
}

const zone = (geometry: unknown, extra: Record<string, unknown> = {}) => ({ ...ZFE_LYON, geometry, ...extra });
const square = (x: number, y: number, d = 0.01): [number, number][] => [
  [x, y],
  [x + d, y],
  [x + d, y + d],
  [x, y + d],
  [x, y],
];

describe('zones in the request', () => {
  it('accepts a polygon with a hole and a multipolygon with rules per vehicle class', () => {
    const r = parsePlanRequest(withZones(ZFE_LYON, ZFE_ALPS));
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.value.zones?.[1].allowedByClass?.rigid_12t?.minEuro).toBe('Euro VI');
      expect(r.value.zones?.[0].geometry.coordinates).toHaveLength(2);
    }
  });

  it('accepts positions with an altitude and rings touching at one point', () => {
    const ring3d = LYON_RING.map(([x, y]) => [x, y, 170]);
    const touching = [PORT_HOLE[0], [4.848, 45.722], [4.848, 45.738], [4.825, 45.738], PORT_HOLE[0]];
    expect(issues(withZones(zone({ type: 'Polygon', coordinates: [ring3d, touching] })))).toEqual([]);
  });

  const ring = (...p: [number, number][]) => p;
  const BAD: [string, unknown, [string, RegExp][]][] = [
    [
      'an open ring',
      zone({ type: 'Polygon', coordinates: [LYON_RING.slice(0, -1)] }),
      [['zones[0].geometry.coordinates[0][8]', /outer ring is not closed/]],
    ],
    [
      'a longitude off the globe',
      zone({
        type: 'Polygon',
        coordinates: [
          [
            [4.8, 45.7],
            [184.9, 45.7],
            [4.9, 45.8],
            [4.8, 45.7],
          ],
        ],
      }),
      [['zones[0].geometry.coordinates[0][1][0]', /longitude must be ≤ 180/]],
    ],
    [
      'latitude and longitude swapped (lat, lon order)',
      zone({
        type: 'Polygon',
        coordinates: [
          [
            [45.7, 94.8],
            [45.7, 94.9],
            [45.8, 94.9],
            [45.7, 94.8],
          ],
        ],
      }),
      [
        ['zones[0].geometry.coordinates[0][0][1]', /latitude must be ≤ 90/],
        ['zones[0].geometry.coordinates[0][1][1]', /latitude/],
        ['zones[0].geometry.coordinates[0][2][1]', /latitude/],
        ['zones[0].geometry.coordinates[0][3][1]', /latitude/],
      ],
    ],
    [
      'too few positions',
      zone({ type: 'Polygon', coordinates: [ring([4.8, 45.7], [4.9, 45.7], [4.8, 45.7])] }),
      [['zones[0].geometry.coordinates[0]', /at least 4 positions/]],
    ],
    [
      'a ring that crosses itself (bow tie)',
      zone({ type: 'Polygon', coordinates: [ring([4.8, 45.7], [4.9, 45.8], [4.9, 45.7], [4.8, 45.8], [4.8, 45.7])] }),
      [['zones[0].geometry.coordinates[0]', /the outer ring crosses itself near \[4\.85, 45\.75\]/]],
    ],
    [
      'a ring with no area',
      zone({ type: 'Polygon', coordinates: [ring([4.8, 45.7], [4.9, 45.7], [5, 45.7], [4.8, 45.7])] }),
      [['zones[0].geometry.coordinates[0]', /has no area/]],
    ],
    [
      'a hole outside its polygon',
      zone({ type: 'Polygon', coordinates: [LYON_RING, square(5.5, 45.5)] }),
      [['zones[0].geometry.coordinates[1]', /hole 1 lies outside the outer ring/]],
    ],
    [
      'a hole crossing its outer ring',
      zone({ type: 'Polygon', coordinates: [LYON_RING, square(4.92, 45.75, 0.05)] }),
      [['zones[0].geometry.coordinates[1]', /hole 1 crosses the outer ring/]],
    ],
    [
      'a broken second polygon of a multipolygon',
      zone({ type: 'MultiPolygon', coordinates: [[LYON_RING], [GRENOBLE_RING.slice(0, 4)]] }),
      [['zones[0].geometry.coordinates[1][0][3]', /not closed/]],
    ],
    [
      'a geometry that is not an area',
      zone({ type: 'LineString', coordinates: LYON_RING }),
      [['zones[0].geometry.type', /Polygon/]],
    ],
    [
      'numbers where positions should be',
      zone({ type: 'Polygon', coordinates: [[1, 2, 3, 4]] }),
      [0, 1, 2, 3].map((k): [string, RegExp] => [
        `zones[0].geometry.coordinates[0][${k}]`,
        /expected a position \[longitude, latitude\]/,
      ]),
    ],
    [
      "an unknown Crit'Air sticker",
      zone(ZFE_LYON.geometry, { allowed: { critAir: ['0'] } }),
      [['zones[0].allowed.critAir[0]', /E.*NC/]],
    ],
    [
      'an empty rule',
      zone(ZFE_LYON.geometry, { allowed: {} }),
      [['zones[0].allowed', /at least one of critAir, minEuro, vehicleClasses/]],
    ],
    [
      'a Euro norm that is not one',
      zone(ZFE_LYON.geometry, { allowed: { minEuro: 'Euro 9' } }),
      [['zones[0].allowed.minEuro', /Euro norm/]],
    ],
    [
      'a rule for an unknown vehicle class',
      zone(ZFE_LYON.geometry, { allowedByClass: { tractor: { critAir: ['E'] } } }),
      [['zones[0].allowedByClass', /unknown field\(s\): tractor/]],
    ],
  ];

  it.each(BAD)('refuses %s, at the path of the problem', (_what, z, expected) => {
    const found = issues(withZones(z));
    expect(found.map(([p]) => p)).toEqual(expected.map(([p]) => p));
    expected.forEach(([, message], k) => expect(found[k][1]).toMatch(message));
  });

  it('refuses two zones with one id, and reports the bad fields of every zone at once', () => {
    const broken = zone({ type: 'Polygon', coordinates: [] }, { id: 'broken' });
    const found = issues(withZones(ZFE_LYON, { ...ZFE_ALPS, id: 'zfe-lyon' }, broken));
    expect(found.map(([p]) => p)).toEqual(['zones[2].geometry.coordinates', 'zones[1].id']);
    expect(found[1][1]).toBe('duplicate id "zfe-lyon" (also zones[0])');
  });

  it('checks a large boundary quickly and finds its crossing', () => {
    const n = 20_000;
    const circle = Array.from({ length: n }, (_, i): [number, number] => [
      4.84 + 0.05 * Math.cos((2 * Math.PI * i) / n),
      45.76 + 0.035 * Math.sin((2 * Math.PI * i) / n),
    ]);
    // Swap two neighbouring vertices far apart in the list order: the ring now crosses itself there.
    const kinked = [...circle];
    [kinked[100], kinked[101]] = [kinked[101], kinked[100]];
    expect(issues(withZones(zone({ type: 'Polygon', coordinates: [[...circle, circle[0]]] })))).toEqual([]);
    const found = issues(withZones(zone({ type: 'Polygon', coordinates: [[...kinked, kinked[0]]] })));
    expect(found).toHaveLength(1);
    expect(found[0][1]).toMatch(/crosses itself/);
  });
});
