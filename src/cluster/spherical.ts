import { kmeans } from 'ml-kmeans';
import { Random } from 'ml-random';
import { dense, denseOfRows, normalizeDenseRows, rowNorms, rowsOfDense, type Dense } from './dense.js';
import { dotAt } from '../linalg/dot.js';

/**
 * Spherical k-means: k-means in cosine geometry on unit-length vectors
 * (Dhillon & Modha 2001). ml-kmeans does the iterations with cosine
 * distance, so a centroid's direction is its cluster's mean direction;
 * k-means++ seeding, several restarts from seeds seed, seed+1 …, the run of
 * lowest inertia kept. Deterministic for a given seed.
 */
export interface SphericalResult {
  labels: number[];
  /** Unit-length centroids. */
  centroids: number[][];
  /** Σ over points of (1 − cos(point, its centroid)). */
  inertia: number;
}

export function dot(a: readonly number[], b: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

export function normalize(v: readonly number[]): number[] {
  const n = Math.sqrt(dot(v, v));
  return n > 0 ? v.map((x) => x / n) : [...v];
}

/** Cosine distance 1 − cos(a, b); 1 when either vector is zero. */
export function cosineDistance(a: readonly number[], b: readonly number[]): number {
  const na = Math.sqrt(dot(a, a));
  const nb = Math.sqrt(dot(b, b));
  return na > 0 && nb > 0 ? 1 - dot(a, b) / (na * nb) : 1;
}

/** Inertia of a labelling: Σ (1 − cos(x, centroid of its cluster)), centroids = normalised means. */
export function sphericalInertia(X: readonly number[][], labels: readonly number[], k: number): { inertia: number; centroids: number[][] } {
  const dim = X[0]?.length ?? 0;
  const sums = Array.from({ length: k }, () => new Array<number>(dim).fill(0));
  X.forEach((x, i) => {
    const s = sums[labels[i]!]!;
    for (let j = 0; j < dim; j++) s[j]! += x[j]!;
  });
  const centroids = sums.map(normalize);
  let inertia = 0;
  X.forEach((x, i) => (inertia += cosineDistance(x, centroids[labels[i]!]!)));
  return { inertia, centroids };
}

/**
 * k-means++ seeding exactly as ml-kmeans 7 does it (scikit-learn's greedy
 * variant: 2 + ⌊ln k⌋ candidates per centre, drawn from ml-random with the
 * same seed, the one that lowers the potential most kept), with the same
 * floating-point operations in the same order, so the centres are identical;
 * but on flat arrays, without copying X into a Matrix and every row out of it
 * for each distance (which made ml-kmeans's own seeding most of the cost).
 * Returns the k centres (k x cols, row-major copies of rows of X).
 */
export function kmeansPlusPlusDense(X: Dense, k: number, seed: number): Float64Array {
  const { rows: n, cols: d, data } = X;
  const random = new Random(seed);
  const trials = 2 + Math.floor(Math.log(k));
  const sq = (p: number, q: number) => {
    const po = p * d;
    const qo = q * d;
    let s = 0;
    for (let j = 0; j < d; j++) {
      const t = data[po + j]! - data[qo + j]!;
      s += t * t;
    }
    return s;
  };
  const first = random.randInt(n);
  const centres = [first];
  let closest = new Float64Array(n);
  for (let i = 0; i < n; i++) closest[i] = sq(i, first);
  const probabilities = (dist: Float64Array) => {
    let s = dist[0]!;
    for (let i = 1; i < n; i++) s += dist[i]!;
    // All points on the centres chosen (duplicate documents): any is as good, draw evenly (ml-kmeans would throw here).
    if (!(s > 0)) return Array.from(dist, () => 1 / n);
    const inv = 1 / s;
    return Array.from(dist, (x) => x * inv);
  };
  let p = probabilities(closest);
  // Each candidate's distances min(closest, d²(candidate, x)), all candidates in one pass over the points.
  const candidates = Array.from({ length: trials }, () => new Float64Array(n));
  const pots = new Float64Array(trials);
  for (let c = 1; c < k; c++) {
    const picks = random.choice(n, { replace: true, size: trials, probabilities: p });
    pots.fill(0);
    for (let i = 0; i < n; i++) {
      const ci = closest[i]!;
      for (let t = 0; t < trials; t++) {
        const v = Math.min(ci, sq(picks[t]!, i));
        candidates[t]![i] = v;
        pots[t]! += v;
      }
    }
    let bestIdx = -1;
    let bestPot = Infinity;
    let bestT = -1;
    for (let t = 0; t < trials; t++) {
      if (pots[t]! < bestPot) {
        bestIdx = picks[t]!;
        bestPot = pots[t]!;
        bestT = t;
      }
    }
    centres.push(bestIdx);
    if (bestT >= 0) [closest, candidates[bestT]] = [candidates[bestT]!, closest];
    p = probabilities(closest);
  }
  const out = new Float64Array(k * d);
  centres.forEach((i, c) => out.set(data.subarray(i * d, (i + 1) * d), c * d));
  return out;
}

/** kmeansPlusPlusDense on row arrays: the centres as row arrays (ml-kmeans's `initialization`). */
export function kmeansPlusPlus(X: readonly number[][], k: number, seed: number): number[][] {
  return rowsOfDense(dense(k, X[0]?.length ?? 0, kmeansPlusPlusDense(denseOfRows(X), k, seed)));
}

/** Cosine distance as ml-kmeans was given it: 1 − a·b / (|a|·|b|) from the norms, 1 when either is zero. */
function unitDistance(dot: number, na: number, nb: number): number {
  return na > 0 && nb > 0 ? 1 - dot / (na * nb) : 1;
}

/**
 * Lloyd's iterations as ml-kmeans 7's kmeans() makes them with a cosine
 * distance: each point to the centre of least distance (the first on a tie),
 * each centre to the mean of its points (an empty one stays), until no centre
 * moved by more than the tolerance (1e-6, the distance from the old centre)
 * or after maxIterations. The same operations in the same order, so the same
 * labels, bit for bit (test/cluster checks it against ml-kmeans); on flat
 * arrays, with each point's norm computed once, where ml-kmeans called a
 * distance function per pair through row arrays.
 *
 * A point is not compared with a centre that cannot be nearer than its own
 * (Elkan 2003): on the unit sphere the chord e = |x̂ − ĉ| = √(2·distance) is a
 * metric, so each point keeps an upper bound on its chord to its own centre
 * and a lower bound on its chord to each other centre, moved by how far the
 * centres moved, and half the chord between two centres bounds both from
 * below. A centre is passed over only when the bounds are apart by a gap; its
 * distance, as the plain loop would compute it, is then larger than the own
 * centre's by more than gap²/2, far beyond the rounding error of either
 * (`slack`, added to every bound), so the plain loop would not have chosen
 * it: the labels are those of the plain loop.
 */
export function lloyd(X: Dense, pointNorms: Float64Array, init: Float64Array, k: number, maxIterations: number, tolerance = 1e-6): Int32Array {
  const { rows: n, cols: d, data } = X;
  let C = init;
  let cn = rowNorms(dense(k, d, C));
  const labels = new Int32Array(n);
  const len = new Float64Array(k);
  // Bounds on the chords between the exact vectors; an upper bound of Infinity: compare with every centre.
  const upper = new Float64Array(n).fill(Infinity);
  const lower = new Float64Array(n * k);
  // A computed distance is within `slack` of the exact one (a dot product of d terms, two norms, a division);
  // a centre passed over is farther than the own centre by more than gap²/2 > 2·slack.
  const slack = (4 * d + 16) * Number.EPSILON;
  const gap = Math.max(1e-6, 4 * Math.sqrt(slack));
  const chordAbove = (dist: number) => Math.sqrt(2 * (dist + slack));
  const chordBelow = (dist: number) => Math.sqrt(Math.max(0, 2 * (dist - slack)));
  const move = new Float64Array(k);
  const half = new Float64Array(k * k); // half the chord between two centres, rounded down
  const nearest = new Float64Array(k); // the least of a centre's halves
  const dist = new Float64Array(k);
  const computed = new Uint8Array(k);
  const changed = new Uint8Array(k).fill(1); // centres that a point came to or left (all, before the first step)
  const unit = new Float64Array(k * d);
  let converged = false;
  for (let step = 0; !converged && step < maxIterations; step++) {
    let bounded = true;
    for (let c = 0; c < k; c++) if (!(cn[c]! > 0)) bounded = false;
    if (bounded) {
      for (let c = 0; c < k; c++) for (let j = 0; j < d; j++) unit[c * d + j] = C[c * d + j]! / cn[c]!;
      nearest.fill(Infinity);
      for (let a = 0; a < k; a++) {
        for (let c = a + 1; c < k; c++) {
          let q = 0;
          for (let j = 0; j < d; j++) {
            const t = unit[a * d + j]! - unit[c * d + j]!;
            q += t * t;
          }
          const h = Math.max(0, Math.sqrt(q) * (1 - 1e-9) - 1e-12) / 2;
          half[a * k + c] = h;
          half[c * k + a] = h;
          if (h < nearest[a]!) nearest[a] = h;
          if (h < nearest[c]!) nearest[c] = h;
        }
      }
    }
    for (let i = 0; i < n; i++) {
      const o = i * d;
      const np = pointNorms[i]!;
      const a = labels[i]!;
      const lo = i * k;
      let u = bounded && np > 0 ? upper[i]! : Infinity;
      if (u + gap < nearest[a]!) continue;
      computed.fill(0);
      let tight = false;
      let others = false;
      for (let c = 0; c < k; c++) {
        if (c === a) continue;
        if (u + gap < lower[lo + c]! || u + gap < half[a * k + c]!) continue;
        if (!tight) {
          dist[a] = unitDistance(dotAt(data, o, C, a * d, d), np, cn[a]!);
          computed[a] = 1;
          tight = true;
          if (u !== Infinity) {
            u = chordAbove(dist[a]!);
            if (u + gap < lower[lo + c]! || u + gap < half[a * k + c]!) continue;
          }
        }
        dist[c] = unitDistance(dotAt(data, o, C, c * d, d), np, cn[c]!);
        computed[c] = 1;
        others = true;
      }
      if (!others) {
        if (tight) upper[i] = u;
        continue;
      }
      // The plain loop's choice among the centres that could be nearest: the first of least distance.
      let best = -1;
      let min = Number.MAX_VALUE;
      for (let c = 0; c < k; c++) {
        if (!computed[c]) continue;
        lower[lo + c] = chordBelow(dist[c]!);
        if (dist[c]! < min) {
          min = dist[c]!;
          best = c;
        }
      }
      if (best !== a) {
        changed[a] = 1;
        changed[best] = 1;
        labels[i] = best;
      }
      upper[i] = bounded && np > 0 ? chordAbove(min) : Infinity;
    }
    // Each centre to the mean of its points, summed in order of the points; a centre whose points are those it had
    // (no point came or left) is the mean it was, the same bits, and is not summed again.
    const next = new Float64Array(k * d);
    len.fill(0);
    for (let i = 0; i < n; i++) {
      const c = labels[i]!;
      len[c]!++;
      if (!changed[c]) continue;
      const o = i * d;
      const co = c * d;
      for (let j = 0; j < d; j++) next[co + j]! += data[o + j]!;
    }
    for (let c = 0; c < k; c++) {
      const co = c * d;
      if (len[c] && changed[c]) for (let j = 0; j < d; j++) next[co + j] = next[co + j]! / len[c]!;
      else for (let j = 0; j < d; j++) next[co + j] = C[co + j]!;
    }
    changed.fill(0);
    const nn = rowNorms(dense(k, d, next));
    converged = true;
    for (let c = 0; c < k; c++) {
      if (unitDistance(dotAt(next, c * d, C, c * d, d), nn[c]!, cn[c]!) > tolerance) {
        converged = false;
        break;
      }
    }
    // How far each centre's direction moved (a chord, rounded up); a zero centre (distance 1 to all) leaves no bound.
    for (let c = 0; c < k; c++) {
      let m = Infinity;
      if (cn[c]! > 0 && nn[c]! > 0) {
        let q = 0;
        const co = c * d;
        for (let j = 0; j < d; j++) {
          const t = C[co + j]! / cn[c]! - next[co + j]! / nn[c]!;
          q += t * t;
        }
        m = Math.sqrt(q) * (1 + 1e-9) + 1e-12;
      }
      move[c] = m;
    }
    for (let i = 0; i < n; i++) {
      upper[i]! += move[labels[i]!]!;
      const lo = i * k;
      for (let c = 0; c < k; c++) lower[lo + c]! -= move[c]!;
    }
    C = next;
    cn = nn;
  }
  return labels;
}

/** sphericalInertia on a Dense: the same sums, normalisations and distances, so the same bits. */
export function sphericalInertiaDense(X: Dense, pointNorms: Float64Array, labels: ArrayLike<number>, k: number): { inertia: number; centroids: Dense } {
  const { rows: n, cols: d, data } = X;
  const C = new Float64Array(k * d);
  for (let i = 0; i < n; i++) {
    const co = labels[i]! * d;
    const o = i * d;
    for (let j = 0; j < d; j++) C[co + j]! += data[o + j]!;
  }
  const centroids = normalizeDenseRows(dense(k, d, C));
  const cn = rowNorms(centroids);
  let inertia = 0;
  for (let i = 0; i < n; i++) {
    const c = labels[i]!;
    inertia += unitDistance(dotAt(data, i * d, C, c * d, d), pointNorms[i]!, cn[c]!);
  }
  return { inertia, centroids };
}

export interface SphericalDenseResult {
  labels: number[];
  /** Unit-length centroids (k x cols). */
  centroids: Dense;
  /** Σ over points of (1 − cos(point, its centroid)). */
  inertia: number;
  /** Seed of the k-means++ seeding of the run kept. */
  seed: number;
}

/**
 * Spherical k-means of the rows of X: `restarts` runs of k-means++ seeding
 * (seeds seed, seed+1 …) and Lloyd's iterations with cosine distance, the run
 * of lowest inertia kept (strictly lower: ties keep the earlier seed).
 */
export function sphericalKmeansDense(X: Dense, k: number, opts: { seed: number; restarts: number; maxIterations: number }): SphericalDenseResult {
  const norms = rowNorms(X);
  let best: SphericalDenseResult | undefined;
  for (let r = 0; r < opts.restarts; r++) {
    const run = sphericalRun(X, norms, k, opts.seed + r, opts.maxIterations);
    if (keeps(best, run.inertia)) best = { labels: Array.from(run.labels), centroids: run.centroids, inertia: run.inertia, seed: opts.seed + r };
  }
  return best!;
}

/** Whether a restart of this inertia replaces the best so far (strictly lower: ties keep the earlier seed). */
export function keeps(best: { inertia: number } | undefined, inertia: number): boolean {
  return !best || inertia < best.inertia - 1e-12;
}

/** One restart of sphericalKmeansDense: k-means++ seeding from `seed`, Lloyd's iterations, the labelling's inertia and centroids (`norms`: rowNorms(X)). */
export function sphericalRun(X: Dense, norms: Float64Array, k: number, seed: number, maxIterations: number): { labels: Int32Array; inertia: number; centroids: Dense } {
  const labels = lloyd(X, norms, kmeansPlusPlusDense(X, k, seed), k, maxIterations);
  const { inertia, centroids } = sphericalInertiaDense(X, norms, labels, k);
  return { labels, inertia, centroids };
}

/**
 * One run of ml-kmeans itself from the k-means++ centres of `seed`, with the
 * cosine distance `lloyd` replays: the clustering a stage publishes is
 * ml-kmeans's (the SPEC's algorithm), while the search over k and restarts
 * runs on the faster replay. Returns the labels and their centroids and
 * inertia as sphericalInertiaDense gives them.
 */
export function mlKmeansRun(X: Dense, k: number, seed: number, maxIterations: number): SphericalDenseResult {
  const rows = rowsOfDense(X);
  const init = rowsOfDense(dense(k, X.cols, kmeansPlusPlusDense(X, k, seed)));
  const norms = new WeakMap<number[], number>();
  const normOf = (v: number[]) => {
    let n = norms.get(v);
    if (n === undefined) norms.set(v, (n = Math.sqrt(dot(v, v))));
    return n;
  };
  const res = kmeans(rows, k, { initialization: init, maxIterations, distanceFunction: (p: number[], q: number[]) => unitDistance(dot(p, q), normOf(p), normOf(q)) });
  const { inertia, centroids } = sphericalInertiaDense(X, rowNorms(X), res.clusters, k);
  return { labels: res.clusters, centroids, inertia, seed };
}

/** sphericalKmeansDense on row arrays, centroids as row arrays. */
export function sphericalKmeans(X: number[][], k: number, opts: { seed: number; restarts: number; maxIterations: number }): SphericalResult {
  const r = sphericalKmeansDense(denseOfRows(X), k, opts);
  return { labels: r.labels, centroids: rowsOfDense(r.centroids), inertia: r.inertia };
}
