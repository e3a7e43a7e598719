import demo2027 from './calendar-2027-demo.json';
import type { ApiClient } from './api-client';

/**
 * The State Council's notice for 2027 was not out when this demo was made, and chinese-days
 * stops at 2026, so every case whose deadline reaches 2027 would be refused (RUN-6). The demo
 * county gets an arrangement guessed from the usual pattern, labelled as such on every screen
 * that shows it; an administrator replaces it with the real notice under 日历管理.
 */
export const DEMO_2027_SOURCE = {
  title: '演示数据：按往年惯例推定的2027年安排，非国务院正式通知，请在通知发布后导入正式安排',
  issuedOn: '2026-12-04',
};

/** Imports the demo 2027 arrangement as the admin would, unless 2027 is covered already. */
export async function seedDemoCalendar(admin: ApiClient, say: (m: string) => void): Promise<void> {
  const years = await admin.get('/api/calendar/official-years');
  if (years.status !== 200) throw new Error(`读取节假日安排失败（${years.status}）`);
  const body = years.body as { packageYears: number[]; items: { year: number }[] };
  if (body.packageYears.includes(2027) || body.items.some((i) => i.year === 2027)) return;
  const res = await admin.post('/api/calendar/official-years', {
    format: 'holiday-cn',
    file: demo2027,
    source: DEMO_2027_SOURCE,
  });
  if (res.status !== 200)
    throw new Error(`导入演示 2027 年节假日安排失败（${res.status}）：${JSON.stringify(res.body)}`);
  say('演示 2027 年节假日安排已导入（按往年惯例推定，非国务院正式通知）');
}
