import { Card, Col, Row, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ChartCard } from '../components/ChartCard';
import { rollUpToChildren } from '../rollup';
import { viewQueries } from '../plan';
import { useApi } from '../queries';
import { COLORS, type ViewProps } from './common';

type QuotaRow = {
  organId: string;
  organ: string;
  quota: number;
  used: number;
  reserved: number;
  headroom: number;
  rate: number | null;
  [k: string]: unknown;
};

/**
 * 用人额度 (Art. 7): quota against use for each organ directly below the
 * chosen one, each with its whole subtree summed; sorted by use, over quota in
 * red (ECharts visualMap on the use rate).
 */
export function Quota({ organId, asOf, knownAt, organs }: ViewProps) {
  const { t, i18n } = useTranslation();
  const quota = useApi(...viewQueries.quota(organId, asOf, knownAt).quota);
  const byOrgan = new Map((quota.data?.organs ?? []).map((e) => [e.organ_id, e]));
  const rows: QuotaRow[] | null = quota.data
    ? rollUpToChildren(
        organs,
        organId,
        (o) => {
          const e = byOrgan.get(o.organ_id);
          return e
            ? {
                quota: e.quota ?? 0,
                used: e.active_headcount,
                reserved: e.reserved_openings,
              }
            : null;
        },
        () => ({ quota: 0, used: 0, reserved: 0 }),
      )
        .map(({ organ, values }) => ({
          organId: organ.organ_id,
          organ: organ.name,
          ...values,
          headroom: values.quota - values.used - values.reserved,
          rate: values.quota > 0 ? Math.round((values.used / values.quota) * 1000) / 10 : null,
        }))
        .filter((r) => r.quota > 0 || r.used > 0 || r.reserved > 0)
        .sort((a, b) => b.used - a.used || a.organId.localeCompare(b.organId))
    : null;
  const total = quota.data?.total;
  const chartRows = rows ? [...rows].reverse() : null;
  const percent = (r: QuotaRow) => (r.rate === null ? t('quota.noQuota') : `${r.rate.toLocaleString(i18n.language)}%`);

  return (
    <div data-testid="view-quota">
      <Row gutter={[16, 16]}>
        {(['totalQuota', 'totalUsed', 'totalHeadroom'] as const).map((k) => (
          <Col xs={24} md={8} key={k}>
            <Card size="small">
              <div data-testid={`stat-${k}`}>
                <Statistic
                  title={t(`quota.${k}`)}
                  loading={!total}
                  value={
                    total
                      ? {
                          totalQuota: total.quota,
                          totalUsed: total.active_headcount,
                          totalHeadroom: total.headroom,
                        }[k]
                      : '—'
                  }
                />
              </div>
            </Card>
          </Col>
        ))}
        <Col span={24}>
          <ChartCard<QuotaRow>
            id="quota"
            title={t('quota.title')}
            path={quota.path}
            asOf={quota.data?.asOf}
            loading={quota.isFetching}
            error={quota.error}
            rows={rows}
            rowKey="organId"
            height={Math.max(280, (rows?.length ?? 0) * 28 + 80)}
            columns={[
              { key: 'organ', title: t('quota.organ') },
              { key: 'quota', title: t('quota.quota'), numeric: true },
              { key: 'used', title: t('quota.used'), numeric: true },
              { key: 'reserved', title: t('quota.reserved'), numeric: true },
              { key: 'headroom', title: t('quota.headroom'), numeric: true },
              {
                key: 'rate',
                title: t('quota.rate'),
                render: (r) =>
                  r.rate !== null && r.rate > 100 ? (
                    <Typography.Text type="danger">
                      {percent(r)} · {t('quota.over')}
                    </Typography.Text>
                  ) : (
                    percent(r)
                  ),
              },
            ]}
            option={
              chartRows && {
                tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
                legend: { top: 0 },
                grid: { left: 140, right: 32, top: 32, bottom: 24 },
                dataset: {
                  source: chartRows,
                  dimensions: ['organ', 'quota', 'used', 'rate'],
                },
                xAxis: { type: 'value', minInterval: 1 },
                yAxis: {
                  type: 'category',
                  axisLabel: { width: 130, overflow: 'truncate' },
                },
                visualMap: {
                  show: false,
                  seriesIndex: 1,
                  dimension: 3,
                  pieces: [
                    { gt: 100, color: COLORS.over },
                    { lte: 100, color: COLORS.primary },
                  ],
                  outOfRange: { color: COLORS.primary },
                },
                series: [
                  {
                    type: 'bar',
                    name: t('quota.quota'),
                    encode: { y: 'organ', x: 'quota' },
                    color: COLORS.muted,
                    barGap: '-100%',
                    z: 1,
                  },
                  {
                    type: 'bar',
                    name: t('quota.used'),
                    encode: { y: 'organ', x: 'used' },
                    color: COLORS.primary,
                    barWidth: '50%',
                    z: 2,
                  },
                ],
              }
            }
          />
        </Col>
      </Row>
    </div>
  );
}
