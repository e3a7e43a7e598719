import { PersonalText } from '../../../server/cases/personal-text';
import { PersonalDataCipher } from '../../../server/identity/personal-data';
import { checkCharacter } from '../../../runtime/personal-data/id-number';

// Issue 12, item 7: personal numbers typed into forms are sealed in what goes to the database and
// come back exactly as typed, so the trail's hashes still verify.
const personal = new PersonalText(new PersonalDataCipher('ab'.repeat(32)));
const ID = `33030319850315123${checkCharacter('33030319850315123')}`;
const WRONG = `33030319850315123${checkCharacter('33030319850315123') === '0' ? '1' : '0'}`;

describe('personal numbers sealed at the storage boundary', () => {
  test('ID and mobile numbers anywhere in the JSON are sealed, then opened to the same text', () => {
    const json = JSON.stringify({
      forms: [
        {
          key: 'application',
          values: { idNumber: ID, phone: '13857712345', note: `身份证${ID}，电话13857712345` },
        },
      ],
    });
    const sealed = personal.seal(json);
    expect(sealed).not.toContain(ID);
    expect(sealed).not.toContain('13857712345');
    expect(sealed).toMatch(/⟦sm4cbc:/);
    expect(personal.open(sealed)).toBe(json);
    expect(JSON.parse(personal.open(sealed))).toEqual(JSON.parse(json));
  });

  test('what only looks like one stays: a wrong check digit, credit codes, case numbers, longer runs, masked numbers', () => {
    const kept = [
      WRONG,
      '91330303MA2AB1234X',
      '33030300AJ-20261122-000123',
      '1385771234567',
      '3303**********1237',
      '1733123456789',
    ];
    const json = JSON.stringify(kept);
    expect(personal.seal(json)).toBe(json);
  });

  test('a ⟦ typed by someone cannot pose as a seal', () => {
    const json = JSON.stringify({ remark: '⟦sm4cbc:00000000000000000000000000000000:00⟧' });
    const sealed = personal.seal(json);
    expect(JSON.parse(personal.open(sealed))).toEqual(JSON.parse(json));
  });
});
