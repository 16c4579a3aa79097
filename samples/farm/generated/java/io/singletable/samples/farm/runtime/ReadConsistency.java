// Part of the singletable runtime, copied into the generated sources with only this package line changed.
package io.singletable.samples.farm.runtime;

/**
 * How a read by key sees recent writes: DynamoDB's eventually consistent reads (the resolvers', half the read
 * capacity) or strongly consistent ones (every write acknowledged before the read is seen).
 */
public enum ReadConsistency {
  /** May miss a write of the last second or so; what the GraphQL resolvers read. */
  EVENTUAL,
  /** Sees every write acknowledged before it; twice the read capacity. */
  STRONG
}
