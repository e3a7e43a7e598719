export * from './personal-data/id-number';
export * from './catalog/item-types';
export * from './catalog/item-code';
export * from './catalog/item';
export * from './catalog/item-diff';
export * from './catalog/completeness';
