import type { Api } from '../http/api';
import type { CatalogDeps } from './deps';
import { exportRoutes } from './export-routes';
import { importRoutes } from './import-routes';
import { itemRoutes } from './item-routes';
import { restructureRoutes } from './restructure';
import { reviewRoutes } from './review-routes';
import { summaryRoutes } from './summary';
import { versionRoutes } from './version-routes';

export type { CatalogDeps } from './deps';
export { IMPORT_LIMIT, IMPORT_PATH, IMPORT_TYPES } from './import-routes';

/** The item catalog (事项目录): CAT-1, CAT-3 … CAT-9. */
export function catalogRoutes(api: Api, deps: CatalogDeps): void {
  itemRoutes(api, deps);
  reviewRoutes(api, deps);
  restructureRoutes(api, deps);
  versionRoutes(api, deps);
  summaryRoutes(api, deps);
  exportRoutes(api, deps);
  importRoutes(api, deps);
}
