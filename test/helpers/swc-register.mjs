// Lets a child `node` process run the TypeScript sources directly (used by tests that need a real
// process, e.g. graceful shutdown): node --import ./test/helpers/swc-register.mjs src/main.ts
import { register } from 'node:module';

register('./swc-hooks.mjs', import.meta.url);
