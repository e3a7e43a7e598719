export * from './schema';
export * from './patterns';
export * from './visibility';
export * from './values';
export * from './validate';
