import { officeTimeText, remainingText } from '../../../studio/src/cases/labels';

// Issue 13: overdue hours read as 「超期 9.75 小时」; working days, hours and minutes instead (RUN-6).
describe('remaining time as the studio says it (RUN-6, issue 13)', () => {
  test('RUN-6 counted office hours are shown as working days (7 office hours), hours and minutes', () => {
    expect(remainingText(-9.75, 'hours')).toBe('超期 1 个工作日 2 小时 45 分钟');
    expect(remainingText(-0.5, 'hours')).toBe('超期 30 分钟');
    expect(remainingText(3.25, 'hours')).toBe('剩余 3 小时 15 分钟');
    expect(remainingText(14, 'hours')).toBe('剩余 2 个工作日');
    expect(officeTimeText(0)).toBe('0 分钟');
    for (const h of [-9.75, -0.5, 3.25, 14, 100.4])
      expect(remainingText(h, 'hours')).not.toMatch(/\d\.\d/);
  });

  test('RUN-6 day limits read as before', () => {
    expect(remainingText(-2, 'workingDays')).toBe('超期 2 个工作日');
    expect(remainingText(0, 'workingDays')).toBe('今日到期');
    expect(remainingText(3, 'naturalDays')).toMatch(/^剩余 3 /);
  });
});
