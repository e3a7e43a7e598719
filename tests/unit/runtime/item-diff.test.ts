import { diffRecords } from '../../../runtime';
import { licenceItem } from './catalog-fixtures';

describe('version diff (CAT-6)', () => {
  test('identical versions have no differences', () => {
    expect(diffRecords(licenceItem(), licenceItem())).toEqual([]);
  });

  test('a changed scalar and a changed nested field are named by path', () => {
    const after = licenceItem();
    after.promisedLimit = { value: 7, unit: 'workingDays' };
    after.subject.nature = 'authorised';
    expect(diffRecords(licenceItem(), after)).toEqual([
      { path: 'subject.nature', kind: 'changed', before: 'statutory', after: 'authorised' },
      { path: 'promisedLimit.value', kind: 'changed', before: 10, after: 7 },
    ]);
  });

  test('list entries are matched by id: inserting one in front is one addition, not every entry changed', () => {
    const after = licenceItem();
    after.materials.unshift({
      id: 'm9',
      name: '安全评价报告',
      format: 'PDF',
      originalOrCopy: 'original',
      count: 1,
      medium: 'electronic',
      submission: '网上',
      required: true,
    });
    const changes = diffRecords(licenceItem(), after);
    expect(changes.filter((c) => c.path.startsWith('materials['))).toEqual([
      { path: 'materials[m9]', kind: 'added', after: after.materials[0] },
    ]);
    // Where the entries sit is recorded too: the order of legal bases carries their rank.
    expect(changes.find((c) => c.path === 'materials#order')).toBeUndefined();
  });

  test('a removed entry, an edited entry and a reordering are each reported once', () => {
    const after = licenceItem();
    after.materials = [after.materials[1]!];
    after.materials[0]!.count = 2;
    after.legalBasis.reverse();
    const changes = diffRecords(licenceItem(), after);
    expect(changes).toEqual(
      expect.arrayContaining([
        { path: 'materials[m1]', kind: 'removed', before: licenceItem().materials[0] },
        { path: 'materials[m2].count', kind: 'changed', before: 1, after: 2 },
        { path: 'legalBasis#order', kind: 'changed', before: ['b1', 'b2'], after: ['b2', 'b1'] },
      ]),
    );
    expect(changes).toHaveLength(3);
  });

  test('a field present in only one version is an addition or removal', () => {
    const after = licenceItem();
    after.onlineUrl = 'https://zwfw.example/aj/xk';
    delete after.address;
    expect(diffRecords(licenceItem(), after)).toEqual([
      { path: 'address', kind: 'removed', before: '龙湾区永中街道行政中心 3 楼' },
      { path: 'onlineUrl', kind: 'added', after: 'https://zwfw.example/aj/xk' },
    ]);
  });
});
