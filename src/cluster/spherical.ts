import { kmeans } from 'ml-kmeans';
import { Random } from 'ml-random';

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
 * Cosine distance for unit-length points against centroids: ml-kmeans calls
 * distance(point, centroid) for every point with the same centroid arrays,
 * so the centroid's norm is computed once per array (a WeakMap) and each
 * call is one dot product.
 */
function unitCosineDistance(): (p: number[], q: number[]) => number {
  const norms = new WeakMap<number[], number>();
  return (p, q) => {
    let nq = norms.get(q);
    if (nq === undefined) {
      nq = Math.sqrt(dot(q, q));
      norms.set(q, nq);
    }
    let np = norms.get(p);
    if (np === undefined) {
      np = Math.sqrt(dot(p, p));
      norms.set(p, np);
    }
    return np > 0 && nq > 0 ? 1 - dot(p, q) / (np * nq) : 1;
  };
}

/**
 * k-means++ seeding exactly as ml-kmeans 7 does it (scikit-learn's greedy
 * variant: 2 + ⌊ln k⌋ candidates per centre, drawn from ml-random with the
 * same seed, the one that lowers the potential most kept), with the same
 * floating-point operations in the same order, so the centres are identical;
 * but on flat arrays, without copying X into a Matrix and every row out of it
 * for each distance (which made ml-kmeans's own seeding most of the cost).
 */
export function kmeansPlusPlus(X: readonly number[][], k: number, seed: number): number[][] {
  const n = X.length;
  const random = new Random(seed);
  const trials = 2 + Math.floor(Math.log(k));
  const sq = (p: readonly number[], q: readonly number[]) => {
    let d = 0;
    for (let i = 0; i < p.length; i++) d += (p[i]! - q[i]!) * (p[i]! - q[i]!);
    return d;
  };
  const first = random.randInt(n);
  const centres = [first];
  let closest = new Float64Array(n);
  for (let i = 0; i < n; i++) closest[i] = sq(X[i]!, X[first]!);
  const probabilities = (d: Float64Array) => {
    let s = d[0]!;
    for (let i = 1; i < n; i++) s += d[i]!;
    // All points on the centres chosen (duplicate documents): any is as good, draw evenly (ml-kmeans would throw here).
    if (!(s > 0)) return Array.from(d, () => 1 / n);
    const inv = 1 / s;
    return Array.from(d, (x) => x * inv);
  };
  let p = probabilities(closest);
  const candidate = new Float64Array(n);
  for (let c = 1; c < k; c++) {
    const picks = random.choice(n, { replace: true, size: trials, probabilities: p });
    let bestIdx = -1;
    let bestPot = Infinity;
    let bestDist = closest;
    for (const idx of picks) {
      let pot = 0;
      for (let i = 0; i < n; i++) {
        candidate[i] = Math.min(closest[i]!, sq(X[idx]!, X[i]!));
        pot += candidate[i]!;
      }
      if (pot < bestPot) {
        bestIdx = idx;
        bestPot = pot;
        bestDist = candidate.slice();
      }
    }
    centres.push(bestIdx);
    closest = bestDist;
    p = probabilities(closest);
  }
  return centres.map((i) => [...X[i]!]);
}

export function sphericalKmeans(X: number[][], k: number, opts: { seed: number; restarts: number; maxIterations: number }): SphericalResult {
  let best: SphericalResult | undefined;
  for (let r = 0; r < opts.restarts; r++) {
    const res = kmeans(X, k, { initialization: kmeansPlusPlus(X, k, opts.seed + r), maxIterations: opts.maxIterations, distanceFunction: unitCosineDistance() });
    const { inertia, centroids } = sphericalInertia(X, res.clusters, k);
    // Strictly lower only: ties keep the earlier seed, so the result does not depend on float noise order.
    if (!best || inertia < best.inertia - 1e-12) best = { labels: res.clusters, centroids, inertia };
  }
  return best!;
}
