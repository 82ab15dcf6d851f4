import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, loadRegionConfig } from '@region-score/config';
import { Role, type Role as RoleName } from '@region-score/contracts';
import { RegionCatalog } from '@region-score/core';
import { createPlatform } from '@region-score/platform';

const USAGE = `Usage:
  npm run keys -- create --role <admin|analyst|reporter|viewer> [--districts a,b] [--label text]
  npm run keys -- list
  npm run keys -- revoke <id>

Uses REDIS_URL, or the embedded Redis under DATA_DIR (started for the command when npm start is not running).`;

const ROLES = Role.anyOf.map((r) => r.const as RoleName);

/** `npm run keys`: create, list and revoke API keys. Tokens are shown once and stored hashed. */
async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { role: { type: 'string' }, districts: { type: 'string' }, label: { type: 'string' } },
  });
  const [command, arg] = positionals;
  if (!command || !['create', 'list', 'revoke'].includes(command)) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const config = loadConfig(process.env);

  const platform = await createPlatform(config.redis, { attachToRunning: true });
  try {
    if (command === 'create') {
      const role = values.role as RoleName | undefined;
      if (!role || !ROLES.includes(role)) {
        process.stderr.write(`--role: must be one of ${ROLES.join(', ')}\n`);
        return 2;
      }
      const districts = (values.districts ?? '')
        .split(',')
        .map((d) => d.trim())
        .filter(Boolean);
      if (role === 'reporter') {
        if (districts.length === 0) {
          process.stderr.write(
            '--districts: a reporter key needs the districts it may report for\n',
          );
          return 2;
        }
        const catalog = new RegionCatalog(await loadRegionConfig(config.regionConfigPath));
        const unknown = districts.filter((d) => !catalog.district(d));
        if (unknown.length > 0) {
          process.stderr.write(
            `--districts: unknown district(s) ${unknown.map((d) => `"${d}"`).join(', ')}\n`,
          );
          return 2;
        }
      }
      const { token, record } = await platform.apiKeys.create(
        { role, districts, label: values.label ?? '' },
        new Date(),
      );
      process.stdout.write(
        `Created ${record.role} key ${record.id}${record.districts.length ? ` for ${record.districts.join(', ')}` : ''}.\n` +
          `Token (shown once, store it now):\n${token}\n`,
      );
    } else if (command === 'list') {
      const list = await platform.apiKeys.list();
      if (list.length === 0) process.stdout.write('No keys.\n');
      for (const k of list) {
        process.stdout.write(
          `${k.id}\t${k.role}\t${k.createdAt}\t${k.districts.join(',') || '-'}\t${k.label}\n`,
        );
      }
    } else {
      if (!arg) {
        process.stderr.write('revoke: give the key id (see `npm run keys -- list`)\n');
        return 2;
      }
      const ok = await platform.apiKeys.revoke(arg);
      process.stdout.write(ok ? `Revoked ${arg}.\n` : `No key with id ${arg}.\n`);
      return ok ? 0 : 1;
    }
    return 0;
  } finally {
    await platform.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`${err instanceof ConfigError ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
