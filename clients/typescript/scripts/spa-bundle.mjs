// The example app (/examples/spa/, served by Warden from the http adapter's class path) bundles
// the built client: `npm run spa:bundle` copies dist's modules into its vendor/warden-client/
// (vendored: a build, never edited by hand; served at /examples/spa/client/); `--check` (run by
// TypeScriptClientTest) fails when the committed copy differs from a fresh build.
import { readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const DIST = new URL('../dist/', import.meta.url).pathname;
const SPA = new URL('../../../adapters/http/src/main/resources/examples/spa/vendor/warden-client/', import.meta.url)
  .pathname;
export const MODULES = ['index.js', 'client.js', 'errors.js', 'events.js', 'permissions.js', 'watch.js'];

const check = process.argv.includes('--check');
let stale = [];
for (const name of MODULES) {
  const built = readFileSync(join(DIST, name), 'utf8');
  if (check) {
    let committed = '';
    try {
      committed = readFileSync(join(SPA, name), 'utf8');
    } catch {
      // missing counts as stale
    }
    if (committed !== built) stale.push(name);
  } else {
    writeFileSync(join(SPA, name), built);
  }
}
const extra = readdirSync(SPA).filter((name) => !MODULES.includes(name));
if (check && (stale.length > 0 || extra.length > 0)) {
  console.error(`examples/spa/vendor/warden-client is stale (${[...stale, ...extra].join(', ')}): run npm run spa:bundle`);
  process.exit(1);
}
console.log(check ? 'examples/spa/vendor/warden-client matches the build' : 'copied ' + MODULES.join(', '));
