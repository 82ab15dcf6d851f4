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

  /**
   * Each district × indicator reports around a value of its own with ±0.5% noise, as real
   * reports do: values that jump across the whole range every second would make every alert
   * flap, which no region does and which would measure alert churn instead of ingestion.
   */
  next(): ObservationInput {
    const i = this.n++;
    const d = i % this.region.districts.length;
    const k = Math.floor(i / this.region.districts.length) % this.region.indicators.length;
    const district = this.region.districts[d]!;
    const indicator = this.region.indicators[k]!;
    const min = indicator.range?.min ?? 0;
    const span = Math.min(indicator.range?.max ?? min + 1000, min + 1000) - min;
    const base = min + span * (0.5 + 0.45 * ((((d * 31 + k * 17) * 0.618) % 1) - 0.5));
    const noise = (((i * 7919) % 1000) / 1000 - 0.5) * 0.01;
    const value = Math.round(base * (1 + noise) * 100) / 100;
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
  path = '/api/v1/observations',
): Promise<number> {
  const body = JSON.stringify({ observations });
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        agent,
        hostname,
        port,
        path,
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
