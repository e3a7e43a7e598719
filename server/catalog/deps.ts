import type { PostModel } from '../organisation/post-model';
import type { UnitModel } from '../organisation/unit-model';
import type { DesignDeps } from '../process/design-check';
import type { ItemModel } from './item-model';
import type { SerialDeps } from './serials';
import type { ItemVersionModel } from './version-model';

/** The collections the catalog routes use, and the verifier of flowcharts (DesignDeps). */
export interface CatalogDeps extends SerialDeps, DesignDeps {
  items: ItemModel;
  itemVersions: ItemVersionModel;
  units: UnitModel;
  posts: PostModel;
}
