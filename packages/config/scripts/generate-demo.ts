/**
 * Writes packages/config/regions/demo.yaml: the demo regions with a target for every district ×
 * indicator × year, deterministic (seeded), so re-running it changes nothing unless this code does.
 *
 *   npx tsx packages/config/scripts/generate-demo.ts          # write the file
 *   npx tsx packages/config/scripts/generate-demo.ts --check  # fail if the file is out of date
 */
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { renderDemoYaml } from './render-demo';

const file = fileURLToPath(new URL('../regions/demo.yaml', import.meta.url));
const text = renderDemoYaml();

if (process.argv.includes('--check')) {
  const current = await readFile(file, 'utf8').catch(() => '');
  if (current !== text) {
    console.error(`${file} is out of date: run npx tsx packages/config/scripts/generate-demo.ts`);
    process.exitCode = 1;
  }
} else {
  await writeFile(file, text);
  console.log(`wrote ${file}`);
}
