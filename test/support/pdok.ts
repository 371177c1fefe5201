import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** An address document as PDOK Locatieserver v3_1 returns it for `type:adres`. */
export interface PdokAddress {
  straatnaam: string;
  huisnummer: number;
  huisletter?: string;
  huisnummertoevoeging?: string;
  postcode: string;
  woonplaatsnaam: string;
  lat: number;
  lon: number;
  wijknaam: string;
  wijkcode: string;
  buurtnaam: string;
  buurtcode: string;
}

function doc(a: PdokAddress, i: number) {
  const huisNlt = `${a.huisnummer}${a.huisletter ?? ''}${a.huisnummertoevoeging ? `-${a.huisnummertoevoeging}` : ''}`;
  return {
    type: 'adres',
    id: `adr-${i.toString(16).padStart(32, '0')}`,
    weergavenaam: `${a.straatnaam} ${huisNlt}, ${a.postcode} ${a.woonplaatsnaam}`,
    straatnaam: a.straatnaam,
    huisnummer: a.huisnummer,
    ...(a.huisletter ? { huisletter: a.huisletter } : {}),
    ...(a.huisnummertoevoeging ? { huisnummertoevoeging: a.huisnummertoevoeging } : {}),
    huis_nlt: huisNlt,
    postcode: a.postcode,
    woonplaatsnaam: a.woonplaatsnaam,
    gemeentenaam: a.woonplaatsnaam,
    centroide_ll: `POINT(${a.lon} ${a.lat})`,
    centroide_rd: 'POINT(200000 320000)',
    wijknaam: a.wijknaam,
    wijkcode: a.wijkcode,
    buurtnaam: a.buurtnaam,
    buurtcode: a.buurtcode,
    score: 12.5,
  };
}

/** What the fake does with the next calls: answer late, answer with an error, or answer garbage. */
type Trouble = { kind: 'slow'; ms: number } | { kind: 'status'; status: number } | { kind: 'garbage' };

/**
 * A local HTTP server speaking Locatieserver v3_1's JSON (`/free`, `/suggest`, `/lookup`) over a
 * fixed list of addresses: its documents, its errors, its slowness and, once closed, its absence.
 */
export async function startFakePdok(addresses: PdokAddress[]) {
  const docs = addresses.map(doc);
  // By postcode, as the real register is indexed: a large fake (the import benchmark's) answers as fast.
  const byPostcode = new Map<string, typeof docs>();
  for (const d of docs) byPostcode.set(d.postcode, [...(byPostcode.get(d.postcode) ?? []), d]);
  const calls: URL[] = [];
  const trouble: Trouble[] = [];

  function answer(res: ServerResponse, found: unknown[]) {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        response: { numFound: found.length, start: 0, maxScore: 12.5, numFoundExact: true, docs: found },
      }),
    );
  }

  function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url!, 'http://pdok.test');
    const fq = url.searchParams.getAll('fq');
    const q = url.searchParams.get('q') ?? '';
    const rows = Number(url.searchParams.get('rows') ?? 10);
    const fields = url.searchParams.get('fl')?.split(',');
    const only = (d: Record<string, unknown>) =>
      fields ? Object.fromEntries(Object.entries(d).filter(([k]) => fields.includes(k))) : d;
    const postcode = fq.find((f) => f.startsWith('postcode:'))?.slice('postcode:'.length);
    const filtered = (postcode === undefined ? docs : (byPostcode.get(postcode) ?? [])).filter((d) =>
      fq.every((f) => {
        const [field, value] = f.split(':') as [keyof typeof d, string];
        return String(d[field]) === value;
      }),
    );
    if (url.pathname.endsWith('/free')) return answer(res, filtered.slice(0, rows).map(only));
    if (url.pathname.endsWith('/suggest')) {
      const [prefix, number] = q.split(/\s+/);
      const found = filtered.filter(
        (d) => d.postcode.startsWith(prefix ?? '') && (!number || String(d.huisnummer).startsWith(number)),
      );
      return answer(res, found.slice(0, rows).map(only));
    }
    if (url.pathname.endsWith('/lookup'))
      return answer(
        res,
        docs.filter((d) => d.id === url.searchParams.get('id')),
      );
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ message: 'Not Found' }));
  }

  const server = createServer((req, res) => {
    calls.push(new URL(req.url!, 'http://pdok.test'));
    const next = trouble.shift();
    if (!next) return handle(req, res);
    if (next.kind === 'slow') return void setTimeout(() => handle(req, res), next.ms);
    if (next.kind === 'garbage') {
      res.writeHead(200, { 'content-type': 'application/json' });
      return void res.end('{"unexpected": true}');
    }
    res.writeHead(next.status, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ title: 'error', status: next.status }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/bzk/locatieserver/search/v3_1`,
    /** Every call received, in order. */
    calls,
    /** The next calls answer in this way, one each, then normally again. */
    trouble: (...next: Trouble[]) => void trouble.push(...next),
    /** Forgets the calls and any trouble not yet met: a fresh start for the next test. */
    reset: () => {
      calls.length = 0;
      trouble.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type FakePdok = Awaited<ReturnType<typeof startFakePdok>>;

/** Real Landgraaf and Heerlen addresses, as the fake's register. */
export const PARKSTAD_ADDRESSES: PdokAddress[] = [
  {
    straatnaam: 'Hoofdstraat',
    huisnummer: 12,
    postcode: '6372AD',
    woonplaatsnaam: 'Landgraaf',
    lat: 50.89861,
    lon: 6.04221,
    wijknaam: 'Schaesberg',
    wijkcode: 'WK088201',
    buurtnaam: 'Schaesberg-Centrum',
    buurtcode: 'BU08820101',
  },
  {
    straatnaam: 'Hoofdstraat',
    huisnummer: 12,
    huisletter: 'A',
    postcode: '6372AD',
    woonplaatsnaam: 'Landgraaf',
    lat: 50.89865,
    lon: 6.04229,
    wijknaam: 'Schaesberg',
    wijkcode: 'WK088201',
    buurtnaam: 'Schaesberg-Centrum',
    buurtcode: 'BU08820101',
  },
  {
    straatnaam: 'Hoofdstraat',
    huisnummer: 14,
    postcode: '6372AD',
    woonplaatsnaam: 'Landgraaf',
    lat: 50.89872,
    lon: 6.04247,
    wijknaam: 'Schaesberg',
    wijkcode: 'WK088201',
    buurtnaam: 'Schaesberg-Centrum',
    buurtcode: 'BU08820101',
  },
  {
    straatnaam: 'Akerstraat',
    huisnummer: 86,
    postcode: '6417BN',
    woonplaatsnaam: 'Heerlen',
    lat: 50.88364,
    lon: 5.98786,
    wijknaam: 'Heerlen-Centrum',
    wijkcode: 'WK091700',
    buurtnaam: 'Schandelen',
    buurtcode: 'BU09170003',
  },
];
