import type { UploadDetail, UploadReply } from '@region-score/contracts';
import type { Harness } from './harness';
import { waitFor } from './wait';

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Uploads a report file as a raw body, named like the browser page names it. */
export function uploadFile(
  h: Harness,
  bytes: Buffer | string,
  opts: { name: string; query?: string; token?: string; charset?: string } = { name: 'report.csv' },
) {
  const type = opts.name.endsWith('.xlsx')
    ? XLSX
    : `text/csv${opts.charset ? `; charset=${opts.charset}` : ''}`;
  return h.app.inject({
    method: 'POST',
    url: `/api/v1/reports${opts.query ? `?${opts.query}` : ''}`,
    headers: {
      authorization: `Bearer ${opts.token ?? h.adminToken}`,
      'content-type': type,
      'x-file-name': encodeURIComponent(opts.name),
    },
    payload: bytes,
  });
}

/** The upload once the worker has recorded what became of every value. */
export function uploadDone(h: Harness, reply: UploadReply, token = h.adminToken) {
  return waitFor(
    async () => {
      const res = await h.app.inject({
        method: 'GET',
        url: `/api/v1/reports/${reply.upload.id}`,
        headers: { authorization: `Bearer ${token}` },
      });
      const detail = res.json<UploadDetail>();
      return detail.status === 'applied' ? detail : undefined;
    },
    { what: `upload ${reply.upload.id} applied` },
  );
}

/** The current value of each date of a district's indicator, as scoring reads them. */
export async function currentValues(
  h: Harness,
  district: string,
  indicator: string,
  region = 'testland',
): Promise<Record<string, number>> {
  const state = await h.platform.values.districtState(region, district, [indicator]);
  return Object.fromEntries((state.values[indicator] ?? []).map((v) => [v.date, v.value]));
}
