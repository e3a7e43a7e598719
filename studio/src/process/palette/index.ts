import CountyPaletteProvider from './CountyPaletteProvider';

/** Palette limited to the elements our flowcharts support (PROC-1). */
export default {
  __init__: ['countyPaletteProvider'],
  countyPaletteProvider: ['type', CountyPaletteProvider],
};
