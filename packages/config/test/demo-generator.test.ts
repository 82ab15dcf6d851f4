import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { DEMO_REGION_CONFIG_PATH } from '../src/index';
import { renderDemoYaml } from '../scripts/render-demo';

describe('generate-demo', () => {
  it('produced the committed demo.yaml (run scripts/generate-demo.ts after changing it)', async () => {
    expect(await readFile(DEMO_REGION_CONFIG_PATH, 'utf8')).toBe(renderDemoYaml());
  });
});
