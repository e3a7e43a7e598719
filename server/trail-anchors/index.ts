import type { Sandbox } from '../sandbox/pool';
/**
 * Trails anchored outside the database (RUN-7): the anchoring job, the public routes and the
 * checks verification and `npm run audit:trails` use. docs/transparency.md explains the format.
 */
import type { Connection } from 'mongoose';
import type { Logger } from 'pino';
import type { CaseService } from '../cases/service';
import type { Api } from '../http/api';
import type { PersonalDataCipher } from '../identity/personal-data';
import { TrailAnchors } from './anchors';
import { anchorCollections } from './models';
import { trailAnchorRoutes } from './routes';

export { TrailAnchors } from './anchors';
export { anchorCollections } from './models';

/** The anchors of this app's cases, their routes mounted, and the cases' verification using them. */
/** 200,000 leaves take about 3.5 s on one core; far more than that is a fault, not load. */
const TREE_BUDGET_MS = 120_000;

export function mountTrailAnchors(
  api: Api,
  deps: {
    connection: Connection;
    cases: CaseService;
    cipher: PersonalDataCipher;
    logger: Logger;
    sandbox: Sandbox;
  },
): TrailAnchors {
  const anchors = new TrailAnchors({
    collections: anchorCollections(deps.connection),
    cases: deps.cases,
    cipher: deps.cipher,
    logger: deps.logger,
    // The cases' clock, so anchors made in tests that move time stay in step with the cases.
    clock: () => deps.cases.executor.clock(),
    tree: (leafHashes) => deps.sandbox.run('merkleTree', { leafHashes }, TREE_BUDGET_MS),
  });
  deps.cases.trailAnchors = anchors;
  trailAnchorRoutes(api, anchors, deps.cases);
  return anchors;
}
