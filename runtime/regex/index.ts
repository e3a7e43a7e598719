export * from './engine';
export * from './safety';
