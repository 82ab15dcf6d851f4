import { Agent, request } from 'node:http';
import type { Indicator, ObservationInput, Region } from '@region-score/contracts';
import { localDate, regionIndex } from '@region-score/core';

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
   * flap, which no region does and which would measure alert churn instead of ingestion. The
   * value sits where the district's target puts it (a level between baseline and target, a sum's
   * increment a small share of the year's), so the quality gate lets it through as it would a
   * real report.
   */
  next(): ObservationInput {
    const i = this.n++;
    const d = i % this.region.districts.length;
    const k = Math.floor(i / this.region.districts.length) % this.region.indicators.length;
    const district = this.region.districts[d]!;
    const indicator = this.region.indicators[k]!;
    const base = this.baseOf(district.id, indicator, d, k);
    const noise = (((i * 7919) % 1000) / 1000 - 0.5) * 0.01;
    const value = Math.round(base * (1 + noise) * 100) / 100;
    this.sent.set(district.id, (this.sent.get(district.id) ?? 0) + 1);
    return { district: district.id, indicator: indicator.id, value, date: this.today };
  }

  private readonly bases = new Map<string, number>();

  private baseOf(district: string, indicator: Indicator, d: number, k: number): number {
    const key = `${district}/${indicator.id}`;
    const known = this.bases.get(key);
    if (known !== undefined) return known;
    const year = Number(this.today.slice(0, 4));
    // Indexed: a search of the region's targets for every new series made the load generator
    // itself the bottleneck of the national run (10,000 targets a region, 200,000 series).
    const t = regionIndex(this.region).targets.get(`${district}/${indicator.id}/${year}`);
    const min = indicator.range?.min ?? 0;
    const max = indicator.range?.max ?? min + 1000;
    const spread = 0.4 + 0.4 * (((d * 31 + k * 17) * 0.618) % 1);
    let base: number;
    if (!t) base = min + (Math.min(max, min + 1000) - min) * spread;
    else if (indicator.mode === 'sum')
      base = Math.max(1, (t.target - (t.baseline ?? 0)) * 0.01 * spread);
    else {
      const from = t.baseline ?? t.target;
      const step = (t.target - from) * spread;
      // Within the gate's default jump (25 points for a percentage, a factor 3 otherwise).
      base =
        from +
        (indicator.unit.trim() === '%' ? Math.sign(step) * Math.min(20, Math.abs(step)) : step);
    }
    base = Math.min(max, Math.max(min, base));
    this.bases.set(key, base);
    return base;
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
