import { parseApplicationNo } from './application-no';
import { parseCaseNo } from './case-no';

/** Which kind of number a tracking box received, so the portal can search the right place. */
export function numberKind(input: string): 'case' | 'application' | undefined {
  if (parseCaseNo(input).ok) return 'case';
  if (parseApplicationNo(input).ok) return 'application';
  return undefined;
}
