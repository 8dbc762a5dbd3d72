import { uniformFloat64 } from "pure-rand/distribution/uniformFloat64";
import { uniformInt } from "pure-rand/distribution/uniformInt";
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";
import type { JumpableRandomGenerator } from "pure-rand/types/JumpableRandomGenerator";

/**
 * The simulator's randomness: pure-rand's xoroshiro128+, seeded with a 32-bit seed. Each price path
 * gets two streams of its own (its trades and its outside price), reached by jumping the seed's
 * generator, so that a path draws the same numbers whichever worker plays it and in whatever order.
 */
export class Random {
  constructor(private readonly rng: JumpableRandomGenerator) {}

  /** A whole number in [0, bound). */
  below(bound: number): number {
    if (!Number.isInteger(bound) || bound < 1) {
      throw new RangeError(`bound must be a whole number of at least 1, got ${bound}`);
    }
    return uniformInt(this.rng, 0, bound - 1);
  }

  /** `amount` scaled by a factor drawn uniformly from [lowPermille, highPermille] / 1000. */
  scale(amount: bigint, lowPermille: number, highPermille: number): bigint {
    return (amount * BigInt(uniformInt(this.rng, lowPermille, highPermille))) / 1000n;
  }

  /** true with probability permille / 1000. */
  chance(permille: number): boolean {
    return this.below(1000) < permille;
  }

  /** A float in [0, 1). */
  uniform(): number {
    return uniformFloat64(this.rng);
  }

  /** A standard normal draw (Box–Muller, one of the pair). */
  normal(): number {
    const u = 1 - this.uniform();
    const v = this.uniform();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** The items in a random order (Fisher–Yates), as a new array. */
  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i -= 1) {
      const j = uniformInt(this.rng, 0, i);
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  }
}

/** The streams a path draws from: what its traders do, and where the outside price goes. */
export interface PathStreams {
  trades: Random;
  prices: Random;
}

/** Path `path`'s two streams for `seed`: the seed's generator jumped 2·path + 1 and 2·path + 2 times. */
export function pathStreams(seed: number, path: number): PathStreams {
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffff_ffff) {
    throw new RangeError(`seed must be a whole number from 0 to 4294967295, got ${seed}`);
  }
  if (!Number.isInteger(path) || path < 0) {
    throw new RangeError(`path must be a whole number of at least 0, got ${path}`);
  }
  const rng = xoroshiro128plus(seed | 0);
  for (let i = 0; i < 2 * path + 1; i += 1) rng.jump();
  const trades = rng.clone();
  rng.jump();
  return { trades: new Random(trades), prices: new Random(rng) };
}
