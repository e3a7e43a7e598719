import { maskApplicantName } from '../../../runtime/personal-data/applicant-name';

describe('POR-8 applicant names on public pages', () => {
  test('a person keeps the family name only', () => {
    expect(maskApplicantName('张三', 'person')).toBe('张*');
    expect(maskApplicantName('欧阳修文', 'person')).toBe('欧***');
  });

  test('an organisation keeps its first two characters and its suffix', () => {
    expect(maskApplicantName('温州瓯江化工有限公司', 'organisation')).toBe('温州**有限公司');
    expect(maskApplicantName('龙湾永强五金制品厂', 'organisation')).toBe('龙湾**厂');
    expect(maskApplicantName('温州某某股份有限公司', 'organisation')).toBe('温州**股份有限公司');
    expect(maskApplicantName('无后缀单位名称', 'organisation')).toBe('无后**');
    expect(maskApplicantName('甲', 'organisation')).toBe('甲*');
  });
});
