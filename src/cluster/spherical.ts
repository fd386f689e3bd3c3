import { kmeans } from 'ml-kmeans';

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

export function sphericalKmeans(X: number[][], k: number, opts: { seed: number; restarts: number; maxIterations: number }): SphericalResult {
  let best: SphericalResult | undefined;
  for (let r = 0; r < opts.restarts; r++) {
    const res = kmeans(X, k, { initialization: 'kmeans++', seed: opts.seed + r, maxIterations: opts.maxIterations, distanceFunction: unitCosineDistance() });
    const { inertia, centroids } = sphericalInertia(X, res.clusters, k);
    // Strictly lower only: ties keep the earlier seed, so the result does not depend on float noise order.
    if (!best || inertia < best.inertia - 1e-12) best = { labels: res.clusters, centroids, inertia };
  }
  return best!;
}
