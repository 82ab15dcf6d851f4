/** Formats a list of problems under a heading, one per line, for an error message a person reads. */
function describe(heading: string, issues: readonly string[]): string {
  return [heading, ...issues.map((issue) => `  - ${issue}`)].join('\n');
}

/**
 * The environment is invalid. Thrown once by `loadConfig` with every bad variable, so an operator
 * fixes them all in one go instead of one restart per typo.
 */
export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';

  constructor(readonly issues: string[]) {
    super(describe(`Invalid environment (${issues.length} problem(s)):`, issues));
    this.name = 'ConfigError';
  }
}

/**
 * The region config file is invalid. `issues` holds every problem as `path: message`
 * (e.g. `regions[0].districts[3].id: duplicate "akkol"`); the message adds the file and, where
 * known, the line of each.
 */
export class RegionConfigError extends Error {
  readonly code = 'REGION_CONFIG_INVALID';

  constructor(
    readonly source: string,
    readonly issues: string[],
    lines: readonly string[] = issues,
  ) {
    super(describe(`Invalid region config ${source} (${issues.length} problem(s)):`, lines));
    this.name = 'RegionConfigError';
  }
}
