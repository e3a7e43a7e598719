import { Schema, type Connection } from 'mongoose';
import type { Collection } from 'mongodb';

/**
 * Collections of the trail anchors (RUN-7, docs/transparency.md). Every lookup is by `_id`, the
 * only filter the embedded database answers from an index (docs/database.md).
 */

/** One signed anchor: append-only, numbered 1, 2, 3 …, each linking to the one before. */
export interface AnchorDoc {
  _id: number;
  scheme: string;
  at: string;
  leafCount: number;
  root: string;
  /** SM3 of the previous anchor's statement; null for the first. */
  prev: string | null;
  /** SM2 signature (r ‖ s, hex) of the statement, with SM3 and the default user id. */
  signature: string;
}

/** A case's leaf in one anchor, with its inclusion proof: `${caseId}:${anchor}`. */
export interface LeafDoc {
  _id: string;
  caseId: string;
  anchor: number;
  index: number;
  seq: number;
  hashes: string[];
  /** The proof steps as JSON text: [{ side, hash }, …]. */
  proof: string;
}

/** Where a case stands in the anchors: the anchors holding it, the last seq anchored. */
export interface CaseAnchorsDoc {
  _id: string;
  seq: number;
  hash: string;
  version: number;
  anchors: number[];
}

/** `key`: the county's SM2 key pair, the private key encrypted; `head`: the latest anchor. */
export interface MetaDoc {
  _id: 'key' | 'head';
  publicKey?: string;
  privateKey?: string;
  createdAt?: Date;
  no?: number;
  hash?: string;
}

export interface AnchorCollections {
  anchors: Collection<AnchorDoc>;
  leaves: Collection<LeafDoc>;
  cases: Collection<CaseAnchorsDoc>;
  meta: Collection<MetaDoc>;
}

function collectionOf<T extends { _id: unknown }>(c: Connection, name: string, collection: string) {
  const model =
    c.models[name] ??
    c.model(
      name,
      new Schema(
        { _id: { type: Schema.Types.Mixed, required: true } },
        { collection, strict: false },
      ),
    );
  return model.collection as unknown as Collection<T>;
}

export function anchorCollections(c: Connection): AnchorCollections {
  return {
    anchors: collectionOf<AnchorDoc>(c, 'TrailAnchor', 'trailAnchors'),
    leaves: collectionOf<LeafDoc>(c, 'TrailAnchorLeaf', 'trailAnchorLeaves'),
    cases: collectionOf<CaseAnchorsDoc>(c, 'TrailAnchorCase', 'trailAnchorCases'),
    meta: collectionOf<MetaDoc>(c, 'TrailAnchorMeta', 'trailAnchorMeta'),
  };
}
