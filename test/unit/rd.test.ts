import { describe, expect, it } from 'vitest';
import { rdToWgs84 } from '../../src/addresses/rd.js';
import { haversineKm } from '../../src/matching/geo.js';

describe('rdToWgs84', () => {
  it('puts RD’s origin at the Amersfoort reference point', () => {
    const { lat, lon } = rdToWgs84(155_000, 463_000);
    expect(lat).toBeCloseTo(52.1551744, 8);
    expect(lon).toBeCloseTo(5.38720621, 8);
  });

  // Expected values from a second, independent formulation: PROJ's EPSG:28992 (oblique stereographic on
  // Bessel 1841, then the seven-parameter Helmert shift to WGS84), which agrees with the polynomial to
  // within 0.3 m over the country.
  it.each([
    { place: 'Groningen, the Martinitoren', x: 233_883, y: 582_065, lat: 53.21937958, lon: 6.56819574 },
    { place: 'Amsterdam, the Dam', x: 121_000, y: 487_000, lat: 52.36982621, lon: 4.88797077 },
    { place: 'Zeeland’s west coast', x: 30_000, y: 385_000, lat: 51.44022804, lon: 3.58923353 },
    { place: 'Heerlen', x: 196_000, y: 320_000, lat: 50.86834423, lon: 5.96959989 },
    { place: 'the Achterhoek', x: 260_000, y: 470_000, lat: 52.20809033, lon: 6.92342671 },
  ])('places $place within a metre', ({ x, y, lat, lon }) => {
    expect(haversineKm(rdToWgs84(x, y), { lat, lon }) * 1000).toBeLessThan(1);
  });
});
