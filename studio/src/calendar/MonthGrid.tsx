import { Card, Col, Row, Typography } from 'antd';
import type { CalendarDay } from './calendar-api';

const WEEKDAYS = ['一', '二', '三', '四', '五', '六', '日'];

/** Monday-first position (0–6) of a `YYYY-MM-DD` date, read without the browser's time zone. */
const column = (date: string) => (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7;

function look(day: CalendarDay): {
  background?: string;
  color?: string;
  border?: string;
  tag?: string;
} {
  if (day.source === 'county')
    return {
      border: '2px solid #fa8c16',
      background: day.working ? '#e6f4ff' : '#fff1f0',
      tag: day.working ? '班' : '休',
    };
  if (day.source === 'official')
    return day.working
      ? { background: '#e6f4ff', color: '#0958d9', tag: '班' }
      : { background: '#fff1f0', color: '#cf1322', tag: '休' };
  if (day.source === 'weekend') return { color: '#8c8c8c' };
  return {};
}

/** Twelve months of a year: official days off (休), adjusted working days (班), county changes. */
export function MonthGrid({ year, days }: { year: number; days: CalendarDay[] }) {
  const months = Array.from({ length: 12 }, (_, m) =>
    days.filter((d) => Number(d.date.slice(5, 7)) === m + 1 && d.date.startsWith(String(year))),
  );
  return (
    <Row gutter={[12, 12]} data-testid="month-grid">
      {months.map((month, m) => (
        <Col key={m} xs={24} sm={12} lg={8} xxl={6}>
          <Card size="small" title={`${year}年${m + 1}月`} data-testid={`month-${m + 1}`}>
            <div style={{ display: 'grid', gridTemplateColumns: 'repeat(7, 1fr)', gap: 2 }}>
              {WEEKDAYS.map((w) => (
                <Typography.Text
                  key={w}
                  type="secondary"
                  style={{ textAlign: 'center', fontSize: 12 }}
                >
                  {w}
                </Typography.Text>
              ))}
              {month.length > 0 &&
                Array.from({ length: column(month[0]!.date) }, (_, i) => <span key={`e${i}`} />)}
              {month.map((d) => {
                const s = look(d);
                return (
                  <div
                    key={d.date}
                    data-date={d.date}
                    data-source={d.source}
                    data-working={d.working}
                    title={[d.date, d.name, d.working ? '工作日' : '休息日']
                      .filter(Boolean)
                      .join(' ')}
                    style={{
                      minHeight: 40,
                      padding: 2,
                      borderRadius: 4,
                      textAlign: 'center',
                      fontSize: 12,
                      lineHeight: '16px',
                      background: s.background,
                      color: s.color,
                      border: s.border ?? '2px solid transparent',
                      overflow: 'hidden',
                    }}
                  >
                    <div>
                      {Number(d.date.slice(8))}
                      {s.tag && <sup style={{ marginLeft: 1, fontWeight: 600 }}>{s.tag}</sup>}
                    </div>
                    {d.name && (d.source === 'county' || !d.working) && (
                      <div
                        style={{
                          fontSize: 10,
                          whiteSpace: 'nowrap',
                          textOverflow: 'ellipsis',
                          overflow: 'hidden',
                        }}
                      >
                        {d.name}
                      </div>
                    )}
                  </div>
                );
              })}
            </div>
          </Card>
        </Col>
      ))}
    </Row>
  );
}
