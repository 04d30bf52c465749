import { ProjectOutlined } from '@ant-design/icons';
import { Button, Space, Switch, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { useLabels } from '../../labels';
import type { PageProps } from '../../pages';
import { useGet } from '../../queries';
import { FILL, QueryError, hrefOf, organNameOf } from './common';
import type { PlanRow, PlansAnswer } from './types';

const PLAN_COLOR: Record<string, string> = { DRAFTED: 'default', APPROVED: 'blue', ANNOUNCED: 'green', CLOSED: 'default' };

/** Art. 18: approved by the government at the drafting organ's level (¶1), filed with the region's organ (¶2). */
export function Art18({ plan }: { plan: PlanRow }) {
  const { t } = useTranslation();
  return (
    <Space direction="vertical" size={2} data-testid="plan-art18">
      {plan.approved_on ? (
        <Tag color="green">{t('find.plans.approved', { date: plan.approved_on, doc: plan.approval_document ?? '—' })}</Tag>
      ) : (
        <Tag color="red">{t('find.plans.notApproved')}</Tag>
      )}
      {plan.filed_on ? <Tag color="green">{t('find.plans.filed', { date: plan.filed_on, ref: plan.filing_ref ?? '—' })}</Tag> : <Tag color="orange">{t('find.plans.notFiled')}</Tag>}
    </Space>
  );
}

/**
 * The plans of an organ: those it drafted and those with an opening for it — with `subtree`, for it or an organ under
 * it (a county's auxiliaries are recruited by its city's plan, Art. 18 ¶1). Newest first.
 */
export function plansOfOrgan(plans: readonly PlanRow[], organs: PageProps['organs'], organId: string, subtree: boolean): PlanRow[] {
  const root = organs.find((o) => o.organ_id === organId);
  // Paths are `/<root>/…/<organ>/`: the subtree of X is every path that starts with X's.
  const within = new Set(subtree && root ? organs.filter((o) => o.path.startsWith(root.path)).map((o) => o.organ_id) : [organId]);
  within.add(organId);
  return plans
    .filter((p) => within.has(p.drafting_organ_id) || p.organ_ids.some((id) => within.has(id)))
    .sort((a, b) => (a.drafted_on < b.drafted_on ? 1 : a.drafted_on > b.drafted_on ? -1 : a.plan_id < b.plan_id ? -1 : 1));
}

/**
 * 招聘计划: the organ's recruitment plans (and those drafted below it) as they stood on the header's date, their state
 * under Art. 18 and their openings; a plan opens its applications board.
 */
export function Plans({ organId, asOf, knownAt, organs, me, params, go }: PageProps) {
  const { t } = useTranslation();
  const { label } = useLabels();
  const subtree = params['subtree'] !== 'false';
  const plans = useGet<PlansAnswer>(`/api/recruitment-plans?asOf=${asOf}${knownAt ? `&knownAt=${encodeURIComponent(knownAt)}` : ''}`);
  const answer = plans.error ? undefined : plans.data;
  const rows = answer ? plansOfOrgan(answer.plans, organs, organId, subtree) : [];
  const board = (plan: PlanRow) => go('applications', { plan: plan.plan_id });
  const columns: ColumnsType<PlanRow> = [
    {
      key: 'title',
      title: t('find.plans.title'),
      render: (_, p) => (
        <Space direction="vertical" size={0}>
          <Typography.Text strong data-testid="plan-title">
            {p.title}
          </Typography.Text>
          <Typography.Text code>{p.plan_id}</Typography.Text>
        </Space>
      ),
    },
    { key: 'drafting', title: t('find.plans.drafting'), render: (_, p) => `${organNameOf(organs, p.drafting_organ_id)}（${label('organLevel', p.drafting_organ_level)}）` },
    {
      key: 'status',
      title: t('find.plans.status'),
      render: (_, p) => (
        <Space direction="vertical" size={2}>
          <Tag color={PLAN_COLOR[p.status]} data-testid="plan-status">
            {label('planStatus', p.status)}
          </Tag>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {[t('find.plans.drafted', { date: p.drafted_on }), p.announced_on && t('find.plans.announced', { date: p.announced_on }), p.closed_on && t('find.plans.closed', { date: p.closed_on })]
              .filter(Boolean)
              .join(' · ')}
          </Typography.Text>
        </Space>
      ),
    },
    { key: 'art18', title: t('find.plans.art18'), render: (_, p) => <Art18 plan={p} /> },
    { key: 'openings', title: t('find.plans.openings'), align: 'right', render: (_, p) => <span data-testid="plan-openings">{p.openings_total}</span> },
    {
      key: 'board',
      title: '',
      render: (_, p) => (
        <Button
          icon={<ProjectOutlined />}
          href={hrefOf('applications', { plan: p.plan_id }, organId, asOf)}
          onClick={(e) => (e.preventDefault(), e.stopPropagation(), board(p))}
          data-testid={`plan-board-${p.plan_id}`}
        >
          {t('find.plans.board')}
        </Button>
      ),
    },
  ];
  return (
    <div data-testid="view-plans" style={FILL}>
      <QueryError error={plans.error} me={me} organs={organs} go={go} />
      <Space style={{ marginBottom: 12 }}>
        <Switch checked={subtree} onChange={(on) => go('plans', on ? {} : { subtree: 'false' })} aria-label={t('find.plans.subtree')} />
        <span>{t('find.plans.subtree')}</span>
      </Space>
      <Table<PlanRow>
        data-testid="plans-table"
        data-loaded={answer !== undefined && !plans.isFetching ? 'true' : 'false'}
        rowKey="plan_id"
        size="middle"
        loading={plans.isFetching}
        columns={columns}
        dataSource={rows}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: t('find.plans.empty') }}
        expandable={{
          expandedRowRender: (p) => (
            <Table
              size="small"
              rowKey={(o) => `${o.organId}-${o.category ?? ''}`}
              pagination={false}
              dataSource={p.openings}
              columns={[
                { key: 'organ', title: t('find.plans.openingOrgan'), render: (_, o) => organNameOf(organs, o.organId) },
                { key: 'category', title: t('find.plans.openingCategory'), render: (_, o) => (o.category ? label('category', o.category) : t('find.plans.anyCategory')) },
                { key: 'count', title: t('find.plans.openingCount'), dataIndex: 'count', align: 'right' },
              ]}
            />
          ),
        }}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        {t('find.common.query')}
        <Typography.Text code>{plans.path}</Typography.Text>
      </Typography.Paragraph>
    </div>
  );
}
