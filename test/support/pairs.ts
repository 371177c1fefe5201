import { startTestApp, type TestApp } from './app.js';
import { buildHelper, LANDGRAAF } from './factories.js';

/** Where a pair's nearer half lives: in the town centre, beside the test's residents. */
export const NEAR = LANDGRAAF;
/** Four kilometres north: within reach, far enough for the distance criterion to tell the two apart. */
export const FAR = { lat: LANDGRAAF.lat + 0.04, lon: LANDGRAAF.lon };

/** The app where a learner may do dementia support only beside a helper who can do it alone. */
export async function startSupervisedApp(autoPropose: boolean): Promise<TestApp> {
  const t = await startTestApp({ autoPropose });
  t.services.settings.update({ supervisedSkills: ['dementia-support'], holdUntilStart: false });
  return t;
}

/** A helper with dementia support at `level`, living at `location`, made over the API: their id. */
export async function dementiaHelper(
  t: TestApp,
  level: 'learning' | 'mentor',
  location: { lat: number; lon: number },
): Promise<number> {
  const created = await t.http
    .post('/api/v1/helpers')
    .set(t.auth())
    .send(buildHelper({ skills: [{ code: 'dementia-support', level }], location }))
    .expect(201);
  return created.body.id as number;
}
