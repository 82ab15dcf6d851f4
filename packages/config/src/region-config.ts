import { readFile } from 'node:fs/promises';
import {
  RegionConfigSchema,
  type RegionConfig,
  type RegionConfigInput,
} from '@region-score/contracts';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { isCollection, LineCounter, parse as parseYaml, parseDocument, type Document } from 'yaml';
import { crossCheckIssues } from './cross-checks';
import { RegionConfigError } from './errors';
import { deepFreeze } from './freeze';
import { notificationIssues, refineChannelIssues, type SecretEnv } from './notifications';
import { applyDefaults } from './region-defaults';
import { formatPath, schemaIssues, type Issue } from './schema-issues';

/**
 * Parses and validates a region config (YAML, or JSON, which is YAML too), applies defaults and
 * returns it frozen. Throws one `RegionConfigError` listing every problem: YAML syntax, schema
 * violations and cross-checks (unique ids, known references, consistent thresholds and ranges).
 *
 * @param source - where the text came from (a path), used in the error message only.
 * @param env - where `notifications` secrets named by `secretEnv` / `tokenEnv` are read from
 *   (the entry point passes `process.env`); without it such references are reported as unset.
 */
export function parseRegionConfig(text: string, source: string, env?: SecretEnv): RegionConfig {
  // Fast path: a valid file is parsed once, without a syntax tree (a national config with
  // 200,000 targets loads in about a second this way). Only a file with problems is parsed again
  // with line numbers, so every problem can be reported where it is.
  const data = quickParse(text);
  if (data !== undefined && compiledSchema().Check(data)) {
    const found = [...crossCheckIssues(data), ...notificationIssues(data, env)];
    if (found.length === 0) return deepFreeze(applyDefaults(data as RegionConfigInput, env));
  }
  return reportProblems(text, source, env);
}

let compiled: ReturnType<typeof TypeCompiler.Compile<typeof RegionConfigSchema>> | null = null;
function compiledSchema() {
  compiled ??= TypeCompiler.Compile(RegionConfigSchema);
  return compiled;
}

/** JSON (when the text looks like it) or YAML parsed to plain data; undefined when it fails. */
function quickParse(text: string): unknown {
  try {
    return /^\s*[{[]/.test(text) ? JSON.parse(text) : parseYaml(text, { uniqueKeys: true });
  } catch {
    return undefined;
  }
}

/** The slow path: every problem with its path and line, thrown as one `RegionConfigError`. */
function reportProblems(text: string, source: string, env?: SecretEnv): RegionConfig {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: true });
  if (doc.errors.length > 0) {
    // With prettyErrors the first line ends in "at line L, column C:"; the rest is a code excerpt.
    const issues = doc.errors.map((error) =>
      (error.message.split('\n')[0] ?? '').replace(/:$/, ''),
    );
    throw new RegionConfigError(source, issues);
  }

  const data: unknown = doc.toJS();
  const found = [
    ...refineChannelIssues(schemaIssues(RegionConfigSchema, data), data),
    ...crossCheckIssues(data),
    ...notificationIssues(data, env),
  ];
  if (found.length > 0) {
    // File order reads best: the author fixes the file top to bottom.
    const located = found
      .map((issue, order) => ({ ...issue, order, line: lineOf(doc, lineCounter, issue.path) }))
      .sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity) || a.order - b.order);
    const texts = located.map(({ path, message }) => `${formatPath(path)}: ${message}`);
    const lines = located.map(
      ({ line }, n) => `${line === undefined ? '' : `line ${line}: `}${texts[n]}`,
    );
    throw new RegionConfigError(source, texts, lines);
  }
  return deepFreeze(applyDefaults(data as RegionConfigInput, env));
}

/** Reads, parses and validates a region config file; see `parseRegionConfig`. */
export async function loadRegionConfig(path: string, env?: SecretEnv): Promise<RegionConfig> {
  return parseRegionConfig(await readFile(path, 'utf8'), path, env);
}

/** The line of the closest node on `path` that exists (a missing key points at its parent). */
function lineOf(doc: Document, lines: LineCounter, path: Issue['path']): number | undefined {
  for (let n = path.length; n >= 0; n--) {
    const node: unknown = doc.getIn(path.slice(0, n), true);
    const offset = isCollection(node) || hasRange(node) ? node.range?.[0] : undefined;
    if (offset !== undefined) return lines.linePos(offset).line;
  }
  return undefined;
}

function hasRange(node: unknown): node is { range?: [number, number, number] | null } {
  return typeof node === 'object' && node !== null && 'range' in node;
}
