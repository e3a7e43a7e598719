import { AppError } from '../http/errors';
import type { DetectedType } from './sniff';

/** One accepted extension: the detected types its content may have, and the type we store. */
interface Accepted {
  detected: string[];
  /** Old Office and WPS files are all OLE containers (x-cfb); their extension says which. */
  store?: string;
}

export interface UploadKind {
  label: string;
  accepts: Record<string, Accepted>;
}

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const CFB = 'application/x-cfb';
const ZIP = 'application/zip';

/** 服务表格: documents and spreadsheets, including WPS (OLE) and OFD (a ZIP, GB/T 33190). */
export const SERVICE_FORM_UPLOAD: UploadKind = {
  label: '服务表格',
  accepts: {
    '.pdf': { detected: ['application/pdf'] },
    '.doc': { detected: [CFB], store: 'application/msword' },
    '.docx': { detected: [DOCX, ZIP], store: DOCX },
    '.xls': { detected: [CFB], store: 'application/vnd.ms-excel' },
    '.xlsx': { detected: [XLSX, ZIP], store: XLSX },
    '.wps': { detected: [CFB] },
    '.et': { detected: [CFB] },
    '.ofd': { detected: [ZIP], store: 'application/ofd' },
  },
};

/** 申请材料 (scans and photos of papers): images and PDF; never SVG, which can carry script. */
export const MATERIAL_UPLOAD: UploadKind = {
  label: '申请材料',
  accepts: {
    '.pdf': { detected: ['application/pdf'] },
    '.jpg': { detected: ['image/jpeg'] },
    '.jpeg': { detected: ['image/jpeg'] },
    '.png': { detected: ['image/png'] },
    '.tif': { detected: ['image/tiff'] },
    '.tiff': { detected: ['image/tiff'] },
  },
};

const TYPE_NAMES: Record<string, string> = {
  'application/pdf': 'PDF 文档',
  [DOCX]: 'Word 文档（docx）',
  [XLSX]: 'Excel 表格（xlsx）',
  [CFB]: 'Office/WPS 旧版文档（OLE）',
  [ZIP]: 'ZIP 压缩包',
  'application/x-msdownload': 'Windows 可执行程序',
  'application/x-elf': 'Linux 可执行程序（ELF）',
  'application/x-mach-binary': 'macOS 可执行程序',
  'application/xml': 'XML/SVG 文本',
  'image/svg+xml': 'SVG 图像',
  'image/jpeg': 'JPEG 图片',
  'image/png': 'PNG 图片',
  'application/gzip': 'GZIP 压缩包',
  'application/x-rar-compressed': 'RAR 压缩包',
  'application/x-7z-compressed': '7z 压缩包',
};

const describe = (t: DetectedType) => `${TYPE_NAMES[t.mime] ?? t.ext}（${t.mime}）`;

const extensionOf = (filename: string) => {
  const dot = filename.lastIndexOf('.');
  return dot > 0 ? filename.slice(dot).toLowerCase() : '';
};

/** The extensions a kind accepts, for messages: 「.pdf、.doc …」. */
export const acceptedList = (kind: UploadKind) => Object.keys(kind.accepts).join('、');

/** Refuses a name whose extension the kind does not accept, before any byte is read. */
export function checkExtension(kind: UploadKind, filename: string): void {
  if (!kind.accepts[extensionOf(filename)]) {
    throw new AppError(
      400,
      'unsupported_file_type',
      `${kind.label}只接受 ${acceptedList(kind)} 文件`,
      { filename },
    );
  }
}

/**
 * The content type to store for `filename`, read from its content: a file whose bytes are not what
 * its extension says (a program or a web page renamed .pdf) is refused, naming what was found.
 */
export function storedType(
  kind: UploadKind,
  filename: string,
  detected: DetectedType | undefined,
): string {
  checkExtension(kind, filename);
  const extension = extensionOf(filename);
  const accepted = kind.accepts[extension]!;
  if (!detected || !accepted.detected.includes(detected.mime)) {
    const found = detected ? `文件内容是${describe(detected)}` : '无法从文件内容识别出文件类型';
    throw new AppError(
      415,
      'file_type_mismatch',
      `${found}，不是 ${extension} 文件；${kind.label}只接受 ${acceptedList(kind)} 文件`,
      { filename, detected: detected?.mime ?? null },
    );
  }
  return accepted.store ?? detected.mime;
}

// C0/C1 controls (NUL included) and the bidi overrides that make 「exe.pdf」 look like 「fdp.exe」.
const UNSAFE_NAME_CHARS = /[\p{Cc}\u202a-\u202e\u2066-\u2069]/u;

/**
 * The file name to keep: a path (old browsers send `C:\…\申请表.pdf`; `../../x`) is reduced to its
 * last part; control characters are refused, since they have no place in a name shown to people.
 */
export function safeFilename(raw: string): string {
  if (UNSAFE_NAME_CHARS.test(raw)) {
    throw new AppError(400, 'invalid_filename', '文件名含有控制字符，请改名后重新上传', {
      filename: raw,
    });
  }
  const base = raw.split(/[/\\]/).pop()!.trim();
  if (!base || base === '.' || base === '..' || /^\.+$/.test(base)) {
    throw new AppError(400, 'invalid_filename', '文件名为空，请改名后重新上传', { filename: raw });
  }
  if (base.length > 200) {
    throw new AppError(400, 'invalid_filename', '文件名超过 200 个字符，请改名后重新上传', {
      filename: base.slice(0, 200),
    });
  }
  return base;
}
