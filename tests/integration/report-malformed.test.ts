import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/harness';
import { emptyRows, millionRows, stringBomb } from '../helpers/hostile-xlsx';
import { uploadFile } from '../helpers/reports';

/**
 * Malformed uploads are 4xx with a message, never a 500, and hostile workbooks are read within a
 * bounded amount of memory (reading threads with a capped heap).
 */

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ at: '2026-07-01T19:00:00Z' });
});
afterAll(() => h.close());

const CSV = 'district,indicator,value,date\nalpha,roads,78,2026-06-30\n';
const post = (contentType: string, payload: string | Buffer) =>
  h.app.inject({
    method: 'POST',
    url: '/api/v1/reports',
    headers: { authorization: `Bearer ${h.adminToken}`, 'content-type': contentType },
    payload,
  });
const part = (boundary: string, body: string) =>
  `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n` +
  `Content-Type: text/csv\r\n\r\n${body}\r\n--${boundary}--\r\n`;

describe('malformed multipart', () => {
  it.each([
    ['no boundary', 'multipart/form-data', part('xyz', CSV)],
    ['an empty boundary', 'multipart/form-data; boundary=', CSV],
    ['a wrong boundary', 'multipart/form-data; boundary=abc', part('xyz', CSV)],
    ['a truncated body', 'multipart/form-data; boundary=xyz', part('xyz', CSV).slice(0, 90)],
    ['a CSV body sent as multipart', 'multipart/form-data; boundary=----', CSV],
    [
      'no closing boundary',
      'multipart/form-data; boundary=xyz',
      part('xyz', CSV).replace('--xyz--\r\n', ''),
    ],
  ])('%s → 4xx with a message, nothing stored', async (_name, contentType, payload) => {
    const before = (await h.platform.values.versions('testland')).alpha ?? 0;
    const res = await post(contentType, payload);
    expect(res.statusCode, res.body).toBeGreaterThanOrEqual(400);
    expect(res.statusCode, res.body).toBeLessThan(500);
    expect(res.json<{ message: string }>().message.length).toBeGreaterThan(5);
    await new Promise((r) => setTimeout(r, 100));
    expect((await h.platform.values.versions('testland')).alpha ?? 0).toBe(before);
  });
});

describe('hostile workbooks', () => {
  it('five of them at once are refused and the process grows by less than 300 MB', async () => {
    const files = [
      millionRows(),
      stringBomb(),
      emptyRows(),
      millionRows({ honest: false }),
      stringBomb({ honest: false }),
    ];
    global.gc?.();
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    try {
      const replies = await Promise.all(
        files.map((bytes) => uploadFile(h, bytes, { name: 'hostile.xlsx' })),
      );
      for (const res of replies) expect([400, 413, 503], res.body).toContain(res.statusCode);
    } finally {
      clearInterval(sampler);
    }
    console.info(
      `[figures] 5 hostile workbooks at once: peak RSS +${Math.round((peak - before) / 1e6)} MB`,
    );
    expect(peak - before).toBeLessThan(300e6);
  }, 60_000);
});
