import { Col, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import { ChartCard } from '../components/ChartCard';
import { useLabels } from '../labels';
import { viewQueries } from '../plan';
import { useApi } from '../queries';
import { COLORS, type ViewProps } from './common';

type StatusRow = {
  status: string;
  label: string;
  plans: number;
  openings: number;
  [k: string]: unknown;
};
const ORDER = ['DRAFTED', 'APPROVED', 'ANNOUNCED', 'CLOSED'];
type StepRow = { step: string; label: string; reached: number; endedHere: number; [k: string]: unknown };

/** 招录 (Arts. 18–19): the plans of the organ and those below it by their state on the date, with their openings. */
export function Recruitment({ organId, asOf, knownAt }: ViewProps) {
  const { t } = useTranslation();
  const { label } = useLabels();
  const q = viewQueries.recruitment(organId, asOf, knownAt);
  const plans = useApi(...q.plans);
  const applications = useApi(...q.applications);
  // Art. 20: how many passed each step, and how many ended at it without passing (failed or withdrew).
  const funnel: StepRow[] | null = applications.data
    ? applications.data.counts.funnel.map((f) => ({ step: f.step, label: label('applicationStage', f.step), reached: f.reached, endedHere: f.endedHere }))
    : null;
  const rows: StatusRow[] | null = plans.data
    ? Object.values(
        plans.data.plans.reduce<Record<string, StatusRow>>((acc, p) => {
          const row = (acc[p.status] ??= {
            status: p.status,
            label: label('planStatus', p.status),
            plans: 0,
            openings: 0,
          });
          row.plans += 1;
          row.openings += p.openings_total;
          return acc;
        }, {}),
      ).sort((a, b) => ORDER.indexOf(a.status) - ORDER.indexOf(b.status))
    : null;
  return (
    <div data-testid="view-recruitment">
      <Row gutter={[16, 16]}>
        <Col span={24}>
          <ChartCard<StatusRow>
            id="plans-by-status"
            title={t('recruitment.byStatus')}
            path={plans.path}
            asOf={plans.data?.asOf}
            loading={plans.isFetching}
            error={plans.error}
            rows={rows}
            rowKey="status"
            columns={[
              { key: 'label', title: t('recruitment.status') },
              { key: 'plans', title: t('recruitment.plans'), numeric: true },
              {
                key: 'openings',
                title: t('recruitment.openings'),
                numeric: true,
              },
            ]}
            option={
              rows && {
                tooltip: { trigger: 'axis' },
                legend: { top: 0 },
                grid: { left: 48, right: 24, top: 32, bottom: 24 },
                dataset: {
                  source: rows,
                  dimensions: ['label', 'plans', 'openings'],
                },
                xAxis: { type: 'category' },
                yAxis: { type: 'value', minInterval: 1 },
                series: [
                  {
                    type: 'bar',
                    name: t('recruitment.plans'),
                    encode: { x: 'label', y: 'plans' },
                    color: COLORS.primary,
                  },
                  {
                    type: 'bar',
                    name: t('recruitment.openings'),
                    encode: { x: 'label', y: 'openings' },
                    color: COLORS.ok,
                  },
                ],
              }
            }
          />
        </Col>
        <Col span={24}>
          <ChartCard<StepRow>
            id="funnel"
            title={t('recruitment.funnel')}
            path={applications.path}
            asOf={applications.data?.asOf}
            loading={applications.isFetching}
            error={applications.error}
            rows={funnel && funnel.some((f) => f.reached > 0) ? funnel : []}
            rowKey="step"
            height={300}
            columns={[
              { key: 'label', title: t('recruitment.step') },
              { key: 'reached', title: t('recruitment.reached'), numeric: true },
              { key: 'endedHere', title: t('recruitment.endedHere'), numeric: true },
            ]}
            option={
              funnel && {
                tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
                legend: { top: 0 },
                grid: { left: 140, right: 48, top: 32, bottom: 24 },
                dataset: { source: [...funnel].reverse(), dimensions: ['label', 'reached', 'endedHere'] },
                xAxis: { type: 'value', minInterval: 1 },
                yAxis: { type: 'category', axisLabel: { width: 130, overflow: 'truncate' } },
                series: [
                  { type: 'bar', name: t('recruitment.reached'), encode: { y: 'label', x: 'reached' }, color: COLORS.primary, label: { show: true, position: 'right' } },
                  { type: 'bar', name: t('recruitment.endedHere'), encode: { y: 'label', x: 'endedHere' }, color: COLORS.over, label: { show: true, position: 'right' } },
                ],
              }
            }
          />
        </Col>
      </Row>
    </div>
  );
}
