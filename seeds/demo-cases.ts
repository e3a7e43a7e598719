import type { CaseService } from '../server/cases';

export async function seedDemoCases(
  _baseUrl: string,
  _cases: CaseService,
  _say: (m: string) => void,
): Promise<number> {
  return 0;
}
