#!/usr/bin/env node
// Thin launcher: the CLI is compiled to dist/ by `npm ci` (the prepare script).
import('../dist/src/cli/main.js')
  .then((m) => m.main(process.argv))
  .catch((err) => {
    if (err && err.code === 'ERR_MODULE_NOT_FOUND' && String(err.message).includes('dist/src/cli')) {
      process.stderr.write('govtext: not built yet. Run `npm ci` (or `npm run build`) in the project folder first.\n');
      process.exit(1);
    }
    throw err;
  });
