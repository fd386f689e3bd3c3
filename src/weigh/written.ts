import type { Message } from '../artifacts/corpus.js';
import type { WrittenRows } from '../artifacts/weights.js';
import { cutRows, type RowsSetting } from './rows.js';

/** The rows a setting writes of a table, with the warning when it cuts them. */
export function writtenRows(file: string, parameter: string, ptr: Uint32Array, setting: RowsSetting, rule: (n: number) => string, messages: Message[]): WrittenRows {
  const cut = cutRows(ptr, setting);
  const cutting = cut.rows < cut.of;
  if (cutting) {
    messages.push({
      origin: `weigh:${parameter}`,
      text: `${file} holds ${cut.rows} of ${cut.of} rows, ${rule(cut.perDocument)} (weigh.${parameter}: ${setting}); --set weigh.${parameter}=all writes all (the report uses all; tokens.jsonl can rebuild them)`,
    });
  }
  return { ...cut, perDocument: cutting ? cut.perDocument : Infinity, file, parameter, rule: cutting ? rule(cut.perDocument) : '' };
}
