import { Command, CommanderError } from 'commander';
import { exitCodeOf, UsageError } from '../errors.js';
import { toolVersion } from '../paths.js';
import { formatMessage } from './messages.js';

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** Builds the CLI. Heavy modules load inside the actions, so `govtext --help` starts fast. */
export function buildProgram(): Command {
  const program = new Command();
  program
    .name('govtext')
    .description('Text-as-data pipeline for Chinese government work reports (政府工作报告)')
    .version(toolVersion(), '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();

  program
    .command('run')
    .description('run a pipeline over report files and write its tables to an output folder')
    .argument('[pipeline]', 'pipeline YAML file', 'pipelines/default.yaml')
    .option('-i, --input <path>', 'input file or folder (repeatable; folders are read recursively)', collect, [])
    .option('-o, --out <dir>', 'output folder (default: output/<pipeline name>)')
    .option('-s, --set <stage.param=value>', 'override a stage parameter (repeatable)', collect, [])
    .option('-q, --quiet', 'no progress output')
    .addHelpText('after', '\nExamples:\n  govtext run\n  govtext run pipelines/ingest.yaml --input data/raw --out output/ingest\n  govtext run --set ingest.min_doc_chars=100\n  govtext stages            (lists stages and their parameters)')
    .action(async (pipelineFile: string, opts: { input: string[]; out?: string; set: string[]; quiet?: boolean }) => {
      const { loadPipeline, applyOverrides } = await import('../pipeline/spec.js');
      const { runPipeline } = await import('../pipeline/runner.js');
      const { createProgress } = await import('../pipeline/progress.js');
      const pipeline = applyOverrides(loadPipeline(pipelineFile), opts.set);
      const result = await runPipeline(pipeline, {
        inputs: opts.input.length ? opts.input : ['data/raw'],
        out: opts.out,
        progress: createProgress(process.stderr, Boolean(opts.quiet)),
        onWarning: (m) => process.stderr.write(`${formatMessage(m)}\n`),
      });
      const c = result.manifest.counts;
      const summary = Object.entries(c)
        .map(([k, v]) => `${v} ${k.replace(/_/g, ' ')}`)
        .join(', ');
      process.stderr.write(`govtext: ${pipeline.name}: ${summary}; ${result.manifest.warnings.length} warning(s); ${result.manifest.timings_ms.total} ms\n`);
      process.stdout.write(`${result.out}\n`);
    });

  program
    .command('kwic')
    .description('keyword in context: every place a term is counted, with the text around it')
    .argument('<term>', 'the term (a token as the analysis counts it, e.g. 乡村振兴)')
    .option('-i, --input <path>', 'input file or folder (repeatable)', collect, [])
    .option('-p, --pipeline <file>', 'pipeline whose ingest, phrases and segment settings to use', 'pipelines/default.yaml')
    .option('-s, --set <stage.param=value>', 'override a stage parameter (repeatable)', collect, [])
    .option('-w, --window <n>', 'characters of context on each side', '20')
    .option('-o, --out <file>', 'write a CSV file instead of printing')
    .action(async (term: string, opts: { input: string[]; pipeline: string; set: string[]; window: string; out?: string }) => {
      const window = Number(opts.window);
      if (!Number.isInteger(window) || window < 0) throw new UsageError(`--window ${opts.window}: expected a whole number of characters, e.g. --window 20`);
      const { runKwic } = await import('./kwic.js');
      await runKwic(term, { ...opts, window });
    });

  program
    .command('table')
    .description("a group table for papers from a run's output: a term's (or attention category's) rate by one or two corpus variables")
    .argument('[dir]', 'output folder of a default-pipeline run', 'output/default')
    .option('-t, --term <term>', 'a term of policy_terms.csv, e.g. 乡村振兴')
    .option('-c, --category <name>', 'an attention category of attention.csv, e.g. environment')
    .option('-d, --dictionary <name>', 'the attention dictionary of --category', 'lexicon')
    .option('-r, --rows <var>', 'corpus.csv column for the rows', 'year')
    .option('--cols <var>', 'corpus.csv column for the columns (none: one column)', '')
    .option('-v, --value <what>', 'per_10k (pooled rate), hits or documents', 'per_10k')
    .option('-o, --out <file>', 'write a CSV file instead of printing')
    .addHelpText('after', '\nExamples:\n  govtext table --term 乡村振兴 --rows year --cols level\n  govtext table --category environment --dictionary env_attention_chen2018 --rows region')
    .action(async (dir: string, opts: { term?: string; category?: string; dictionary: string; rows: string; cols: string; value: string; out?: string }) => {
      const { runTable } = await import('./table.js');
      runTable(dir, opts);
    });

  program
    .command('stages')
    .description('list the stages, their parameters and defaults')
    .action(async () => {
      const { describeStages } = await import('../pipeline/describe.js');
      process.stdout.write(describeStages());
    });

  return program;
}

export async function main(argv: readonly string[]): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv as string[]);
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version end here with code 0; usage errors were already printed.
      process.exitCode = err.exitCode === 0 ? 0 : 2;
      return;
    }
    const code = exitCodeOf(err);
    const msg = err instanceof Error ? err.message : String(err);
    process.stderr.write(`govtext: error: ${msg}\n`);
    if (code === 1 && err instanceof Error && err.stack && process.env.GOVTEXT_DEBUG) process.stderr.write(`${err.stack}\n`);
    process.exitCode = code;
  }
}
