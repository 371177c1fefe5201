/**
 * A Leaflet map of points, bundled with the page (no CDN), over tiles from the configured server. When
 * the tiles cannot load, the map turns a plain background and names the neighbourhoods at their
 * points, so it is never a blank box. Points are circles (no marker images to fetch).
 */
import * as L from 'leaflet';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { MapSettings } from '../../../addresses/addresses.schema.js';
import { api } from '../lib/api.js';

export interface MapPoint {
  id: string;
  lat: number;
  lon: number;
  color: string;
  /** What hovering or focusing the point says. */
  title: string;
  /** The neighbourhood the point is in: its label on a plain map. */
  area?: string | null;
  onClick?: () => void;
}

let settings: Promise<MapSettings> | null = null;
/** The tile server, asked once per page. */
function mapSettings(): Promise<MapSettings> {
  settings ??= api<MapSettings>('GET', '/addresses/map');
  return settings;
}

/** Leaflet's stylesheet, added to the page the first time a map is drawn. */
function ensureStylesheet(): void {
  if (document.querySelector('link[data-leaflet]')) return;
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = '/assets/leaflet.css';
  link.dataset.leaflet = '';
  document.head.append(link);
}

/** The middle of each neighbourhood's points, where its name goes on a plain map. */
function areaLabels(points: readonly MapPoint[]): Array<{ area: string; lat: number; lon: number }> {
  const groups = new Map<string, MapPoint[]>();
  for (const p of points) if (p.area) groups.set(p.area, [...(groups.get(p.area) ?? []), p]);
  return [...groups].map(([area, ps]) => ({
    area,
    lat: ps.reduce((s, p) => s + p.lat, 0) / ps.length,
    lon: ps.reduce((s, p) => s + p.lon, 0) / ps.length,
  }));
}

/** Parkstad, where the map opens before it has points. */
const PARKSTAD: L.LatLngTuple = [50.9, 6.0];

export function PointMap(props: {
  points: readonly MapPoint[];
  label: string;
  height: number;
  /** A click on the map itself (not on a point): where someone pins a place by hand. */
  onPick?: (at: { lat: number; lon: number }) => void;
  /** Zoom to fit the points whenever they change (a form's one point), or only the first time (the board). */
  follow?: boolean;
}) {
  const box = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | null>(null);
  const layer = useRef<L.LayerGroup | null>(null);
  const labels = useRef<L.LayerGroup | null>(null);
  const fitted = useRef(false);
  const [plain, setPlain] = useState(false);
  const onPick = useRef(props.onPick);
  onPick.current = props.onPick;

  useEffect(() => {
    ensureStylesheet();
    const m = L.map(box.current!, { zoomControl: true, attributionControl: true }).setView(PARKSTAD, 12);
    map.current = m;
    layer.current = L.layerGroup().addTo(m);
    labels.current = L.layerGroup().addTo(m);
    m.on('click', (e: L.LeafletMouseEvent) => onPick.current?.({ lat: e.latlng.lat, lon: e.latlng.lng }));
    let cancelled = false;
    mapSettings().then(
      (s) => {
        if (cancelled) return;
        const tiles = L.tileLayer(s.tileUrl, {
          attribution: s.attribution,
          maxZoom: 19,
          // The page's own policy (same-origin) sends tile servers no Referer, and OpenStreetMap's tile
          // usage policy refuses requests without one: tiles tell the server our origin, never a path.
          referrerPolicy: 'strict-origin-when-cross-origin',
        });
        tiles.on('tileerror', () => setPlain(true));
        tiles.addTo(m);
      },
      () => setPlain(true),
    );
    return () => {
      cancelled = true;
      m.remove();
    };
  }, []);

  useEffect(() => {
    const m = map.current!;
    layer.current!.clearLayers();
    for (const p of props.points) {
      const circle = L.circleMarker([p.lat, p.lon], {
        radius: 7,
        color: '#fff',
        weight: 2,
        fillColor: p.color,
        fillOpacity: 0.95,
        className: `map-point map-point-${p.id}`,
      }).bindTooltip(p.title);
      if (p.onClick) circle.on('click', () => p.onClick!());
      circle.addTo(layer.current!);
    }
    if (props.points.length > 0 && (props.follow || !fitted.current)) {
      fitted.current = true;
      if (props.points.length === 1) m.setView([props.points[0]!.lat, props.points[0]!.lon], 16);
      else m.fitBounds(L.latLngBounds(props.points.map((p) => [p.lat, p.lon] as L.LatLngTuple)), { padding: [24, 24] });
    }
  }, [props.points, props.follow]);

  useEffect(() => {
    labels.current!.clearLayers();
    if (!plain) return;
    for (const l of areaLabels(props.points)) {
      L.marker([l.lat, l.lon], {
        icon: L.divIcon({ className: 'map-area', html: '', iconSize: [0, 0] }),
        interactive: false,
        // A name on the map, not a control: without this Leaflet makes it a nameless focusable button.
        keyboard: false,
      })
        .bindTooltip(l.area, { permanent: true, direction: 'top', offset: [0, -10], className: 'map-area-label' })
        .addTo(labels.current!);
    }
  }, [plain, props.points]);

  return (
    <div
      ref={box}
      class={plain ? 'map map-plain' : 'map'}
      style={{ height: `${props.height}px` }}
      role="region"
      aria-label={props.label}
      data-tiles={plain ? 'none' : 'loaded'}
    />
  );
}
