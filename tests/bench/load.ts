import { Agent, request } from 'node:http';
import type { ObservationInput, Region } from '@region-score/contracts';
import { localDate } from '@region-score/core';

/** Generates valid observations for a region's districts, dated today, round-robin by district. */
export class ObservationFactory {
  private n = 0;
  readonly sent = new Map<string, number>();
  private readonly today: string;

  constructor(private readonly region: Region) {
    this.today = localDate(new Date(), region.timezone);
  }

  next(): ObservationInput {
    const i = this.n++;
    const district = this.region.districts[i % this.region.districts.length]!;
    const indicator =
      this.region.indicators[
        Math.floor(i / this.region.districts.length) % this.region.indicators.length
      ]!;
    const min = indicator.range?.min ?? 0;
    const max = indicator.range?.max ?? min + 1000;
    const value =
      Math.round((min + (((i * 7919) % 1000) / 1000) * (Math.min(max, min + 1000) - min)) * 100) /
      100;
    this.sent.set(district.id, (this.sent.get(district.id) ?? 0) + 1);
    return { district: district.id, indicator: indicator.id, value, date: this.today };
  }

  batch(size: number): ObservationInput[] {
    return Array.from({ length: size }, () => this.next());
  }
}

// node:http with keep-alive costs the load generator far less CPU than fetch, and on a 2-core
// machine the generator shares the cores with the service it measures.
const agent = new Agent({ keepAlive: true, maxSockets: 256 });

/** POSTs observations; resolves with the time the 202 arrived. */
export function post(
  url: string,
  token: string,
  observations: ObservationInput[],
): Promise<number> {
  const body = JSON.stringify({ observations });
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        agent,
        hostname,
        port,
        path: '/api/v1/observations',
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          authorization: `Bearer ${token}`,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          if (res.statusCode === 202) resolve(performance.now());
          else
            reject(
              new Error(`POST returned ${res.statusCode}: ${Buffer.concat(chunks).toString()}`),
            );
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
