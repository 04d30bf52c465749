import { Alert, Card, Col, Row, Statistic, Table, Tooltip, Typography } from 'antd';
import { AGE_BUCKETS, type AgeBucket, type Finding } from '../api';
import { useTranslation } from 'react-i18next';
import { ChartCard } from '../components/ChartCard';
import { useLabels } from '../labels';
import { rollUpToChildren } from '../rollup';
import { viewQueries } from '../plan';
import { useApi } from '../queries';
import { COLORS, type ViewProps } from './common';

type KindRow = {
  kind: string;
  label: string;
  article: string;
  count: number;
  [k: string]: unknown;
};
type RateRow = {
  kind: string;
  label: string;
  article: string;
  population: string;
  people: number;
  compliant: number;
  percent: number | null;
  [k: string]: unknown;
};
type AgeRow = {
  kind: string;
  label: string;
  oldest: number;
  [k: string]: unknown;
} & Record<AgeBucket, number>;
/** Ageing colours: green while young, red past a year. */
const AGE_COLORS: Record<AgeBucket, string> = { '0-30': '#95de64', '31-90': '#fadb14', '91-180': '#faad14', '181-365': '#fa8c16', '366+': '#ff4d4f' };
type OrganRow = {
  organId: string;
  organ: string;
  count: number;
  [k: string]: unknown;
};

/** 监督 (Arts. 18 ¶2, 28, 34–38): open findings on the date by kind, with the article each rests on, and by organ below. Counts only. */
export function Supervision({ organId, asOf, knownAt, organs, me, go }: ViewProps) {
  const { t } = useTranslation();
  const { finding, article, articleText, bilingual } = useLabels();
  const q = viewQueries.supervision(organId, asOf);
  const supervision = useApi(...q.supervision);
  const compliance = useApi(...q.compliance);
  const rates: RateRow[] | null = compliance.data
    ? compliance.data.rates.map((r) => ({
        kind: r.kind,
        label: finding(r.kind),
        article: article(r.kind),
        population: t(r.population === 'DEPARTED' ? 'supervision.departed' : 'supervision.inService'),
        people: r.people,
        compliant: r.compliant,
        percent: r.rate === null ? null : Math.round(r.rate * 1000) / 10,
      }))
    : null;
  const counts = supervision.data?.counts;
  const byKind: KindRow[] | null = counts
    ? Object.entries(counts.byKind)
        .map(([kind, count]) => ({
          kind,
          label: finding(kind),
          article: article(kind),
          count,
        }))
        .sort((a, b) => b.count - a.count || a.kind.localeCompare(b.kind))
    : null;
  const ageing: AgeRow[] | null = counts
    ? Object.entries(counts.byKindAge ?? {})
        .map(([kind, ages]) => ({ kind, label: finding(kind), oldest: counts.oldestDays?.[kind] ?? 0, ...ages }) as AgeRow)
        .sort((a, b) => b.oldest - a.oldest || a.kind.localeCompare(b.kind))
    : null;
  const byOrgan: OrganRow[] | null = counts
    ? rollUpToChildren(
        organs,
        organId,
        (o) => (counts.byOrgan[o.organ_id] ? { count: counts.byOrgan[o.organ_id] as number } : null),
        () => ({ count: 0 }),
      )
        .map(({ organ, values }) => ({
          organId: organ.organ_id,
          organ: organ.name,
          count: values.count,
        }))
        .filter((r) => r.count > 0)
        .sort((a, b) => b.count - a.count || a.organId.localeCompare(b.organId))
    : null;
  const bars = <R,>(rows: R[] | null, y: keyof R & string, x: keyof R & string, color: string) =>
    rows && {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 160, right: 32, top: 16, bottom: 24 },
      dataset: { source: [...rows].reverse(), dimensions: [y, x] },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: {
        type: 'category',
        axisLabel: { width: 150, overflow: 'truncate' },
      },
      series: [
        {
          type: 'bar',
          encode: { y, x },
          color,
          label: { show: true, position: 'right' },
        },
      ],
    };

  return (
    <div data-testid="view-supervision">
      {knownAt ? <Alert type="info" showIcon style={{ marginBottom: 16 }} message={t('supervision.judgedNow')} /> : null}
      <Row gutter={[16, 16]}>
        <Col span={24}>
          <Card size="small">
            <div data-testid="stat-findings">
              <Statistic title={t('supervision.total')} value={counts?.total ?? '—'} loading={!counts} />
            </div>
          </Card>
        </Col>
        <Col span={24}>
          <ChartCard<RateRow>
            id="compliance"
            title={t('supervision.compliance')}
            path={compliance.path}
            asOf={compliance.data?.asOf}
            loading={compliance.isFetching}
            error={compliance.error}
            rows={rates}
            rowKey="kind"
            height={260}
            columns={[
              { key: 'label', title: t('supervision.kind') },
              { key: 'article', title: t('supervision.article') },
              { key: 'population', title: t('supervision.population') },
              { key: 'people', title: t('supervision.people'), numeric: true },
              { key: 'compliant', title: t('supervision.compliant'), numeric: true },
              { key: 'percent', title: t('supervision.rate'), render: (r) => (r.percent === null ? '—' : `${r.percent}%`) },
            ]}
            option={
              rates && {
                tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: number) => `${v}%` },
                grid: { left: 180, right: 48, top: 16, bottom: 24 },
                dataset: { source: [...rates].reverse(), dimensions: ['label', 'percent'] },
                xAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
                yAxis: { type: 'category', axisLabel: { width: 170, overflow: 'truncate' } },
                // Below 90 % in red, below 98 % in amber: a rate to act on stands out.
                visualMap: {
                  show: false,
                  dimension: 1,
                  pieces: [
                    { lt: 90, color: COLORS.over },
                    { gte: 90, lt: 98, color: COLORS.warn },
                    { gte: 98, color: COLORS.ok },
                  ],
                },
                series: [{ type: 'bar', encode: { y: 'label', x: 'percent' }, label: { show: true, position: 'right', formatter: '{@percent}%' } }],
              }
            }
          />
        </Col>
        <Col xs={24} xl={12}>
          <ChartCard<KindRow>
            id="findings-by-kind"
            title={t('supervision.byKind')}
            path={supervision.path}
            asOf={supervision.data?.asOf}
            loading={supervision.isFetching}
            error={supervision.error}
            rows={byKind}
            rowKey="kind"
            height={Math.max(240, (byKind?.length ?? 0) * 30 + 40)}
            columns={[
              { key: 'label', title: t('supervision.kind') },
              {
                key: 'article',
                title: t('supervision.article'),
                render: (r) => <Tooltip title={articleText(r.kind)}>{r.article}</Tooltip>,
              },
              { key: 'count', title: t('supervision.count'), numeric: true },
            ]}
            option={bars(byKind, 'label', 'count', COLORS.warn)}
          />
        </Col>
        <Col xs={24} xl={12}>
          <ChartCard<OrganRow>
            id="findings-by-organ"
            title={t('supervision.byOrgan')}
            path={supervision.path}
            asOf={supervision.data?.asOf}
            loading={supervision.isFetching}
            error={supervision.error}
            rows={byOrgan}
            rowKey="organId"
            height={Math.max(240, (byOrgan?.length ?? 0) * 26 + 40)}
            columns={[
              { key: 'organ', title: t('supervision.organ') },
              { key: 'count', title: t('supervision.count'), numeric: true },
            ]}
            option={bars(byOrgan, 'organ', 'count', COLORS.over)}
          />
        </Col>
        <Col span={24}>
          <ChartCard<AgeRow>
            id="findings-ageing"
            title={t('supervision.ageing')}
            path={supervision.path}
            asOf={supervision.data?.asOf}
            loading={supervision.isFetching}
            error={supervision.error}
            rows={ageing}
            rowKey="kind"
            height={Math.max(240, (ageing?.length ?? 0) * 30 + 70)}
            columns={[
              { key: 'label', title: t('supervision.kind') },
              ...AGE_BUCKETS.map((b) => ({ key: b, title: t(`supervision.age.${b}`), numeric: true })),
              { key: 'oldest', title: t('supervision.oldest'), numeric: true },
            ]}
            option={
              ageing && {
                tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
                legend: { top: 0 },
                grid: { left: 160, right: 32, top: 32, bottom: 24 },
                dataset: { source: [...ageing].reverse(), dimensions: ['label', ...AGE_BUCKETS] },
                xAxis: { type: 'value', minInterval: 1 },
                yAxis: { type: 'category', axisLabel: { width: 150, overflow: 'truncate' } },
                series: AGE_BUCKETS.map((b) => ({ type: 'bar', stack: 'age', name: t(`supervision.age.${b}`), encode: { y: 'label', x: b }, color: AGE_COLORS[b] })),
              }
            }
          />
        </Col>
        <Col span={24}>
          <Card size="small" title={t('supervision.list')} data-testid="findings-list">
            {me && me.role !== 'viewer' && supervision.data?.findings ? (
              <Table<Finding>
                size="small"
                rowKey={(f) => `${f.kind}:${f.subject.id}:${f.since}`}
                dataSource={[...supervision.data.findings].sort((a, b) => b.ageDays - a.ageDays)}
                pagination={{ pageSize: 20, showSizeChanger: false }}
                columns={[
                  { key: 'kind', title: t('supervision.kind'), render: (_, f) => finding(f.kind) },
                  { key: 'article', title: t('supervision.article'), render: (_, f) => <Tooltip title={articleText(f.kind)}>{bilingual(f.citation)}</Tooltip> },
                  {
                    key: 'subject',
                    title: t('supervision.subject'),
                    render: (_, f) =>
                      f.subject.kind === 'auxiliary' && go ? (
                        <Typography.Link onClick={() => go('person', { id: f.subject.id })}>{f.subject.id}</Typography.Link>
                      ) : (
                        f.subject.id
                      ),
                  },
                  { key: 'organ', title: t('supervision.organ'), render: (_, f) => organs.find((o) => o.organ_id === f.organId)?.name ?? f.organId },
                  { key: 'since', title: t('supervision.since'), dataIndex: 'since' },
                  { key: 'ageDays', title: t('supervision.ageDays'), dataIndex: 'ageDays', align: 'right' },
                  { key: 'message', title: t('supervision.message'), render: (_, f) => bilingual(f.message) },
                ]}
              />
            ) : (
              <Typography.Text type="secondary">{t('supervision.listHint')}</Typography.Text>
            )}
          </Card>
        </Col>
      </Row>
    </div>
  );
}
