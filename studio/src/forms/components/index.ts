import {
  ArrayTable,
  Checkbox,
  DatePicker,
  FormGrid,
  FormItem,
  Input,
  NumberPicker,
  Radio,
  Select,
} from '@formily/antd-v5';
import { connect, mapProps } from '@formily/react';
import { DivisionPicker } from './DivisionPicker';
import { FileUpload } from './FileUpload';
import { IdNumberInput } from './IdNumberInput';
import { PhoneInput } from './PhoneInput';

export { DivisionPicker, FileUpload, IdNumberInput, PhoneInput };
export { UploaderContext, type Uploader } from './FileUpload';

// Formily hands a field's `disabled`/`readOnly` pattern to these as props.
const withPattern = mapProps((props, field) => ({
  ...props,
  disabled: 'pattern' in field && field.pattern !== 'editable',
}));

/** Every component a stored schema may name (runtime/forms FIELD_TYPES), as Formily resolves them. */
export const FORM_COMPONENTS = {
  FormItem,
  FormGrid,
  Input,
  NumberPicker,
  DatePicker,
  Select,
  Radio,
  Checkbox,
  ArrayTable,
  Upload: connect(FileUpload, withPattern),
  IdNumber: connect(IdNumberInput, withPattern),
  Phone: connect(PhoneInput, withPattern),
  DivisionPicker: connect(DivisionPicker, withPattern),
};
