// `node --import ./electron/testing/register.mjs dist/electron/main.mjs`: the main bundle under plain Node, its
// `electron` import answered by electronStub.mjs.
import { register } from 'node:module';

register('./resolveElectron.mjs', import.meta.url);
