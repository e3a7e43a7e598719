import { checkCharacter } from '../../runtime/personal-data/id-number';
import type { PersonalDataCipher } from '../identity/personal-data';

/**
 * Personal data typed into forms (issue 12, item 7): resident ID numbers and mobile numbers found
 * anywhere in a case's stored JSON — form values in the state, the trail's recorded data — are
 * sealed with SM4 at the storage boundary and opened when the case is read. In memory, in the
 * engine and in the trail's hashes the value is the one typed, so every chain still verifies; on
 * disk, in backups and in the database's files it is ciphertext. Found by shape, not by field, so
 * a number typed into any field (a remark, a table cell) is covered too.
 */

// 18-character resident ID (GB 11643) and an 11-digit mainland mobile number, not inside a longer
// run of digits or letters (case numbers, credit codes and timestamps stay as they are).
const PERSONAL =
  /(?<![0-9A-Za-z])(?:[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx]|1[3-9]\d{9})(?![0-9A-Za-z])/g;
const SEALED = /⟦(sm4cbc:[0-9a-f]{32}:[0-9a-f]+)⟧/g;

function isPersonal(found: string): boolean {
  if (found.length === 11) return true;
  return checkCharacter(found.slice(0, 17)) === found[17]!.toUpperCase();
}

export class PersonalText {
  constructor(private readonly cipher: PersonalDataCipher) {}

  /** JSON text as it goes to the database. */
  seal(json: string): string {
    // A ⟦ typed by someone must not read as a seal later: inside a JSON string it is escaped.
    const text = json.includes('⟦') ? json.replaceAll('⟦', '\\u27e6') : json;
    return text.replace(PERSONAL, (found) =>
      isPersonal(found) ? `⟦${this.cipher.encrypt(found)}⟧` : found,
    );
  }

  /** JSON text as it came from the database. */
  open(json: string): string {
    return json.includes('⟦')
      ? json.replace(SEALED, (_m, c: string) => this.cipher.decrypt(c))
      : json;
  }
}
