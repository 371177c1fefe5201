import fc from 'fast-check';

/** `FC_SEED` if given, else a fresh one: fast-check's seeds are 32-bit integers. */
function seedFrom(given: string | undefined): number {
  if (given === undefined || given === '') return Math.floor(Math.random() * 2 ** 31);
  const seed = Number(given);
  if (!Number.isSafeInteger(seed)) throw new Error(`FC_SEED must be an integer, not "${given}"`);
  return seed;
}

/**
 * Every property in a test file runs from one seed, printed when the file runs its first property, so a
 * failure seen once can be run again: `FC_SEED=N npx vitest run <file>`. A failing property's message
 * names the seed as well. Vitest runs this setup afresh for every test file.
 */
const seed = seedFrom(process.env.FC_SEED);
fc.configureGlobal({ seed });

let printed = false;
// fast-check instantiates every global plugin when an `fc.assert` starts: files without a property print nothing.
fc.installGlobalPlugin(() => {
  if (!printed) {
    printed = true;
    console.log(`fast-check seed: ${seed} (rerun with FC_SEED=${seed})`);
  }
  return {};
});
