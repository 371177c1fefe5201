/** The import benchmark's geocoder: the tests' fake Locatieserver over its 5,000 addresses; prints its URL. */
import { startFakePdok } from '../../test/support/pdok.js';
import { REGISTER } from './import-fixture.js';

const pdok = await startFakePdok(REGISTER);
console.log(pdok.url);
