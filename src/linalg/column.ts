/** Typed arrays a {@link ColumnBuilder} can fill. */
export type NumberColumn = Uint32Array | Float64Array;

/**
 * A column of numbers of unknown final length, appended one at a time into
 * fixed-size typed chunks and copied once into an array of the exact length
 * by {@link ColumnBuilder.finish}. A JS number array grown by push takes 8
 * bytes an entry (and up to half again while it grows) before the typed copy
 * is made: for the 17 M rows of the policy-term table at 10,000 reports, the
 * builder holds 8 bytes a row of Uint32 columns at most where push held 16-20.
 *
 * @example
 * const b = new ColumnBuilder((n) => new Uint32Array(n));
 * b.push(3); b.push(5);
 * b.finish(); // Uint32Array [3, 5]
 */
export class ColumnBuilder<A extends NumberColumn> {
  private readonly chunks: A[] = [];
  private last: A;
  private filled = 0;
  /** Entries pushed so far. */
  length = 0;

  /** `make(n)`: a zeroed array of n entries (of the column's type); `chunk`: entries a chunk (default 2^20). */
  constructor(
    private readonly make: (n: number) => A,
    private readonly chunk = 1 << 20,
  ) {
    if (!(Number.isInteger(chunk) && chunk > 0)) throw new RangeError(`ColumnBuilder: chunk must be a positive integer, got ${chunk}`);
    this.last = make(0);
  }

  push(v: number): void {
    if (this.filled === this.last.length) {
      if (this.last.length) this.chunks.push(this.last);
      this.last = this.make(this.chunk);
      this.filled = 0;
    }
    this.last[this.filled++] = v;
    this.length++;
  }

  /** The column, exactly `length` long; the builder is empty afterwards. */
  finish(): A {
    const out = this.make(this.length);
    let at = 0;
    for (const c of this.chunks) {
      out.set(c, at);
      at += c.length;
    }
    out.set(this.last.subarray(0, this.filled), at);
    this.chunks.length = 0;
    this.last = this.make(0);
    this.filled = 0;
    this.length = 0;
    return out;
  }
}
