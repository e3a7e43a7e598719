import type { Api } from '../http/api';
import type { CatalogDeps } from './deps';
import { itemRoutes } from './item-routes';
import { reviewRoutes } from './review-routes';
import { versionRoutes } from './version-routes';

export type { CatalogDeps } from './deps';

/** The item catalog (事项目录): CAT-1, CAT-3 … CAT-8. */
export function catalogRoutes(api: Api, deps: CatalogDeps): void {
  itemRoutes(api, deps);
  reviewRoutes(api, deps);
  versionRoutes(api, deps);
}
