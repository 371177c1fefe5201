import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ENVIRONMENT_VARIABLES } from '../../src/config.js';

/** The README's "Configuration (environment)" section: the table an operator reads. */
function configurationSection(): string {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const start = readme.indexOf('### Configuration (environment)');
  return readme.slice(start, readme.indexOf('\n## ', start));
}

describe('the README configuration table', () => {
  it('names every environment variable the service reads', () => {
    const section = configurationSection();
    // A row may name a sibling by its last part: `WIJKMATCH_LOGIN_LIMIT_ACCOUNT`, `…_ADDRESS`.
    const missing = ENVIRONMENT_VARIABLES.filter(
      (name) => !section.includes(`\`${name}\``) && !section.includes(`\`…_${name.split('_').at(-1)}\``),
    );
    expect(missing).toEqual([]);
  });
});
