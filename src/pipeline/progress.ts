import cliProgress from 'cli-progress';
import type { StageContext } from './context.js';

/**
 * Progress on stderr: a bar when stderr is a terminal, otherwise a plain line
 * at each tenth of the work (logs stay short and readable).
 */
export interface ProgressReporter {
  forStage(stage: string): Pick<StageContext, 'progress'> & { done(): void };
}

export function createProgress(stream: NodeJS.WriteStream = process.stderr, quiet = false): ProgressReporter {
  if (quiet) return { forStage: () => ({ progress() {}, done() {} }) };
  if (stream.isTTY) {
    return {
      forStage(stage) {
        let bar: cliProgress.SingleBar | undefined;
        return {
          progress(done, total, unit) {
            if (total <= 1) return;
            if (!bar) {
              bar = new cliProgress.SingleBar(
                { stream, format: `${stage.padEnd(10)} [{bar}] {percentage}% | {value}/{total} ${unit} | {eta_formatted}`, hideCursor: true, clearOnComplete: false },
                cliProgress.Presets.shades_classic,
              );
              bar.start(total, done);
            } else bar.update(done);
          },
          done() {
            bar?.stop();
          },
        };
      },
    };
  }
  return {
    forStage(stage) {
      let lastTenth = -1;
      return {
        progress(done, total, unit) {
          if (total < 20) return;
          const tenth = Math.floor((done / total) * 10);
          if (tenth !== lastTenth) {
            lastTenth = tenth;
            stream.write(`${stage}: ${done}/${total} ${unit}\n`);
          }
        },
        done() {},
      };
    },
  };
}
