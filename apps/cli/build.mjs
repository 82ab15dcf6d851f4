// Compiles the server entry points (npm start, npm run keys, the report-reading thread) to plain JavaScript run by `node`,
// so the process that receives SIGTERM/SIGINT is the service itself (no tsx/npx wrapper), and
// copies the Lua scripts next to the bundle. Workspace packages are bundled; every other package
// stays an import from node_modules.
import { build } from 'esbuild';
import { cp, rm } from 'node:fs/promises';
import { relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const outdir = here('./dist/');

await rm(outdir, { recursive: true, force: true });
await build({
  entryPoints: {
    start: here('./src/start.ts'),
    keys: here('./src/keys.ts'),
    // The API's report-reading thread (ReaderPool loads it from next to the bundle).
    'read-thread': here('../api/src/spreadsheet/read-thread.ts'),
  },
  outdir,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: 'linked',
  // The entry points Node's own `import` chooses: the exports map, else `main`.
  mainFields: ['main'],
  conditions: ['import', 'node'],
  logLevel: 'warning',
  plugins: [
    {
      name: 'node-modules-external',
      setup(b) {
        // Bare imports other than our own workspace packages load from node_modules at run time,
        // from the very file the importing package resolves to (a workspace may have its own
        // version of a package, e.g. packages/config/node_modules/yaml).
        b.onResolve({ filter: /^[^./]/ }, async (args) => {
          if (args.path.startsWith('@region-score/') || args.pluginData === 'resolving') return;
          if (args.path.startsWith('node:')) return { path: args.path, external: true };
          const found = await b.resolve(args.path, {
            kind: args.kind,
            resolveDir: args.resolveDir,
            pluginData: 'resolving',
          });
          if (found.errors.length > 0) return { errors: found.errors };
          // Relative to the bundle, so the tree can move (a container image builds it in place).
          return { path: relative(outdir, found.path).replaceAll(sep, '/'), external: true };
        });
      },
    },
  ],
});
await cp(here('../../packages/platform/src/lua/'), `${outdir}lua/`, { recursive: true });
