/**
 * A plan on a map with Leaflet's SVG renderer: one colour per route, stops numbered in order,
 * depots, and unassigned orders in grey. Tiles only when a tile server is configured
 * (TOURNEE_TILE_URL); otherwise the lines and points stand on a plain background, so the map
 * works with no internet at all.
 */
import * as L from 'leaflet';
import type { RoutesGeoJson } from './types.ts';

export interface TileConfig {
  readonly tileUrl: string | null;
  readonly tileAttribution: string | null;
  readonly tileMaxZoom: number;
}

/** Okabe–Ito colours (told apart with colour-blindness) and a few more, darkened for white lines. */
export const ROUTE_COLOURS = [
  '#0072B2',
  '#D55E00',
  '#009E73',
  '#CC79A7',
  '#E69F00',
  '#56B4E9',
  '#7F3C8D',
  '#3B7A57',
  '#B22222',
  '#444444',
  '#8C564B',
  '#1F9E89',
];

export function routeColour(routeNumber: number): string {
  return ROUTE_COLOURS[(routeNumber - 1) % ROUTE_COLOURS.length]!;
}

let tiles: Promise<TileConfig> | null = null;

/** The tile settings from the server (public; fetched once). */
export function tileConfig(): Promise<TileConfig> {
  tiles ??= fetch('/app/config.json')
    .then((r) => (r.ok ? (r.json() as Promise<TileConfig>) : null))
    .catch(() => null)
    .then((c) => c ?? { tileUrl: null, tileAttribution: null, tileMaxZoom: 19 });
  return tiles;
}

export function drawPlanMap(el: HTMLElement, fc: RoutesGeoJson, config: TileConfig): L.Map {
  const map = L.map(el, { renderer: L.svg(), preferCanvas: false, attributionControl: Boolean(config.tileUrl) });
  if (config.tileUrl) {
    L.tileLayer(config.tileUrl, {
      maxZoom: config.tileMaxZoom,
      attribution: config.tileAttribution ?? undefined,
    }).addTo(map);
  } else {
    el.classList.add('no-tiles');
  }
  const bounds = L.latLngBounds([]);
  const ll = ([lon, lat]: [number, number]) => L.latLng(lat, lon);
  for (const f of fc.features) {
    const p = f.properties;
    if (f.geometry.type === 'LineString' && p.kind === 'route') {
      const colour = routeColour(Number(p.route));
      const line = L.polyline(f.geometry.coordinates.map(ll), {
        color: colour,
        weight: 4,
        opacity: 0.85,
        className: `route-line route-${p.route}`,
      }).addTo(map);
      line.bindTooltip(`${p.vehicleId}${p.driverId ? ` · ${p.driverId}` : ''} · ${p.stops} stops · ${p.km} km`);
      bounds.extend(line.getBounds());
    } else if (f.geometry.type === 'Point') {
      const at = ll(f.geometry.coordinates);
      bounds.extend(at);
      if (p.kind === 'stop') {
        L.circleMarker(at, {
          radius: 5,
          color: '#fff',
          weight: 1.5,
          fillColor: routeColour(Number(p.route)),
          fillOpacity: 1,
          className: 'stop-point',
        })
          .bindTooltip(`#${p.sequence} ${p.orderId} · ETA ${p.eta}`)
          .addTo(map);
      } else if (p.kind === 'depot') {
        L.circleMarker(at, {
          radius: 9,
          color: '#111',
          weight: 3,
          fillColor: '#fff',
          fillOpacity: 1,
          className: 'depot-point',
        })
          .bindTooltip(`Depot ${p.name ?? p.depotId}`)
          .addTo(map);
      } else if (p.kind === 'unassigned') {
        L.circleMarker(at, {
          radius: 5,
          color: '#666',
          weight: 2,
          dashArray: '2 2',
          fillOpacity: 0,
          className: 'unassigned-point',
        })
          .bindTooltip(`Unassigned ${p.orderId}: ${p.reason}`)
          .addTo(map);
      }
    }
  }
  if (bounds.isValid()) map.fitBounds(bounds, { padding: [16, 16] });
  else map.setView([46.5, 2.5], 5);
  return map;
}
