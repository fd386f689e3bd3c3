/** Position of each id in the vocabulary sorted by term (code-unit order, as < compares strings). */
export function termOrderOf(vocab: readonly string[]): Uint32Array {
  const ids = Array.from(vocab, (_, i) => i);
  ids.sort((a, b) => (vocab[a]! < vocab[b]! ? -1 : vocab[a]! > vocab[b]! ? 1 : a - b));
  const order = new Uint32Array(vocab.length);
  ids.forEach((id, i) => (order[id] = i));
  return order;
}
