import { validateManifest } from '../dist/validation/engine/validate.js';
import { parseManifest } from '../dist/validation/engine/parse.js';
import { smallSidecarBundle } from './bundle.mjs';
const text = smallSidecarBundle();
function bench(name, fn, n = 20000) { for (let i = 0; i < n / 4; i++) fn(); const t = process.hrtime.bigint(); for (let i = 0; i < n; i++) fn(); console.log(name, (Number(process.hrtime.bigint() - t) / 1e3 / n).toFixed(1), 'µs'); }
bench('parseManifest', () => parseManifest(text));
bench('validateManifest', () => validateManifest(text, {}));
const r = validateManifest(text, {});
bench('stringify result', () => JSON.stringify(r));
console.log(JSON.stringify(r).length, r.summary);
