import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { continuity, gini, percentile } from '../../src/reports/measures.js';
import { HOURS_FORMATS } from '../../src/reports/reports.formats.js';
import { isoWeek } from '../../src/reports/reports.service.js';
import { suppressedKeys } from '../../src/reports/suppression.js';

const cell = (key: string, ...residents: number[]) => ({ key, ids: new Set(residents), residents: residents.length });
type Cell = ReturnType<typeof cell>;

/** The cells' residents together, as the reports count them in the database. */
const together = (cells: Cell[]) => (keys: readonly string[]) =>
  new Set(cells.filter((c) => keys.includes(c.key)).flatMap((c) => [...c.ids])).size;
const withheld = (cells: Cell[], threshold: number) => suppressedKeys(cells, threshold, together(cells));

describe('suppressedKeys', () => {
  it.each([
    ['nothing small', 5, [cell('a', 1, 2, 3, 4, 5), cell('b', 6, 7, 8, 9, 10)], []],
    [
      'a small cell and the next smallest',
      5,
      [cell('a', 1), cell('b', 2, 3, 4, 5, 6), cell('c', 1, 2, 3, 4, 5, 6, 7)],
      ['a', 'b'],
    ],
    [
      'small cells that together cover enough',
      5,
      [cell('a', 1, 2, 3), cell('b', 4, 5), cell('c', 6, 7, 8, 9, 10)],
      ['a', 'b'],
    ],
    [
      'small cells about the same residents',
      5,
      [cell('a', 1, 2, 3), cell('b', 1, 2, 3), cell('c', 1, 2, 3, 4, 5)],
      ['a', 'b', 'c'],
    ],
    ['a period about too few', 5, [cell('a', 1, 2), cell('b', 3)], ['a', 'b']],
    ['no threshold (per helper)', 0, [cell('a', 1)], []],
  ])('%s', (_name, threshold, cells, expected) => {
    expect([...withheld(cells, threshold)].sort()).toEqual(expected);
  });

  it('leaves the withheld cells of a partition covering at least the threshold, or every cell withheld', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 8 }), (residentsOf) => {
        // A partition of residents over cells: resident ids never repeat between cells.
        let next = 0;
        const cells = residentsOf.map((n, i) => cell(`k${i}`, ...Array.from({ length: n }, () => next++)));
        const keys = withheld(cells, 5);
        const covered = cells.filter((c) => keys.has(c.key)).reduce((sum, c) => sum + c.residents, 0);
        for (const c of cells) if (c.residents < 5) expect(keys.has(c.key)).toBe(true);
        expect(keys.size === 0 || covered >= 5 || keys.size === cells.length).toBe(true);
      }),
    );
  });
});

describe('the CSV of a report', () => {
  it('quotes commas and quotes, and writes a text a spreadsheet would run as a formula as text', async () => {
    const file = await HOURS_FORMATS.csv.render(
      {
        from: '2026-11-23',
        to: '2026-11-29',
        by: 'helper',
        rows: [
          {
            key: '1',
            name: '=HYPERLINK("https://example.test")',
            hours: 1,
            jobs: 1,
            suppressed: false,
            practiceHours: 1,
            requiredHours: 40,
          },
          {
            key: '2',
            name: 'Jansen, Bert',
            hours: 2.5,
            jobs: 2,
            suppressed: false,
            practiceHours: null,
            requiredHours: null,
          },
        ],
        total: { hours: 3.5, jobs: 3, suppressed: false },
        threshold: 0,
      },
      {},
    );
    expect(file.body).toBe(
      'key,name,hours,jobs,suppressed,practiceHours,requiredHours\r\n1,"\'=HYPERLINK(""https://example.test"")",1,1,false,1,40\r\n2,"Jansen, Bert",2.5,2,false,,\r\n',
    );
  });
});

describe('the quality measures', () => {
  it('continuity: of the jobs after a resident’s first, those by a helper who came before', () => {
    const jobs = [
      { residentId: 1, helperId: 10 },
      { residentId: 1, helperId: 10 },
      { residentId: 1, helperId: 11 },
      { residentId: 1, helperId: 11 },
      { residentId: 2, helperId: 12 },
      { residentId: 3, helperId: 12 },
      { residentId: 3, helperId: 13 },
    ];
    expect(continuity(jobs)).toEqual({ again: 2, of: 4, residents: 2 });
  });

  it('continuity: a supervised pair came as two, and keeps continuity when either half came before', () => {
    const jobs = [
      { residentId: 1, helperId: 10, supervisorId: 20 },
      { residentId: 1, helperId: 20 },
      { residentId: 1, helperId: 11, supervisorId: 10 },
      { residentId: 1, helperId: 12, supervisorId: 21 },
    ];
    expect(continuity(jobs)).toEqual({ again: 2, of: 3, residents: 1 });
  });

  it.each([
    [[], 0],
    [[3, 3, 3], 0],
    [[0, 0, 0, 8], 0.75],
    [[0, 2.5, 5.75, 7], 0.3975409836065574],
  ])('gini of %j is %d', (amounts, expected) => expect(gini(amounts)).toBeCloseTo(expected, 12));

  it('percentile by nearest rank', () => {
    expect([percentile([], 50), percentile([4, 1, 3, 2], 50), percentile([4, 1, 3, 2], 90)]).toEqual([null, 2, 4]);
  });
});

describe('isoWeek', () => {
  it.each([
    ['2026-11-23', '2026-W48'],
    ['2026-11-29', '2026-W48'],
    ['2026-11-30', '2026-W49'],
    ['2026-12-31', '2026-W53'],
    ['2027-01-03', '2026-W53'],
    ['2027-01-04', '2027-W01'],
    ['2024-12-30', '2025-W01'],
    ['2021-01-03', '2020-W53'],
  ])('%s is in %s', (date, week) => expect(isoWeek(date)).toBe(week));
});
