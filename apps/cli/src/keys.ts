import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, loadRegionConfig } from '@region-score/config';
import { Role, type Role as RoleName } from '@region-score/contracts';
import { RegionCatalog } from '@region-score/core';
import { createPlatform, type Platform } from '@region-score/platform';
import { parseDuration, parseExpiry } from './key-options';

const USAGE = `Usage:
  npm run keys -- create --role <admin|analyst|reporter|viewer> [--districts a,b] [--regions r1,r2]
                         [--label text] [--expires <YYYY-MM-DD | 90d | 12h>]
  npm run keys -- list
  npm run keys -- rotate <id> [--grace <24h | 7d>]     new token; the old one works until the grace ends
  npm run keys -- revoke <id>

Uses REDIS_URL, or the embedded Redis under DATA_DIR (started for the command when npm start is not running).`;

const ROLES = Role.anyOf.map((r) => r.const as RoleName);

class UsageError extends Error {}

const list = (value: string | undefined) =>
  (value ?? '')
    .split(',')
    .map((d) => d.trim())
    .filter(Boolean);

/** `npm run keys`: create, list, rotate and revoke API keys. Tokens are shown once, stored hashed. */
async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      role: { type: 'string' },
      districts: { type: 'string' },
      regions: { type: 'string' },
      label: { type: 'string' },
      expires: { type: 'string' },
      grace: { type: 'string' },
    },
  });
  const [command, arg] = positionals;
  if (!command || !['create', 'list', 'revoke', 'rotate'].includes(command)) {
    throw new UsageError(USAGE);
  }
  const config = loadConfig(process.env);
  const catalog = new RegionCatalog(await loadRegionConfig(config.regionConfigPath));
  const platform = await createPlatform(config.redis, { attachToRunning: true });
  try {
    const now = new Date();
    if (command === 'create') return await create(platform, catalog, values, now);
    if (command === 'list') return await show(platform, now);
    if (!arg) throw new UsageError(`${command}: give the key id (see \`npm run keys -- list\`)`);
    if (command === 'rotate') {
      const graceMs = values.grace === undefined ? 24 * 3600_000 : parseDuration(values.grace);
      if (graceMs === null) throw new UsageError('--grace: a duration like 24h or 7d');
      const rotated = await platform.apiKeys.rotate(arg, graceMs, now);
      if (!rotated) {
        process.stdout.write(`No key with id ${arg}.\n`);
        return 1;
      }
      await platform.audit.append({ ...CLI_ACTOR(now), type: 'key.rotated', target: arg });
      process.stdout.write(
        `Rotated ${arg}: the old token works until ${rotated.oldExpiresAt}.\n` +
          `New token (shown once, store it now):\n${rotated.token}\n`,
      );
      return 0;
    }
    const ok = await platform.apiKeys.revoke(arg);
    if (ok) await platform.audit.append({ ...CLI_ACTOR(now), type: 'key.revoked', target: arg });
    process.stdout.write(ok ? `Revoked ${arg}.\n` : `No key with id ${arg}.\n`);
    return ok ? 0 : 1;
  } finally {
    await platform.close();
  }
}

/** `npm run keys` acts as the operator at the console: audited as actor `cli`. */
const CLI_ACTOR = (now: Date) => ({
  at: now.toISOString(),
  actor: { id: 'cli', label: process.env.USER ?? 'operator' },
});

async function create(
  platform: Platform,
  catalog: RegionCatalog,
  values: { role?: string; districts?: string; regions?: string; label?: string; expires?: string },
  now: Date,
): Promise<number> {
  const role = values.role as RoleName | undefined;
  if (!role || !ROLES.includes(role)) {
    throw new UsageError(`--role: must be one of ${ROLES.join(', ')}`);
  }
  const districts = list(values.districts);
  const regions = list(values.regions);
  if (role === 'reporter' && districts.length === 0) {
    throw new UsageError('--districts: a reporter key needs the districts it may report for');
  }
  const unknown = districts.filter((d) => !catalog.district(d));
  if (unknown.length > 0) {
    throw new UsageError(
      `--districts: unknown district(s) ${unknown.map((d) => `"${d}"`).join(', ')}`,
    );
  }
  const unknownRegions = regions.filter((r) => !catalog.region(r));
  if (unknownRegions.length > 0) {
    throw new UsageError(
      `--regions: unknown region(s) ${unknownRegions.map((r) => `"${r}"`).join(', ')}`,
    );
  }
  const expiresAt = values.expires === undefined ? null : parseExpiry(values.expires, now);
  if (expiresAt === undefined) {
    throw new UsageError('--expires: a date (YYYY-MM-DD) or a duration (90d, 12h) in the future');
  }
  const { token, record } = await platform.apiKeys.create(
    { role, districts, regions, label: values.label ?? '', expiresAt },
    now,
  );
  await platform.audit.append({
    ...CLI_ACTOR(now),
    type: 'key.created',
    target: record.id,
    detail: `${record.role}${record.label ? ` "${record.label}"` : ''}`,
  });
  const scope = [
    record.districts.length ? `for ${record.districts.join(', ')}` : '',
    record.regions?.length ? `in ${record.regions.join(', ')}` : '',
    record.expiresAt ? `until ${record.expiresAt}` : '',
  ].filter(Boolean);
  process.stdout.write(
    `Created ${record.role} key ${record.id}${scope.length ? ` ${scope.join(' ')}` : ''}.\n` +
      `Token (shown once, store it now):\n${token}\n`,
  );
  return 0;
}

async function show(platform: Platform, now: Date): Promise<number> {
  const keys = await platform.apiKeys.list();
  if (keys.length === 0) process.stdout.write('No keys.\n');
  else process.stdout.write('id\trole\tcreated\texpires\tlast used\tdistricts\tregions\tlabel\n');
  for (const k of keys) {
    const expires = !k.expiresAt
      ? '-'
      : Date.parse(k.expiresAt) <= now.getTime()
        ? `expired ${k.expiresAt}`
        : k.expiresAt;
    process.stdout.write(
      [
        k.id,
        k.role,
        k.createdAt,
        expires,
        k.lastUsedAt ?? 'never',
        k.districts.join(',') || '-',
        k.regions?.join(',') || '-',
        k.label,
      ].join('\t') + '\n',
    );
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    const usage = err instanceof UsageError || err instanceof ConfigError;
    process.stderr.write(`${usage ? (err as Error).message : String(err)}\n`);
    process.exit(usage ? 2 : 1);
  },
);
