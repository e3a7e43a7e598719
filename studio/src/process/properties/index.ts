import { CountyData } from './county-data';
import CountyPropertiesProvider from './CountyPropertiesProvider';

/** Our groups in bpmn-js's properties panel (PROC-2), and the choices the page hands in. */
export default {
  __init__: ['countyPropertiesProvider'],
  countyData: ['type', CountyData],
  countyPropertiesProvider: ['type', CountyPropertiesProvider],
};

export type { CountyData, FormOption, PostOption, UnitOption } from './county-data';
