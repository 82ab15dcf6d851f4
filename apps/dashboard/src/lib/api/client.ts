import type {
  Alert,
  AlertRule,
  DistrictDetail,
  IndicatorHistoryReply,
  NationalRanking,
  RegionRanking,
  RegionScoresReply,
  RegionsReply,
  ScoreHistoryReply,
} from '@region-score/contracts';

/** An HTTP answer other than 2xx, with the server's `{ code, message }` when it sent one. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Body of POST /api/v1/silences. */
export interface SilenceRequest {
  matchers: { district?: string; rule?: AlertRule; indicator?: string };
  startsAt: string;
  endsAt: string;
  comment: string;
}

/** Filters of GET /api/v1/alerts. */
export interface AlertQuery {
  state?: Alert['state'];
  region?: string;
  district?: string;
}

const BASE = '/api/v1';

/**
 * The dashboard's HTTP client: one method per endpoint, typed with the contracts. `token` is read
 * on every call so a key typed on the alerts page is used at once.
 */
export class Api {
  constructor(private readonly token: () => string | null) {}

  private async request<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    const token = this.token();
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${BASE}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    const json: unknown = text ? safeJson(text) : null;
    if (!res.ok) {
      const err = (json ?? {}) as { code?: string; message?: string };
      throw new ApiError(
        res.status,
        err.code ?? `HTTP_${res.status}`,
        err.message ?? res.statusText,
      );
    }
    return json as T;
  }

  /** A file the API builds (an export): fetched with the key, handed back as a blob. */
  async file(path: string): Promise<Blob> {
    const token = this.token();
    const res = await fetch(`${BASE}${path}`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
    if (!res.ok) throw new ApiError(res.status, `HTTP_${res.status}`, res.statusText);
    return res.blob();
  }

  regions(): Promise<RegionsReply> {
    return this.request('GET', '/regions');
  }

  /** A region's ranking live, or as it stood at the end of the day `asOf` (YYYY-MM-DD). */
  rankings(region: string, asOf: string | null = null): Promise<RegionRanking> {
    const query = asOf ? `?asOf=${enc(asOf)}` : '';
    return this.request('GET', `/regions/${enc(region)}/rankings${query}`);
  }

  /** Each district's daily closing scores over the last `days` days, today's live score, thresholds. */
  scoreHistory(region: string, days: number): Promise<ScoreHistoryReply> {
    return this.request('GET', `/regions/${enc(region)}/history?days=${days}`);
  }

  regionScores(region: string): Promise<RegionScoresReply> {
    return this.request('GET', `/regions/${enc(region)}/scores`);
  }

  /** A district live, or as it stood at the end of the day `asOf` (YYYY-MM-DD). */
  district(id: string, asOf: string | null = null): Promise<DistrictDetail> {
    const query = asOf ? `?asOf=${enc(asOf)}` : '';
    return this.request('GET', `/districts/${enc(id)}${query}`);
  }

  indicatorHistory(district: string, indicator: string): Promise<IndicatorHistoryReply> {
    return this.request('GET', `/districts/${enc(district)}/indicators/${enc(indicator)}/history`);
  }

  /** The national ranking live, or as it stood at the end of the day `asOf`. */
  national(asOf: string | null = null): Promise<NationalRanking> {
    const query = asOf ? `?asOf=${enc(asOf)}` : '';
    return this.request('GET', `/rankings/national${query}`);
  }

  alerts(query: AlertQuery = {}): Promise<{ alerts: Alert[] }> {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) if (value) params.set(key, value);
    const qs = params.toString();
    return this.request('GET', `/alerts${qs ? `?${qs}` : ''}`);
  }

  ack(id: string, comment: string): Promise<unknown> {
    return this.request('POST', `/alerts/${enc(id)}/ack`, { comment });
  }

  silence(request: SilenceRequest): Promise<unknown> {
    return this.request('POST', '/silences', request);
  }
}

function enc(segment: string): string {
  return encodeURIComponent(segment);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

/** A readable message for any thrown value. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return `${err.status} ${err.code}: ${err.message}`;
  return err instanceof Error ? err.message : String(err);
}
