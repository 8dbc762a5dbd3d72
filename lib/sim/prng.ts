/**
 * A small seeded pseudo-random generator (mulberry32): 32-bit state, integer arithmetic only, so the
 * same seed gives the same sequence on every machine. Good enough to drive trader behaviour; not
 * for anything that needs unpredictability.
 */
export class Prng {
  private state: number;

  constructor(seed: number) {
    if (!Number.isInteger(seed) || seed < 0 || seed > 0xffff_ffff) {
      throw new RangeError(`seed must be a whole number from 0 to 4294967295, got ${seed}`);
    }
    this.state = seed >>> 0;
  }

  /** The next 32-bit unsigned integer. */
  nextUint32(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** A whole number in [0, bound), bound at most 2^32. */
  below(bound: number): number {
    if (!Number.isInteger(bound) || bound < 1 || bound > 0x1_0000_0000) {
      throw new RangeError(`bound must be a whole number from 1 to 2^32, got ${bound}`);
    }
    return Math.floor((this.nextUint32() / 0x1_0000_0000) * bound);
  }

  /** `amount` scaled by a factor drawn uniformly from [lowPermille, highPermille] / 1000. */
  scale(amount: bigint, lowPermille: number, highPermille: number): bigint {
    const permille = lowPermille + this.below(highPermille - lowPermille + 1);
    return (amount * BigInt(permille)) / 1000n;
  }

  /** true with probability permille / 1000. */
  chance(permille: number): boolean {
    return this.below(1000) < permille;
  }
}
