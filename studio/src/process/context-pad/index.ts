import CountyContextPadProvider from './CountyContextPadProvider';

/** Context pad limited to the elements our flowcharts support (PROC-1). */
export default {
  __init__: ['countyContextPadProvider'],
  countyContextPadProvider: ['type', CountyContextPadProvider],
};
