import { completenessProblems, HANDLING_KINDS, ITEM_TYPE_CODES } from '../../../runtime';
import { DEMO_DEPARTMENTS } from '../../../seeds/demo-county';
import { DEMO_ITEMS } from '../../../seeds/demo-items';

describe('the demo catalog (CAT-9 seeds)', () => {
  test('has at least 30 items across every type and every handling kind', () => {
    expect(DEMO_ITEMS.length).toBeGreaterThanOrEqual(30);
    expect(new Set(DEMO_ITEMS.map((i) => i.content.type))).toEqual(new Set(ITEM_TYPE_CODES));
    expect(new Set(DEMO_ITEMS.map((i) => i.content.handlingKind))).toEqual(
      new Set(Object.keys(HANDLING_KINDS)),
    );
    expect(new Set(DEMO_ITEMS.map((i) => i.state))).toEqual(
      new Set(['approved', 'submitted', 'draft']),
    );
  });

  test("includes the guideline's two examples: 安监局 penalty 0003 and the market regulator's agency item 0001", () => {
    const aj = DEMO_ITEMS.find((i) => i.serial === 3 && i.content.type === 'CF');
    expect(aj?.department).toBe('龙湾区安全生产监督管理局');
    const gs = DEMO_ITEMS.find((i) => i.serial === 1 && i.content.type === 'DL');
    expect(gs?.department).toBe('龙湾区市场监督管理局');
  });

  test('every item sits in a seeded department and office', () => {
    for (const item of DEMO_ITEMS) {
      const dept = DEMO_DEPARTMENTS.find((d) => d.name === item.department);
      expect(dept?.offices.map((o) => o.name)).toContain(item.office);
    }
  });

  test('every item past draft passes the completeness check, so the seed follows the rules it enforces', () => {
    for (const item of DEMO_ITEMS.filter((i) => i.state !== 'draft')) {
      const content = {
        ...item.content,
        subject: { unitId: 'u', name: item.department, nature: 'statutory' as const },
        office: { unitId: 'o', name: item.office },
      };
      expect({ name: item.content.name, problems: completenessProblems(content) }).toEqual({
        name: item.content.name,
        problems: [],
      });
    }
  });

  test('list entries have ids unique across the catalog, so versions can be diffed by identity', () => {
    const ids = DEMO_ITEMS.flatMap((i) => [
      ...i.content.legalBasis.map((b) => b.id),
      ...i.content.materials.map((m) => m.id),
    ]);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
