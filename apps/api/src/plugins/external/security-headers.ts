import fp from 'fastify-plugin';
import helmet from '@fastify/helmet';
import cors from '@fastify/cors';

/**
 * Security headers on every response (helmet): a Content-Security-Policy the dashboard works
 * under — scripts only from this origin, no inline scripts or eval; styles may be inline (Svelte
 * sets style attributes and transition rules through the DOM) —, no framing unless the origins
 * are listed in EMBED_ORIGINS, `X-Content-Type-Options: nosniff`, a strict referrer policy. CORS
 * is off unless CORS_ORIGINS lists the browser origins allowed to call the API.
 */
export default fp<{ corsOrigins: readonly string[]; embedOrigins: readonly string[] }>(
  async (app, { corsOrigins, embedOrigins }) => {
    await app.register(helmet, {
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:', 'blob:'],
          fontSrc: ["'self'", 'data:'],
          connectSrc: ["'self'", 'ws:', 'wss:'],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: embedOrigins.length > 0 ? [...embedOrigins] : ["'none'"],
        },
      },
      // Frames are governed by frame-ancestors above; the legacy header only when none may frame.
      frameguard: embedOrigins.length > 0 ? false : { action: 'deny' },
      crossOriginEmbedderPolicy: false,
      referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
      // TLS is the reverse proxy's business; HSTS over plain HTTP would only confuse browsers.
      strictTransportSecurity: false,
    });
    if (corsOrigins.length > 0) {
      await app.register(cors, {
        origin: [...corsOrigins],
        methods: ['GET', 'POST', 'DELETE'],
        allowedHeaders: ['authorization', 'content-type', 'idempotency-key'],
        maxAge: 600,
      });
    }
  },
  { name: 'security-headers' },
);
