import type { TravelMode } from '../domain.js';
import type { LatLon } from './matching.types.js';

export const EARTH_RADIUS_KM = 6371.0088;
export const RAD = Math.PI / 180;

/** Great-circle distance in kilometres. */
export function haversineKm(a: LatLon, b: LatLon): number {
  return haversine(a.lat, a.lon, b.lat, b.lon);
}

export function haversine(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const dLat = (lat2 - lat1) * RAD;
  const dLon = (lon2 - lon1) * RAD;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Average door-to-door speeds; streets are not straight lines, hence the detour factor. */
export const TRAVEL_SPEED_KMH: Record<TravelMode, number> = {
  walking: 4.5,
  cycling: 14,
  ebike: 20,
  car: 30,
  transit: 18,
};
export const DETOUR_FACTOR = 1.3;
/** Time to lock a bike, find the door, say hello: spent even between neighbours. */
export const MIN_TRAVEL_MINUTES = 5;

export function travelMinutes(a: LatLon, b: LatLon, mode: TravelMode): number {
  const km = haversineKm(a, b) * DETOUR_FACTOR;
  return Math.max(MIN_TRAVEL_MINUTES, Math.ceil((km / TRAVEL_SPEED_KMH[mode]) * 60));
}
