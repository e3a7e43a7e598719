/** The hash-chained trail of a case (RUN-7, RUN-8, RUN-9). */
export { canonicalJson, CanonicalJsonError, type JsonValue } from './canonical-json';
export { sm3Hex } from './sm3';
export * from './entry';
export {
  appendEntries,
  entryHash,
  genesisHash,
  hashedContent,
  headOf,
  storageProblem,
  TRAIL_SCHEME,
  TrailError,
  type TrailHead,
} from './chain';
export { verifyTrail, type TrailProblem, type TrailVerification } from './verify';
