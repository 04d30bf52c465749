import { Card, Col, Row, Statistic } from 'antd';
import { useTranslation } from 'react-i18next';
import { ChartCard } from '../components/ChartCard';
import type { HeadcountPoint } from '../api';
import { useLabels } from '../labels';
import { SERIES_MONTHS, viewQueries } from '../plan';
import { useApi } from '../queries';
import { COLORS, type ViewProps } from './common';

type CodeRow = { code: string; label: string; count: number; [k: string]: unknown };
type CountRow = { code: string; label: string; count: number };

/** 人员概况: headcount by status and category on the date, and in service at each month end of the last 24 months. */
export function Overview({ organId, asOf, knownAt }: ViewProps) {
  const { t } = useTranslation();
  const { label } = useLabels();
  const q = viewQueries.overview(organId, asOf, knownAt);
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
  /** The months shown summed per code (departures by reason, sanctions by kind), most first; the chart stacks them per month. */
  const totalsOf = (table: 'departureReason' | 'sanction', of: (p: HeadcountPoint) => Record<string, number> | undefined): CodeRow[] | null =>
    points
      ? Object.entries(
          points.reduce<Record<string, number>>((acc, p) => {
            for (const [code, n] of Object.entries(of(p) ?? {})) acc[code] = (acc[code] ?? 0) + n;
            return acc;
          }, {}),
        )
          .map(([code, count]) => ({ code, label: label(table, code), count }))
          .sort((a, b) => b.count - a.count || a.code.localeCompare(b.code))
      : null;
  const monthly = (id: string, title: string, codeTitle: string, rows: CodeRow[] | null, of: (p: HeadcountPoint) => Record<string, number> | undefined) => (
    <ChartCard<CodeRow>
      id={id}
      title={title}
      path={series.path}
      asOf={series.data?.asOf}
      loading={series.isFetching}
      error={series.error}
      rows={rows}
      rowKey="code"
      columns={[
        { key: 'label', title: codeTitle },
        { key: 'count', title: t('overview.count'), numeric: true },
      ]}
      option={
        points &&
        rows && {
          tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
          legend: { top: 0 },
          grid: { left: 48, right: 24, top: 40, bottom: 32 },
          xAxis: { type: 'category', data: points.map((p) => p.month) },
          yAxis: { type: 'value', minInterval: 1 },
          series: rows.map((d) => ({ type: 'bar', stack: id, name: d.label, data: points.map((p) => of(p)?.[d.code] ?? 0) })),
        }
      }
    />
  );
  const departures = totalsOf('departureReason', (p) => p.departuresByReason);
  const sanctions = totalsOf('sanction', (p) => p.sanctionsByKind);

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
        <Col xs={24} xl={12}>
          {monthly('departures', t('overview.departures', { months: SERIES_MONTHS }), t('overview.reason'), departures, (p) => p.departuresByReason)}
        </Col>
        <Col xs={24} xl={12}>
          {monthly('sanctions', t('overview.sanctions', { months: SERIES_MONTHS }), t('overview.sanction'), sanctions, (p) => p.sanctionsByKind)}
        </Col>
      </Row>
    </div>
  );
}
