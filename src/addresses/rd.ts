/**
 * Dutch RD coordinates (Rijksdriehoeksmeting, EPSG:28992: x east and y north in metres) to WGS84, by the
 * approximation of Schreutelkamp and Strang van Hees (Geodesia 2001): a polynomial around Amersfoort,
 * within about a metre of RDNAPTRANS over the Netherlands, which is ample for a postcode's centroid.
 */

/** RD's origin, Amersfoort's Onze Lieve Vrouwetoren, and where it lies in WGS84. */
const X0 = 155_000;
const Y0 = 463_000;
const PHI0 = 52.1551744;
const LAMBDA0 = 5.38720621;

/** [p, q, K]: K·dX^p·dY^q arc-seconds of latitude. */
const LATITUDE_TERMS: ReadonlyArray<readonly [number, number, number]> = [
  [0, 1, 3235.65389],
  [2, 0, -32.58297],
  [0, 2, -0.2475],
  [2, 1, -0.84978],
  [0, 3, -0.0655],
  [2, 2, -0.01709],
  [1, 0, -0.00738],
  [4, 0, 0.0053],
  [2, 3, -0.00039],
  [4, 1, 0.00033],
  [1, 1, -0.00012],
];

/** [p, q, L]: L·dX^p·dY^q arc-seconds of longitude. */
const LONGITUDE_TERMS: ReadonlyArray<readonly [number, number, number]> = [
  [1, 0, 5260.52916],
  [1, 1, 105.94684],
  [1, 2, 2.45656],
  [3, 0, -0.81885],
  [1, 3, 0.05594],
  [3, 1, -0.05607],
  [0, 1, 0.01199],
  [3, 2, -0.00256],
  [1, 4, 0.00128],
  [0, 2, 0.00022],
  [2, 0, -0.00022],
  [5, 0, 0.00026],
];

export function rdToWgs84(x: number, y: number): { lat: number; lon: number } {
  // The polynomial is in units of 100 km from the origin.
  const dX = (x - X0) * 1e-5;
  const dY = (y - Y0) * 1e-5;
  const seconds = (terms: typeof LATITUDE_TERMS) => terms.reduce((sum, [p, q, k]) => sum + k * dX ** p * dY ** q, 0);
  return { lat: PHI0 + seconds(LATITUDE_TERMS) / 3600, lon: LAMBDA0 + seconds(LONGITUDE_TERMS) / 3600 };
}
