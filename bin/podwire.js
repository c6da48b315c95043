#!/usr/bin/env node
// The `podwire` command (package.json `bin`): runs the compiled CLI (`npm run build` emits dist/).
import '../dist/cli/main.js';
