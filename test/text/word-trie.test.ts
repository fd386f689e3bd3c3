import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WordTrie } from '../../src/text/word-trie.js';

describe('WordTrie', () => {
  it('holds the same words and values as a Map, through its growth', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.string({ minLength: 0, maxLength: 6 }), fc.integer({ min: 1, max: 1000 })), { maxLength: 300 }), fc.array(fc.string({ maxLength: 6 }), { maxLength: 50 }), (entries, probes) => {
        const trie = new WordTrie();
        const map = new Map<string, number>();
        for (const [w, f] of entries) {
          trie.add(w, f);
          if (w !== '') map.set(w, (map.get(w) ?? 0) + f);
        }
        expect(trie.size).toBe(map.size);
        expect(trie.longest).toBe(Math.max(0, ...[...map.keys()].map((w) => w.length)));
        for (const w of [...map.keys(), ...probes]) expect(trie.get(w)).toBe(map.get(w));
        // A walk from the first code unit reaches the same node as nodeOf.
        for (const w of map.keys()) {
          let node = trie.first(w.charCodeAt(0));
          for (let i = 1; i < w.length; i++) node = trie.child(node, w.charCodeAt(i));
          expect(node).toBe(trie.nodeOf(w));
          expect(trie.valueAt(node)).toBe(map.get(w));
        }
      }),
      { numRuns: 200 },
    );
  });

  it('grows past its first table (70,000 words)', () => {
    const trie = new WordTrie();
    for (let i = 0; i < 70_000; i++) trie.set(`词${i}`, i + 1);
    expect(trie.size).toBe(70_000);
    expect(trie.get('词0')).toBe(1);
    expect(trie.get('词69999')).toBe(70_000);
    expect(trie.get('词70000')).toBeUndefined();
    expect(trie.get('词')).toBeUndefined();
  });
});
