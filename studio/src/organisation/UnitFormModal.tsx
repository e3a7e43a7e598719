import {
  ModalForm,
  ProFormDigit,
  ProFormRadio,
  ProFormSelect,
  ProFormText,
} from '@ant-design/pro-components';
import { Alert, Form } from 'antd';
import { useMemo, useState } from 'react';
import { api } from '../api/client';
import { placeServerError } from '../api/form-errors';
import { DeptCodeInput } from './DeptCodeInput';
import { DivisionSelect } from './DivisionSelect';
import { CHILD_KINDS, UNIT_KIND_LABELS, type Unit, type UnitKind } from './types';

type Target = { mode: 'create'; parent: Unit } | { mode: 'edit'; unit: Unit };

interface Values {
  kind: UnitKind;
  name: string;
  deptCode?: string;
  divisionCode?: string;
  townshipCode?: string;
  phone?: string;
  address?: string;
  sortOrder?: number;
  status?: 'active' | 'inactive';
}

interface Props {
  target: Target;
  units: Unit[];
  onDone: (saved?: Unit) => void;
}

const blankToUndefined = (v: string | undefined) => (v?.trim() ? v.trim() : undefined);

/** Only what the form changed, so the operation log does not list untouched blank fields. */
function changedFrom(unit: Unit, next: Record<string, unknown>): Record<string, unknown> {
  const current = unit as unknown as Record<string, unknown>;
  return Object.fromEntries(
    Object.entries(next).filter(
      ([key, value]) => value !== undefined && value !== (current[key] ?? ''),
    ),
  );
}

/** Adds a unit under a parent, or edits one. Kinds and division codes are offered, never typed. */
export function UnitFormModal({ target, units, onDone }: Props) {
  const [form] = Form.useForm<Values>();
  const [formError, setFormError] = useState<string>();
  const editing = target.mode === 'edit' ? target.unit : undefined;
  const parent =
    target.mode === 'create' ? target.parent : units.find((u) => u.id === editing?.parentId);
  const kinds = target.mode === 'create' ? CHILD_KINDS[target.parent.kind] : [];
  const kind = Form.useWatch('kind', form) ?? editing?.kind ?? kinds[0];
  const name = Form.useWatch('name', form);

  // Division codes other units already hold, so one area is not entered twice.
  const taken = useMemo(
    () =>
      new Set(
        units.filter((u) => u.divisionCode && u.id !== editing?.id).map((u) => u.divisionCode!),
      ),
    [units, editing],
  );

  // Left blank, a new unit goes after its siblings of the same kind; the tree lists by this number.
  function nextSortOrder(of: UnitKind): number {
    const siblings = units.filter((u) => u.parentId === parent?.id);
    const sameKind = siblings.filter((u) => u.kind === of);
    return Math.max(-1, ...(sameKind.length ? sameKind : siblings).map((u) => u.sortOrder)) + 1;
  }

  async function submit(values: Values): Promise<boolean> {
    setFormError(undefined);
    const fields = {
      name: values.name.trim(),
      deptCode: kind === 'department' ? blankToUndefined(values.deptCode) : undefined,
      divisionCode: kind === 'township' || kind === 'community' ? values.divisionCode : undefined,
      townshipCode: kind === 'township' ? blankToUndefined(values.townshipCode) : undefined,
      sortOrder: values.sortOrder ?? (editing ? undefined : nextSortOrder(kind)),
    };
    try {
      const saved = editing
        ? await api.patch<Unit>(`/api/units/${editing.id}`, {
            version: editing.version,
            ...changedFrom(editing, {
              ...fields,
              phone: values.phone?.trim() ?? '',
              address: values.address?.trim() ?? '',
              status: values.status,
            }),
          })
        : await api.post<Unit>('/api/units', {
            parentId: parent!.id,
            kind,
            ...fields,
            phone: blankToUndefined(values.phone),
            address: blankToUndefined(values.address),
          });
      onDone(saved);
      return true;
    } catch (e) {
      // A clash on the code key is a clash of the department or township code.
      setFormError(
        placeServerError(form, e, {
          codeKey: kind === 'township' ? 'townshipCode' : 'deptCode',
          parentId: 'name',
        }),
      );
      return false;
    }
  }

  const title = editing
    ? `编辑${UNIT_KIND_LABELS[editing.kind]}：${editing.name}`
    : `在「${parent?.name}」下新增单位`;

  return (
    <ModalForm<Values>
      title={title}
      open
      form={form}
      width={600}
      layout="horizontal"
      labelCol={{ span: 6 }}
      wrapperCol={{ span: 17 }}
      modalProps={{ maskClosable: false, onCancel: () => onDone() }}
      initialValues={
        editing
          ? {
              kind: editing.kind,
              name: editing.name,
              deptCode: editing.deptCode,
              divisionCode: editing.divisionCode,
              townshipCode: editing.townshipCode,
              phone: editing.phone,
              address: editing.address,
              sortOrder: editing.sortOrder,
              status: editing.status,
            }
          : { kind: kinds[0] }
      }
      onFinish={submit}
      submitter={{ searchConfig: { submitText: '保存' } }}
    >
      {formError && (
        <Alert type="error" showIcon message={formError} style={{ marginBottom: 16 }} />
      )}
      {editing ? (
        <Form.Item label="类型">{UNIT_KIND_LABELS[editing.kind]}</Form.Item>
      ) : (
        <ProFormRadio.Group
          name="kind"
          label="类型"
          radioType="button"
          options={kinds.map((k) => ({ value: k, label: UNIT_KIND_LABELS[k] }))}
          rules={[{ required: true, message: '请选择类型' }]}
        />
      )}
      {(kind === 'township' || kind === 'community') && parent?.divisionCode && (
        <Form.Item
          name="divisionCode"
          label="行政区划"
          rules={[{ required: true, message: '请选择行政区划' }]}
          extra={`${parent.name}（${parent.divisionCode}）的下级区划`}
        >
          <DivisionSelect
            parentCode={parent.divisionCode}
            taken={taken}
            onChange={(code, division) => {
              // The unit is named after its area and, for a township, coded by its last two digits.
              if (division && !form.getFieldValue('name'))
                form.setFieldsValue({ name: division.name });
              if (kind === 'township' && !form.getFieldValue('townshipCode'))
                form.setFieldsValue({ townshipCode: code.slice(-2) });
            }}
          />
        </Form.Item>
      )}
      <ProFormText
        name="name"
        label="名称"
        placeholder="单位全称"
        rules={[{ required: true, whitespace: true, message: '请输入名称' }]}
        fieldProps={{ maxLength: 60 }}
      />
      {kind === 'department' && (
        <Form.Item
          name="deptCode"
          label="部门编码"
          rules={[{ pattern: /^[A-Z]{2}$/, message: '部门编码应为两个大写字母' }]}
          extra="用于事项编码；留空时由系统按名称自动取第一个建议"
        >
          <DeptCodeInput name={name} />
        </Form.Item>
      )}
      {kind === 'township' && (
        <ProFormText
          name="townshipCode"
          label="乡镇编码"
          placeholder="两位数字"
          fieldProps={{ maxLength: 2, style: { width: 120 } }}
          rules={[{ pattern: /^\d{2}$/, message: '乡镇编码应为两位数字' }]}
          extra="用于事项编码（主体编码第 7–8 位）"
        />
      )}
      <ProFormText name="phone" label="电话" fieldProps={{ maxLength: 30 }} />
      <ProFormText name="address" label="地址" fieldProps={{ maxLength: 120 }} />
      <ProFormDigit
        name="sortOrder"
        label="排序"
        min={0}
        max={9999}
        placeholder={editing ? undefined : '默认排在同类之后'}
        fieldProps={{ precision: 0, style: { width: 160 } }}
      />
      {editing && (
        <ProFormSelect
          name="status"
          label="状态"
          options={[
            { value: 'active', label: '启用' },
            { value: 'inactive', label: '停用' },
          ]}
          fieldProps={{ style: { width: 120 } }}
        />
      )}
    </ModalForm>
  );
}
