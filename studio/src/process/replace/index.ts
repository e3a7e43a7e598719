import CountyReplaceMenuProvider from './CountyReplaceMenuProvider';

/** Replace menu limited to the elements our flowcharts support (PROC-1). */
export default {
  __init__: ['countyReplaceMenuProvider'],
  countyReplaceMenuProvider: ['type', CountyReplaceMenuProvider],
};
