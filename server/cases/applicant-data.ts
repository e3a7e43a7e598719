import type { Applicant } from '../../runtime/cases';
import type { Party } from '../../runtime/trail';
import type { CivilDate } from '../../runtime/calendar';
import { ID_NUMBER_PROBLEM_TEXT, idNumberProblem, maskIdNumber, maskPhone } from '../../runtime';
import { AppError } from '../http/errors';
import type { PersonalDataCipher } from '../identity/personal-data';
import { encryptedContact } from '../notifications/contact';

export interface ApplicantInput {
  type: 'person' | 'organisation';
  name: string;
  idType: Applicant['idType'];
  idNumber: string;
  phone?: string;
  /** Where notices go (RUN-15); kept encrypted on the case, never in its state or trail. */
  email?: string;
}

/** The case of a person is kept with the ID number masked; organisations' codes are public. */
export const PERSON_ID_TYPES = new Set([
  'residentId',
  'passport',
  'hkMacaoPermit',
  'taiwanPermit',
  'foreignerPermit',
]);

/** The applicant as the engine and trail see them, and what the case document keeps beside. */
export interface PersonalData {
  engine: Applicant;
  stored: { applicantIdIndex?: string; applicantIdEncrypted?: string } & ReturnType<
    typeof encryptedContact
  >;
}

/**
 * A person's ID number is personal data (docs/access.md): the case and its trail carry it
 * masked; the full number is kept encrypted (SM4) beside an HMAC-SM3 index for the result
 * query (POR-7). A resident ID is checked by GB 11643 first, as of `today`.
 */
export function personalData(
  input: ApplicantInput | undefined,
  cipher: PersonalDataCipher,
  today: CivilDate,
): PersonalData {
  if (!input) throw new AppError(400, 'bad_request', '缺少申请人');
  const person = PERSON_ID_TYPES.has(input.idType);
  const idNumber = input.idNumber.trim().toUpperCase();
  if (input.idType === 'residentId') {
    const problem = idNumberProblem(idNumber, today);
    if (problem) {
      throw new AppError(
        400,
        'invalid_id_number',
        `申请人身份证号${ID_NUMBER_PROBLEM_TEXT[problem]}`,
        { field: 'applicant.idNumber', problem },
      );
    }
  }
  const engine: Applicant = {
    type: input.type,
    name: input.name,
    idType: input.idType,
    idNumber: person ? maskIdNumber(idNumber) : idNumber,
    ...(input.phone ? { phone: maskPhone(input.phone) } : {}),
  };
  const stored = {
    ...(person
      ? { applicantIdIndex: cipher.index(idNumber), applicantIdEncrypted: cipher.encrypt(idNumber) }
      : {}),
    // Phone and e-mail for notices (RUN-15): encrypted, read only by the notification sender.
    ...encryptedContact(cipher, input),
  };
  return { engine, stored };
}

/** An agent or contact person: their ID number is masked like the applicant's. */
export function maskedParty(contact: Party): Party {
  return {
    ...contact,
    idNumber: PERSON_ID_TYPES.has(contact.idType)
      ? maskIdNumber(contact.idNumber)
      : contact.idNumber,
  };
}
