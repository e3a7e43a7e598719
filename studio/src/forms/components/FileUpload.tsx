import { UploadOutlined } from '@ant-design/icons';
import { Button, Upload, type UploadFile } from 'antd';
import { createContext, useContext, useEffect, useRef, useState } from 'react';
import type { FileReference } from '../../../../runtime/forms/schema';

/** Stores a file and answers its reference; the portal and the workbench supply their own. */
export type Uploader = (file: File) => Promise<FileReference>;

let previewCount = 0;
// The designer's preview keeps files in the page only.
const previewUploader: Uploader = async (file) => ({
  fileId: `preview-${++previewCount}`,
  name: file.name,
});

export const UploaderContext = createContext<Uploader>(previewUploader);

interface Props {
  value?: FileReference[];
  onChange?: (value: FileReference[]) => void;
  maxCount?: number;
  accept?: string;
  disabled?: boolean;
}

/** The form's value is the list of references `{fileId, name}`, never the files themselves. */
export function FileUpload({ value, onChange, maxCount, accept, disabled }: Props) {
  const upload = useContext(UploaderContext);
  const [busy, setBusy] = useState<UploadFile[]>([]);
  const files = value ?? [];
  // Several files may finish uploading before the form re-renders with the first.
  const latest = useRef(files);
  useEffect(() => {
    latest.current = value ?? [];
  }, [value]);
  const fileList: UploadFile[] = [
    ...files.map((f) => ({ uid: f.fileId, name: f.name, status: 'done' as const })),
    ...busy,
  ];
  const full = maxCount !== undefined && files.length >= maxCount;
  return (
    <Upload
      fileList={fileList}
      accept={accept}
      disabled={disabled}
      beforeUpload={(file) => {
        const pending: UploadFile = { uid: file.uid, name: file.name, status: 'uploading' };
        setBusy((b) => [...b, pending]);
        upload(file).then(
          (ref) => {
            setBusy((b) => b.filter((x) => x.uid !== file.uid));
            latest.current = [...latest.current, ref];
            onChange?.(latest.current);
          },
          () =>
            setBusy((b) =>
              b.map((x) => (x.uid === file.uid ? { ...x, status: 'error' as const } : x)),
            ),
        );
        return false;
      }}
      onRemove={(file) => {
        setBusy((b) => b.filter((x) => x.uid !== file.uid));
        onChange?.(files.filter((f) => f.fileId !== file.uid));
      }}
    >
      <Button icon={<UploadOutlined />} disabled={disabled || full}>
        {full ? `最多 ${maxCount} 个文件` : '选择文件'}
      </Button>
    </Upload>
  );
}
