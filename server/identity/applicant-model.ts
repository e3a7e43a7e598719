import { Schema, type Connection, type Model, type Types } from 'mongoose';
import { lockoutFields } from './lockout';

/**
 * A citizen's account (申请人) for the portal: a different kind of account from staff, with its own
 * sessions, and never a staff screen. The ID number is kept encrypted (SM4) with an HMAC-SM3 index
 * for lookup and a masked copy for display.
 */
export interface Applicant {
  _id: Types.ObjectId;
  name: string;
  idType: 'resident';
  idNumberIndex: string;
  idNumberEncrypted: string;
  idNumberMasked: string;
  phoneEncrypted: string;
  phoneMasked: string;
  passwordHash: string;
  /** ROLE-4 lockout, as for staff (server/identity/lockout.ts). */
  failureCount: number;
  failureWindowStart?: Date;
  lockedUntil?: Date;
  status: 'active' | 'disabled';
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

const applicantSchema = new Schema<Applicant>(
  {
    name: { type: String, required: true, trim: true, maxlength: 30 },
    idType: { type: String, enum: ['resident'], required: true },
    idNumberIndex: { type: String, required: true, label: '身份证号' },
    idNumberEncrypted: { type: String, required: true },
    idNumberMasked: { type: String, required: true },
    phoneEncrypted: { type: String, required: true },
    phoneMasked: { type: String, required: true },
    passwordHash: { type: String, required: true },
    ...lockoutFields,
    status: { type: String, enum: ['active', 'disabled'], default: 'active' },
    version: { type: Number, default: 0 },
  },
  { timestamps: true, collection: 'applicants' },
);
applicantSchema.index({ idNumberIndex: 1 }, { unique: true });

export type ApplicantModel = Model<Applicant>;
export const applicantModel = (c: Connection): ApplicantModel =>
  (c.models.Applicant as ApplicantModel | undefined) ??
  c.model<Applicant>('Applicant', applicantSchema);

export const publicApplicant = (a: Applicant) => ({
  id: String(a._id),
  name: a.name,
  idType: a.idType,
  idNumber: a.idNumberMasked,
  phone: a.phoneMasked,
});
