import { Group, SelectEntry, isSelectEntryEdited } from '@bpmn-io/properties-panel';
import { h } from '@bpmn-io/properties-panel/preact';
import type { Element } from 'bpmn-js/lib/model/Types';
import { getBusinessObject } from 'bpmn-js/lib/util/ModelUtil';
import type { FormOption } from '../county-data';
import { getConfig, getList, type ModdleObject } from '../extension';
import { DEFAULT_ACCESS, FIELD_ACCESS } from '../labels';
import { useConfigEditor, useCountyData } from '../use-config';
import type { GroupContext, GroupDefinition } from './types';

export function formOptions(forms: FormOption[], current: unknown, none = '（不使用表单）') {
  const options = [{ value: '', label: none }];
  if (current && !forms.some((f) => f.key === current)) {
    options.push({ value: String(current), label: `${String(current)}（已不存在）` });
  }
  return [...options, ...forms.map((f) => ({ value: f.key, label: f.name }))];
}

function StepFormEntry({ element, id }: { element: Element; id: string }) {
  const editor = useConfigEditor(element);
  const data = useCountyData();
  return h(SelectEntry, {
    element,
    id,
    label: '本环节表单',
    getValue: () => getConfig(element, 'county:StepConfig')?.get('form') ?? '',
    // Permissions name fields of one form; another form starts with none (all read-only).
    setValue: (form: string) =>
      editor.replace({ form: form || undefined }, 'fieldPermissions', [], 'county:FieldPermission'),
    getOptions: () =>
      formOptions(
        data.forms,
        getConfig(element, 'county:StepConfig')?.get('form'),
        '（与申请表单相同）',
      ),
  });
}

const permissionOf = (element: Element, field: string): ModdleObject | undefined =>
  getList(element, 'county:StepConfig', 'fieldPermissions').find((p) => p.get('field') === field);

function FieldAccessEntry(props: { element: Element; id: string; field: string; label: string }) {
  const { element, id, field, label } = props;
  const editor = useConfigEditor(element);
  return h(SelectEntry, {
    element,
    id,
    label,
    getValue: () => permissionOf(element, field)?.get('access') ?? DEFAULT_ACCESS,
    setValue: (access: string) => {
      const permission = permissionOf(element, field);
      if (permission) editor.setItem(permission, { access });
      else editor.add('fieldPermissions', 'county:FieldPermission', { field, access });
    },
    getOptions: () => FIELD_ACCESS,
  });
}

/** Entry ids are used in CSS selectors; field keys of table columns contain a dot. */
export const fieldEntryId = (field: string) => `county-field-${field.replace(/[^\w-]/g, '_')}`;

/** The application form of the step's process: what a step without a form of its own shows. */
export function applicationForm(element: Element): unknown {
  const process = getBusinessObject(element).$parent as Element | undefined;
  return process && getConfig(process, 'county:ProcessConfig')?.get('form');
}

/** 表单与字段权限 (PROC-2): the form shown at this step and each field's read / write / hidden. */
export function formGroup({ element, data }: GroupContext): GroupDefinition {
  const formKey = getConfig(element, 'county:StepConfig')?.get('form') ?? applicationForm(element);
  const form = data.forms.find((f) => f.key === formKey);
  // Without the form's field list (not loaded, or the form is gone) the stored permissions show.
  const fields =
    form?.fields ??
    getList(element, 'county:StepConfig', 'fieldPermissions').map((p) => {
      const key = String(p.get('field'));
      return { key, label: key };
    });
  return {
    id: 'county-form',
    label: '表单与字段权限',
    component: Group,
    entries: [
      { id: 'county-step-form', component: StepFormEntry, isEdited: isSelectEntryEdited },
      ...(formKey ? fields : []).map((f) => ({
        id: fieldEntryId(f.key),
        component: FieldAccessEntry,
        field: f.key,
        label: f.label,
        isEdited: isSelectEntryEdited,
      })),
    ],
  };
}
