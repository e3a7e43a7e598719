import { initiationOf } from '../../runtime/catalog/item';
import { formFields, type FormSchema } from '../../runtime/forms/schema';
import type { FormFieldInfo, VerificationContext } from '../../runtime/process/verify';
import type { Item } from '../catalog/item-model';
import type { ItemFormModel } from '../forms/form-model';
import type { PostModel } from '../organisation/post-model';

/** Fields as conditions see them; a field shown always and required always has a value. */
function fieldsOf(schema: FormSchema): FormFieldInfo[] {
  return formFields(schema).map(({ key, type, label, options }) => {
    const field = schema.properties[key];
    const required = Boolean(field?.required && !field['x-visible-when']);
    return { key, type, label, required, ...(options ? { options } : {}) };
  });
}

export interface ProcessContextDeps {
  itemForms: ItemFormModel;
  posts: PostModel;
}

/**
 * What a flowchart is checked against (PROC-4): the item's promised limit, its forms' fields and
 * the county's posts (a step may be handled in another unit, e.g. a township window, RUN-12).
 */
export async function verificationContext(
  deps: ProcessContextDeps,
  item: Pick<Item, '_id' | 'countyId' | 'draft'>,
): Promise<VerificationContext> {
  const [forms, posts] = await Promise.all([
    deps.itemForms.find({ itemId: item._id }).lean().exec(),
    deps.posts.find({ countyId: item.countyId }).select({ _id: 1 }).lean().exec(),
  ]);
  return {
    // An ex officio item promises nothing: its steps answer to the law's limits (RUN-17).
    promisedLimit: initiationOf(item.draft) === 'exOfficio' ? undefined : item.draft.promisedLimit,
    forms: Object.fromEntries(forms.map((f) => [f.key, fieldsOf(f.schema)])),
    posts: posts.map((p) => String(p._id)),
  };
}
