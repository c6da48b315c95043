/**
 * A bounded least-recently-used memo for pure, deterministic answers (a Map keeps insertion order,
 * so the first key is the least recently used one). Only for values that depend on the key alone.
 */
export class Memo<V> {
  private readonly entries = new Map<string, V>();

  constructor(private readonly capacity: number) {}

  get size(): number {
    return this.entries.size;
  }

  /** The value for `key`, computed by `compute` on a miss. */
  get(key: string, compute: () => V): V {
    const hit = this.entries.get(key);
    if (hit !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const value = compute();
    if (this.entries.size >= this.capacity) {
      this.entries.delete(this.entries.keys().next().value as string);
    }
    this.entries.set(key, value);
    return value;
  }
}
