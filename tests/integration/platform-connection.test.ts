import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { createRedis } from '@region-score/platform';

const LUA_DIR = fileURLToPath(new URL('../../packages/platform/src/lua/', import.meta.url));

describe('platform connections', () => {
  it('every Lua script compiles and has a header naming its KEYS and ARGV', async () => {
    const redis = createRedis({ url: inject('redisUrl') });
    try {
      const files = readdirSync(LUA_DIR).filter((f) => f.endsWith('.lua'));
      expect(files.length).toBeGreaterThanOrEqual(5);
      for (const file of files) {
        const lua = readFileSync(`${LUA_DIR}${file}`, 'utf8');
        expect(lua, file).toMatch(/^--\[==\[[\s\S]*KEYS\[1\][\s\S]*ARGV\[1\][\s\S]*\]==\]/);
        await expect(redis.script('LOAD', lua), file).resolves.toMatch(/^[0-9a-f]{40}$/);
      }
    } finally {
      redis.disconnect();
    }
  });

  it('scripts are registered when the connection is made: the first command may be a script in a busy tick', async () => {
    // ioredis #1931: a command defined after an auto-pipeline of the same tick exists crashed the
    // process. Every script is defined at creation, so issuing one beside plain commands works.
    for (let i = 0; i < 20; i++) {
      const redis = createRedis({ url: inject('redisUrl') });
      try {
        const [, released] = await Promise.all([
          redis.get('rs-test:nothing'),
          redis.rsReleaseLock(1, `rs-test:lock:${i}`, 'token'),
          redis.set(`rs-test:x:${i}`, '1', 'EX', 5),
        ]);
        expect(released).toBe(0);
      } finally {
        redis.disconnect();
      }
    }
  });
});
