/**
 * Notices and decisions (RUN-10) and the e-seal (RUN-14): the service, the case event handler that
 * makes them, the staff routes and the public verification page. docs/documents.md explains them.
 */
import type { Db } from 'mongodb';
import type { Logger } from 'pino';
import type { CaseService } from '../cases/service';
import type { ItemVersionModel } from '../catalog/version-model';
import type { Api } from '../http/api';
import type { PersonalDataCipher } from '../identity/personal-data';
import type { UnitModel } from '../organisation/unit-model';
import { verifyRoutes } from '../portal/verify';
import type { Sandbox } from '../sandbox/pool';
import { documentRoutes } from './routes';
import { DocumentService } from './service';

export { DocumentService } from './service';

export function mountDocuments(
  api: Api,
  deps: {
    db: Db;
    cases: CaseService;
    units: UnitModel;
    itemVersions: ItemVersionModel;
    cipher: PersonalDataCipher;
    sandbox: Sandbox;
    logger: Logger;
  },
): DocumentService {
  const documents = new DocumentService(deps);
  // Called at least once per event (projector.ts); `make` is idempotent by the event's id.
  deps.cases.projector.addHandler({
    name: 'documents',
    handle: (events) => documents.handle(events),
  });
  documentRoutes(api, documents, deps.cases);
  verifyRoutes(api, documents);
  return documents;
}
