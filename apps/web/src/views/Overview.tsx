import { Card, Col, Row, Statistic } from 'antd';
import { useTranslation } from 'react-i18next';
import { ChartCard } from '../components/ChartCard';
import { useLabels } from '../labels';
import { SERIES_MONTHS, viewQueries } from '../plan';
import { useApi } from '../queries';
import { COLORS, type ViewProps } from './common';

type DepartureRow = { reason: string; label: string; count: number; [k: string]: unknown };
type CountRow = { code: string; label: string; count: number };

/** 人员概况: headcount by status and category on the date, and in service at each month end of the last 24 months. */
export function Overview({ organId, asOf }: ViewProps) {
  const { t } = useTranslation();
  const { label } = useLabels();
  const q = viewQueries.overview(organId, asOf);
  const roster = useApi(...q.roster);
  const series = useApi(...q.series);
  const counts = roster.data?.counts;
  const departed = counts?.byStatus['DEPARTED'] ?? 0;

  const rowsOf = (table: 'rosterStatus' | 'category', values: Record<string, number> | undefined): CountRow[] | null =>
    values
      ? Object.entries(values)
          .map(([code, count]) => ({ code, label: label(table, code), count }))
          .sort((a, b) => b.count - a.count)
      : null;
  const byStatus = rowsOf('rosterStatus', counts?.byStatus);
  const byCategory = rowsOf('category', counts?.byCategory);
  const pie = (rows: CountRow[] | null) =>
    rows && {
      tooltip: { trigger: 'item' },
      legend: { bottom: 0 },
      dataset: { source: rows.map((r) => [r.label, r.count]), dimensions: ['label', 'count'] },
      series: [
        {
          type: 'pie',
          radius: ['40%', '70%'],
          encode: { itemName: 'label', value: 'count' },
          label: { formatter: '{b}: {@count}' },
        },
      ],
    };
  const points = series.data?.points.map((p) => ({ ...p, label: p.month })) ?? null;
  // Departures (Art. 40) over the months shown, by reason; the chart stacks them per month.
  const departures: DepartureRow[] | null = points
    ? Object.entries(
        points.reduce<Record<string, number>>((acc, p) => {
          for (const [reason, n] of Object.entries(p.departuresByReason)) acc[reason] = (acc[reason] ?? 0) + n;
          return acc;
        }, {}),
      )
        .map(([reason, count]) => ({ reason, label: label('departureReason', reason), count }))
        .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason))
    : null;

  return (
    <div data-testid="view-overview">
      <Row gutter={[16, 16]}>
        <Col xs={24} md={12}>
          <Card size="small">
            <div data-testid="stat-in-service">
              <Statistic title={t('overview.inService')} value={counts ? counts.total - departed : '—'} loading={!counts} />
            </div>
          </Card>
        </Col>
        <Col xs={24} md={12}>
          <Card size="small">
            <div data-testid="stat-total">
              <Statistic title={t('overview.total')} value={counts?.total ?? '—'} loading={!counts} />
            </div>
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <ChartCard
            id="by-status"
            title={t('overview.byStatus')}
            path={roster.path}
            asOf={roster.data?.asOf}
            loading={roster.isFetching}
            error={roster.error}
            rows={byStatus}
            rowKey="code"
            columns={[
              { key: 'label', title: t('overview.status') },
              { key: 'count', title: t('overview.count'), numeric: true },
            ]}
            option={pie(byStatus)}
          />
        </Col>
        <Col xs={24} lg={12}>
          <ChartCard
            id="by-category"
            title={t('overview.byCategory')}
            path={roster.path}
            asOf={roster.data?.asOf}
            loading={roster.isFetching}
            error={roster.error}
            rows={byCategory}
            rowKey="code"
            columns={[
              { key: 'label', title: t('overview.category') },
              { key: 'count', title: t('overview.count'), numeric: true },
            ]}
            option={pie(byCategory)}
          />
        </Col>
        <Col span={24}>
          <ChartCard
            id="series"
            title={t('overview.series', { months: SERIES_MONTHS })}
            path={series.path}
            asOf={series.data?.asOf}
            loading={series.isFetching}
            error={series.error}
            rows={points}
            rowKey="month"
            columns={[
              { key: 'month', title: t('overview.month') },
              { key: 'date', title: t('overview.date') },
              {
                key: 'inService',
                title: t('overview.inService'),
                numeric: true,
              },
            ]}
            option={
              points && {
                tooltip: { trigger: 'axis' },
                grid: { left: 48, right: 24, top: 24, bottom: 56 },
                dataset: { source: points, dimensions: ['month', 'inService'] },
                xAxis: { type: 'category' },
                yAxis: { type: 'value', minInterval: 1 },
                dataZoom: [{ type: 'inside' }, { type: 'slider', height: 18, bottom: 8 }],
                series: [
                  {
                    type: 'line',
                    name: t('overview.inService'),
                    encode: { x: 'month', y: 'inService' },
                    areaStyle: { opacity: 0.15 },
                    color: COLORS.primary,
                    smooth: true,
                  },
                ],
              }
            }
          />
        </Col>
        <Col span={24}>
          <ChartCard<DepartureRow>
            id="departures"
            title={t('overview.departures', { months: SERIES_MONTHS })}
            path={series.path}
            asOf={series.data?.asOf}
            loading={series.isFetching}
            error={series.error}
            rows={departures}
            rowKey="reason"
            columns={[
              { key: 'label', title: t('overview.reason') },
              { key: 'count', title: t('overview.count'), numeric: true },
            ]}
            option={
              points &&
              departures && {
                tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
                legend: { top: 0 },
                grid: { left: 48, right: 24, top: 40, bottom: 32 },
                xAxis: { type: 'category', data: points.map((p) => p.month) },
                yAxis: { type: 'value', minInterval: 1 },
                series: departures.map((d) => ({
                  type: 'bar',
                  stack: 'departures',
                  name: d.label,
                  data: points.map((p) => p.departuresByReason[d.reason] ?? 0),
                })),
              }
            }
          />
        </Col>
      </Row>
    </div>
  );
}
