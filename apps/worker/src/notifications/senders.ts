import type { DeliverNotificationPayload, NotificationChannel } from '@region-score/contracts';
import { alertmanagerAlerts, telegramRequest, webhookBody, type MessageNames } from './payloads';
import { DELIVERY_HEADER, signWebhook } from './signing';

/**
 * A delivery attempt failed. `permanent` ones (a 4xx other than 408/425/429, a channel missing
 * from the config) cannot succeed by retrying and go to the dead-letter list at once.
 */
export class DeliveryError extends Error {
  readonly code = 'NOTIFICATION_DELIVERY_FAILED';
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}

/** Statuses worth retrying: the receiver is busy, rate-limiting, or broken for now. */
function transientStatus(status: number): boolean {
  return status === 408 || status === 425 || status === 429 || status >= 500;
}

const USER_AGENT = 'RegionScore-Notifier/1';

/** What a send needs besides the channel and the payload. */
export interface SendContext {
  /** Same on every retry of one notification. */
  deliveryId: string;
  names: MessageNames;
  publicUrl: string;
  timeoutMs: number;
  /** Wall-clock time of this attempt: the webhook timestamp a receiver checks against its clock. */
  now: Date;
  fetch?: typeof fetch;
}

/** POSTs JSON; throws `DeliveryError` on a network error, a timeout or a non-2xx answer. */
async function postJson(
  url: string,
  body: string,
  headers: Record<string, string>,
  ctx: SendContext,
  /** What to call the target in errors: never the URL itself when it holds a token. */
  target: string,
): Promise<void> {
  const doFetch = ctx.fetch ?? fetch;
  let res: Response;
  try {
    res = await doFetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': USER_AGENT, ...headers },
      body,
      signal: AbortSignal.timeout(ctx.timeoutMs),
      redirect: 'error',
    });
  } catch (err) {
    const e = err as Error;
    const why =
      e.name === 'TimeoutError'
        ? `no answer within ${ctx.timeoutMs} ms`
        : ((e.cause as Error | undefined)?.message ?? e.message);
    throw new DeliveryError(`${target}: ${why}`, false);
  }
  // Read (and bound) the body so the connection is released and errors can quote it.
  const text = (await res.text().catch(() => '')).slice(0, 300).replace(/\s+/g, ' ').trim();
  if (!res.ok) {
    throw new DeliveryError(
      `${target}: HTTP ${res.status}${text ? ` ${text}` : ''}`,
      !transientStatus(res.status),
    );
  }
}

/** Sends one notification to one channel. Resolves once the receiver accepted it. */
export async function sendNotification(
  channel: NotificationChannel,
  payload: DeliverNotificationPayload,
  ctx: SendContext,
): Promise<void> {
  switch (channel.type) {
    case 'webhook': {
      const body = JSON.stringify(
        webhookBody(payload, {
          deliveryId: ctx.deliveryId,
          language: channel.language,
          sentAt: ctx.now,
          names: ctx.names,
          publicUrl: ctx.publicUrl,
        }),
      );
      const headers = {
        ...signWebhook(channel.secret, body, Math.floor(ctx.now.getTime() / 1000)),
        [DELIVERY_HEADER]: ctx.deliveryId,
      };
      return postJson(channel.url, body, headers, ctx, `webhook ${channel.id}`);
    }
    case 'telegram': {
      const { url, body } = telegramRequest(payload, channel, ctx.names);
      // The URL holds the bot token: errors name the channel only.
      return postJson(url, JSON.stringify(body), {}, ctx, `telegram ${channel.id}`);
    }
    case 'alertmanager': {
      const body = alertmanagerAlerts(payload, channel, ctx.names, ctx.publicUrl);
      return postJson(
        `${channel.url}/api/v2/alerts`,
        JSON.stringify(body),
        {},
        ctx,
        `alertmanager ${channel.id}`,
      );
    }
  }
}
