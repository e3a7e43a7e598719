import { completenessProblems, type ItemContent } from '../../../runtime';
import { licenceItem } from './catalog-fixtures';

const fieldsOf = (item: ItemContent, design?: Parameters<typeof completenessProblems>[1]) =>
  completenessProblems(item, design).map((p) => p.field);

describe('completeness check before submission (CAT-7)', () => {
  test('a complete licence item has no problems', () => {
    expect(completenessProblems(licenceItem())).toEqual([]);
  });

  test('a promised limit above the legal one is named, with both figures', () => {
    const item = licenceItem();
    item.promisedLimit = { value: 40, unit: 'workingDays' };
    const [problem] = completenessProblems(item);
    expect(problem).toEqual({
      field: 'promisedLimit',
      message: '承诺期限（40）不得超过法定期限（30）',
    });
  });

  test('limits in different units cannot be compared and are flagged', () => {
    const item = licenceItem();
    item.promisedLimit = { value: 10, unit: 'naturalDays' };
    expect(fieldsOf(item)).toEqual(['promisedLimit']);
  });

  test('a charged item needs its fee basis and standard', () => {
    const item = licenceItem();
    item.fee = { charged: true };
    expect(fieldsOf(item)).toEqual(['fee.basis', 'fee.standard']);
  });

  test('every missing field is listed, not just the first', () => {
    const item = licenceItem();
    item.supervisionPhone = '';
    item.legalBasis = [];
    item.materials = [];
    delete item.legalLimit;
    expect(fieldsOf(item).sort()).toEqual([
      'legalBasis',
      'legalLimit',
      'materials',
      'supervisionPhone',
    ]);
  });

  test('an item settled on the spot (即办件) needs no promised limit; a promised one does', () => {
    const item = licenceItem();
    delete item.promisedLimit;
    expect(fieldsOf(item)).toEqual(['promisedLimit']);
    item.handlingKind = 'immediate';
    expect(fieldsOf(item)).toEqual([]);
  });

  test('an entrusted subject needs the entrusting unit', () => {
    const item = licenceItem();
    item.subject.nature = 'entrusted';
    expect(fieldsOf(item)).toEqual(['subject.entrustingUnit']);
  });

  test('a penalty item needs kinds and discretion benchmarks, with sane fine ranges', () => {
    const item: ItemContent = { ...licenceItem(), type: 'CF' };
    expect(fieldsOf(item)).toEqual(['penalty']);
    item.penalty = {
      kinds: ['罚款'],
      discretion: [
        {
          id: 'd1',
          circumstance: '首次违法',
          penalty: '罚款',
          fineRange: { min: 5000, max: 1000 },
        },
      ],
      publishResults: true,
    };
    expect(fieldsOf(item)).toEqual(['penalty.discretion[d1].fineRange']);
  });

  test('a reward item needs its effective date, and expiry may not precede it', () => {
    const item: ItemContent = { ...licenceItem(), type: 'JL' };
    expect(fieldsOf(item)).toEqual(['reward.effectiveDate']);
    item.reward = { effectiveDate: '2026-01-01', expiryDate: '2025-12-31', publishResults: false };
    expect(fieldsOf(item)).toEqual(['reward.expiryDate']);
  });

  test('once designs exist, an unverified flowchart and an unbound form block submission', () => {
    expect(fieldsOf(licenceItem(), { flowchartVerified: false, formBound: false })).toEqual([
      'flowchart',
      'form',
    ]);
    expect(fieldsOf(licenceItem(), { flowchartVerified: true, formBound: true })).toEqual([]);
  });
});
