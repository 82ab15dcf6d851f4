import type {
  QuarantineReply,
  ReviewReply,
  UploadDetail,
  UploadMode,
  UploadReply,
  UploadsReply,
} from '@region-score/contracts';
import { ApiError } from '../api/client';

const BASE = '/api/v1';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The reporting endpoints: uploads, templates, quarantine review. */
export class ReportsApi {
  constructor(private readonly token: () => string | null) {}

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    const token = this.token();
    return {
      accept: 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...extra,
    };
  }

  private async json<T>(res: Response): Promise<T> {
    const text = await res.text();
    let body: unknown = null;
    try {
      body = text ? (JSON.parse(text) as unknown) : null;
    } catch {
      body = null;
    }
    if (!res.ok) {
      const err = (body ?? {}) as { code?: string; message?: string; upload?: string };
      throw new UploadError(
        res.status,
        err.code ?? `HTTP_${res.status}`,
        err.message ?? res.statusText,
        err.upload ?? null,
      );
    }
    return body as T;
  }

  /** Uploads a file as the raw body; a refused file throws `UploadError` with its record id. */
  async upload(file: File, mode: UploadMode, district: string | null): Promise<UploadReply> {
    const type = /\.xlsx$/i.test(file.name) ? XLSX : 'text/csv';
    const params = new URLSearchParams({ mode });
    if (district) params.set('district', district);
    const res = await fetch(`${BASE}/reports?${params.toString()}`, {
      method: 'POST',
      headers: this.headers({ 'content-type': type, 'x-file-name': encodeURIComponent(file.name) }),
      body: file,
    });
    return this.json<UploadReply>(res);
  }

  async uploadDetail(id: string): Promise<UploadDetail> {
    return this.json(
      await fetch(`${BASE}/reports/${encodeURIComponent(id)}`, { headers: this.headers() }),
    );
  }

  async uploads(limit = 20): Promise<UploadsReply> {
    return this.json(await fetch(`${BASE}/reports?limit=${limit}`, { headers: this.headers() }));
  }

  async template(query: URLSearchParams): Promise<Blob> {
    const res = await fetch(`${BASE}/reports/template?${query.toString()}`, {
      headers: this.headers(),
    });
    if (!res.ok) await this.json(res);
    return res.blob();
  }

  async quarantine(region: string): Promise<QuarantineReply> {
    return this.json(
      await fetch(`${BASE}/quarantine?region=${encodeURIComponent(region)}`, {
        headers: this.headers(),
      }),
    );
  }

  async review(id: string, action: 'release' | 'discard', comment: string): Promise<ReviewReply> {
    const res = await fetch(`${BASE}/quarantine/${encodeURIComponent(id)}/${action}`, {
      method: 'POST',
      headers: this.headers({ 'content-type': 'application/json' }),
      body: JSON.stringify({ comment }),
    });
    return this.json(res);
  }
}

/** A refused upload: the server's message and the id of the record it kept. */
export class UploadError extends ApiError {
  constructor(
    status: number,
    code: string,
    message: string,
    readonly upload: string | null,
  ) {
    super(status, code, message);
  }
}
