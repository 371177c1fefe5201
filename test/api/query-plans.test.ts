import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { previousHelperIds, usualHelper } from '../../src/candidates/candidates.repo.js';
import { type Db, openDatabase } from '../../src/db/client.js';
import { liveProposalsOfHelper, liveProposalsOfRequest } from '../../src/proposals/proposals.repo.js';
import { tempDbPath } from '../support/app.js';

/**
 * The accept path's reads by one request, helper or resident must find their rows by that key. SQLite
 * chooses among the indexes by its own estimates, and once chose a status index for a request's live
 * proposals, reading every live proposal of every request on each accept (the HTTP accept fell from
 * about 800 to 120 a second), because a column had been added to the table.
 */
describe('query plans on the accept path', () => {
  let file: { path: string; cleanup: () => void };
  let db: Db;
  let compiled: string[];
  beforeEach(() => {
    file = tempDbPath();
    db = openDatabase(file.path);
    compiled = [];
    const sqlite = db.$client;
    const compile = sqlite.prepare.bind(sqlite);
    sqlite.prepare = ((source: string) => {
      compiled.push(source);
      return compile(source);
    }) as typeof sqlite.prepare;
  });
  afterEach(() => {
    db.$client.close();
    file.cleanup();
  });

  /** The plan's steps for the one statement `read` compiles, its parameters filled with `params`. */
  function planOf(read: () => unknown, params: unknown[]): string[] {
    read();
    expect(compiled).toHaveLength(1);
    const rows = db.$client.prepare(`explain query plan ${compiled[0]}`).all(...params) as Array<{ detail: string }>;
    return rows.map((r) => r.detail);
  }

  it("reads a request's live proposals by the request", () => {
    const plan = planOf(() => liveProposalsOfRequest(db, 1), [1]);
    expect(plan).toEqual(['SEARCH proposals USING INDEX proposals_request_status (request_id=? AND status=?)']);
  });

  it("reads a helper's live proposals by the helper", () => {
    const plan = planOf(() => liveProposalsOfHelper(db, 1), [1, 'proposed']);
    expect(plan[0]).toMatch(/^SEARCH proposals USING INDEX \w+ \(helper_id=\?/);
  });

  it("finds a resident's usual helper and earlier helpers from the index on the resident's jobs alone", () => {
    const plan = planOf(() => usualHelper(db, 1), [1, 'assigned', 'completed', 1, 'assigned', 'completed', 1]);
    const searches = plan.filter((step) => step.includes('requests'));
    expect(searches).toHaveLength(2);
    for (const step of searches)
      expect(step).toMatch(/^SEARCH requests USING COVERING INDEX requests_resident \(resident_id=\? AND status=\?/);
    compiled = [];
    const earlier = planOf(() => previousHelperIds(db, 1), [1, 'assigned', 'completed']);
    expect(earlier[0]).toMatch(
      /^SEARCH requests USING COVERING INDEX requests_resident \(resident_id=\? AND status=\?/,
    );
  });
});
