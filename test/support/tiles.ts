import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A 1×1 grey PNG: what every tile of the fake server shows. */
const TILE = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mN4+P//fwAJRgPdd3XBiQAAAABJRU5ErkJggg==',
  'base64',
);

/**
 * A local tile server for the maps in the browser tests: `{z}/{x}/{y}.png`, counting what it served and
 * keeping the Referer each tile request carried (OpenStreetMap refuses tiles asked without one).
 */
export async function startTileServer() {
  const served: string[] = [];
  const referers: Array<string | undefined> = [];
  const server = createServer((req, res) => {
    served.push(req.url!);
    referers.push(req.headers.referer);
    if (!/^\/\d+\/\d+\/\d+\.png$/.test(req.url!)) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'image/png', 'access-control-allow-origin': '*' });
    res.end(TILE);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    tiles: { url: `http://127.0.0.1:${port}/{z}/{x}/{y}.png`, attribution: 'Testkaart' },
    served,
    referers,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
