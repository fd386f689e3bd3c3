import { readFileSync } from 'node:fs';
import path from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, parse as parseYaml, visit, type Node } from 'yaml';
import { z } from 'zod';
import { UsageError } from '../errors.js';
import { nameProblem } from './outdir.js';
import { stageNamed, STAGE_NAMES, type StageDefinition } from './registry.js';

/**
 * A pipeline file:
 *
 *     name: default
 *     description: what it is for
 *     stages:
 *       - ingest                      # a stage with its default parameters
 *       - segment:                    # or a stage with parameters
 *           stopwords: [data/my-stopwords.txt]
 *
 * The whole file is checked before anything runs (unified's freeze): unknown
 * stages or parameters, wrong types and stages whose input no earlier stage
 * makes stop the run with the file, the line and the valid choices.
 */
export interface PipelineStage {
  name: string;
  params: Record<string, unknown>;
  definition: StageDefinition;
  /** Line of the stage in the pipeline file (0 when built in code). */
  line: number;
}

export interface Pipeline {
  name: string;
  description: string;
  file: string;
  stages: PipelineStage[];
}

const where = (file: string, line: number) => (line > 0 ? `${file}:${line}` : file);

function describeIssue(issue: z.core.$ZodIssue, value: unknown): string {
  const at = issue.path.length ? issue.path.join('.') : '';
  if (issue.code === 'unrecognized_keys') return `unknown parameter${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `'${k}'`).join(', ')}`;
  const got = value === undefined ? '' : `, got ${JSON.stringify(value)}`;
  return `${at ? `'${at}': ` : ''}${issue.message}${got}`;
}

function valueAt(obj: unknown, p: readonly PropertyKey[]): unknown {
  let v = obj;
  for (const k of p) v = v && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k] : undefined;
  return v;
}

/** Validates a stage's parameters against its schema; the error names the place and the valid parameters. */
export function validateParams(def: StageDefinition, raw: Record<string, unknown>, place: string | ((param?: string) => string)): Record<string, unknown> {
  const result = def.params.safeParse(raw);
  if (result.success) return result.data as Record<string, unknown>;
  const valid = Object.keys((def.params as unknown as z.ZodObject).shape ?? {}).join(', ');
  const first = result.error.issues[0]!;
  const firstKey = first.code === 'unrecognized_keys' ? first.keys[0] : first.path[0];
  const at = typeof place === 'string' ? place : place(firstKey === undefined ? undefined : String(firstKey));
  const problems = result.error.issues.map((i) => describeIssue(i, valueAt(raw, i.path))).join('; ');
  throw new UsageError(`${at}: stage '${def.name}': ${problems} (parameters of ${def.name}: ${valid})`);
}

function lineOf(node: Node | null | undefined, lc: LineCounter): number {
  const start = node?.range?.[0];
  return start === undefined ? 0 : lc.linePos(start).line;
}

/** Reads and validates a pipeline file. */
export function loadPipeline(file: string): Pipeline {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new UsageError(`pipeline file not found: ${file} (expected a YAML file such as pipelines/default.yaml)`);
  }
  return parsePipeline(text, file);
}

export function parsePipeline(text: string, file: string): Pipeline {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false });
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    const line = e.linePos?.[0]?.line ?? lc.linePos(e.pos[0]).line;
    throw new UsageError(`${where(file, line)}: malformed YAML: ${e.message.split('\n')[0]}`);
  }
  // Aliases (*name) are refused with their line: a pipeline is short enough to write out, and an alias without its anchor otherwise surfaced as an unrelated error.
  visit(doc, {
    Alias(_, node) {
      const line = lineOf(node as unknown as Node, lc);
      const anchored = text.includes(`&${node.source}`);
      throw new UsageError(`${where(file, line)}: YAML alias *${node.source}${anchored ? '' : ` (no anchor &${node.source} defines it)`}: aliases are not supported in pipeline files; write the value out in full`);
    },
  });
  const root = doc.contents;
  if (!isMap(root)) throw new UsageError(`${file}: expected a mapping with 'name' and 'stages'`);
  const allowedTop = ['name', 'description', 'stages'];
  for (const pair of root.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    if (!allowedTop.includes(key)) throw new UsageError(`${where(file, lineOf(pair.key as Node, lc))}: unknown key '${key}' (valid: ${allowedTop.join(', ')})`);
  }
  const stagesNode = root.get('stages', true);
  if (!isSeq(stagesNode) || stagesNode.items.length === 0) {
    throw new UsageError(`${where(file, lineOf(stagesNode as Node, lc))}: 'stages' must be a non-empty list of stages (valid stages: ${STAGE_NAMES.join(', ')})`);
  }
  const nameValue = root.get('name');
  const nameText = nameValue === undefined || nameValue === null ? '' : String(nameValue).trim();
  const name = nameText || path.basename(file).replace(/\.ya?ml$/u, '');
  const badName = nameProblem(name);
  if (badName) throw new UsageError(`${where(file, lineOf((root.get('name', true) as Node | undefined) ?? root, lc))}: pipeline name '${name}': ${badName}`);
  const description = String(root.get('description') ?? '');

  const stages: PipelineStage[] = [];
  for (const item of stagesNode.items) {
    const line = lineOf(item as Node, lc);
    let stageName: string;
    let rawParams: unknown = {};
    let paramsNode: Node | null = null;
    if (isScalar(item) && typeof item.value === 'string') stageName = item.value;
    else if (isMap(item) && item.items.length === 1 && isScalar(item.items[0]!.key)) {
      stageName = String(item.items[0]!.key.value);
      const v = item.items[0]!.value as Node | null;
      paramsNode = v;
      rawParams = v === null ? {} : (v.toJSON() as unknown);
    } else {
      throw new UsageError(`${where(file, line)}: a stage is a name ('- ingest') or a name with parameters ('- ingest: {min_doc_chars: 100}')`);
    }
    const def = stageNamed(stageName);
    if (!def) throw new UsageError(`${where(file, line)}: unknown stage '${stageName}' (valid stages: ${STAGE_NAMES.join(', ')})`);
    if (rawParams === null || rawParams === undefined) rawParams = {};
    if (typeof rawParams !== 'object' || Array.isArray(rawParams)) {
      throw new UsageError(`${where(file, line)}: parameters of '${stageName}' must be a mapping of name: value`);
    }
    if (stages.some((s) => s.name === stageName)) throw new UsageError(`${where(file, line)}: stage '${stageName}' appears twice`);
    const paramLine = (param?: string) => {
      if (param !== undefined && isMap(paramsNode)) {
        const pair = paramsNode.items.find((p) => isScalar(p.key) && String(p.key.value) === param);
        if (pair) return where(file, lineOf(pair.key as Node, lc));
      }
      return where(file, line);
    };
    const params = validateParams(def, rawParams as Record<string, unknown>, paramLine);
    stages.push({ name: stageName, params, definition: def, line });
  }
  checkOrder(stages, file);
  return { name, description, file, stages };
}

/** Every stage's input must be made by an earlier stage. */
function checkOrder(stages: readonly PipelineStage[], file: string): void {
  // The runner provides the inputs (sources) and the record of the run itself.
  const made = new Set<string>(['sources', 'run']);
  for (const s of stages) {
    for (const need of s.definition.needs) {
      if (!made.has(need)) {
        const maker = STAGE_NAMES.find((n) => stageNamed(n)?.makes === need);
        throw new UsageError(`${where(file, s.line)}: stage '${s.name}' needs '${need}', which no earlier stage makes (add '${maker}' before it)`);
      }
    }
    made.add(s.definition.makes);
  }
}

/**
 * Applies `--set stage.param=value` overrides. The value is read as YAML
 * (numbers, booleans, lists) and checked against the stage's schema.
 */
export function applyOverrides(pipeline: Pipeline, sets: readonly string[]): Pipeline {
  const stages = pipeline.stages.map((s) => ({ ...s, params: { ...s.params } }));
  for (const set of sets) {
    const m = /^([a-z_]+)\.([a-z_]+(?:\.[\p{L}\p{N}_]+)?)=(.*)$/su.exec(set);
    if (!m) throw new UsageError(`--set ${set}: expected stage.param=value, e.g. --set ingest.min_doc_chars=100`);
    const [, stageName, paramPath, rawValue] = m as unknown as [string, string, string, string];
    const stage = stages.find((s) => s.name === stageName);
    if (!stage) throw new UsageError(`--set ${set}: stage '${stageName}' is not in pipeline '${pipeline.name}' (its stages: ${stages.map((s) => s.name).join(', ')})`);
    let value: unknown;
    try {
      value = rawValue === '' ? '' : parseYaml(rawValue);
    } catch {
      value = rawValue;
    }
    const [param, sub] = paramPath.split('.') as [string, string | undefined];
    const next = { ...stage.params };
    if (sub !== undefined) next[param] = { ...((next[param] as Record<string, unknown>) ?? {}), [sub]: value };
    else next[param] = value;
    stage.params = validateParams(stage.definition, next, `--set ${set}`);
  }
  return { ...pipeline, stages };
}
