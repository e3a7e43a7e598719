/**
 * What a verification is checked against (PROC-4): the item's promised limit, its forms and the
 * county's posts. Kept apart from the checks so the server can build it without them.
 */
import type { TimeLimit } from '../../catalog/item';

export interface FormFieldInfo {
  key: string;
  type: string;
  label?: string;
  /** A required field always has a value, so a set of tests over all its options is complete. */
  required?: boolean;
  /** The choices of a select, radio or checkbox field. */
  options?: { value: string | number | boolean; label?: string }[];
}

export interface VerificationContext {
  /** 承诺期限; absent for 即办件, which promise nothing beyond the steps' own limits. */
  promisedLimit?: TimeLimit;
  /** The item's forms by key, each with its fields. */
  forms: Record<string, FormFieldInfo[]>;
  /** Known post ids of the county; when given, a step naming another post is a problem. */
  posts?: string[];
}
