import { Button, Card, DatePicker, Form, Input, Select, Space, Switch, Table, Tag, Tooltip, TreeSelect, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PageProps } from '../../pages';
import { useGet } from '../../queries';
import { organTreeData } from '../admin/common';
import './words';

export interface AuditEntry {
  global_position: number;
  row_seq: number;
  outcome: 'ACCEPTED' | 'REFUSED';
  event_type: string;
  stream_id: string;
  command_id: string;
  command_type: string | null;
  actor_id: string;
  actor_role: string | null;
  actor_organ_id: string | null;
  organ_id: string | null;
  auxiliary_id: string | null;
  person_key: string | null;
  rule_set_revision: string | null;
  refusal_kind: string | null;
  refusal_code: string | null;
  rule_ids: string[] | null;
  citations: Array<{ ruleId: string; zh: string; en: string }> | null;
  message_zh: string | null;
  message_en: string | null;
  effective_date: string;
  recorded_at: string;
}
export interface AuditAnswer {
  asOfPosition: number;
  entries: AuditEntry[];
  people: Record<string, { status: 'READABLE'; name: string; idNumberMasked: string } | { status: 'SHREDDED'; name: null; idNumberMasked: null } | null>;
  next: string | null;
}

interface Filters {
  organ?: string;
  subtree?: boolean;
  auxiliary?: string;
  personKey?: string;
  actor?: string;
  commandType?: string;
  outcome?: 'ACCEPTED' | 'REFUSED';
  recorded?: [Dayjs | null, Dayjs | null] | null;
  effective?: [Dayjs | null, Dayjs | null] | null;
  order?: 'oldest' | 'newest';
}

const PAGE = 50;

/** The query of a set of filters: GET /api/audit with each one that is set (ranges: from inclusive, to exclusive). */
export function auditPath(f: Filters, cursor: string | null): string {
  const q = new URLSearchParams();
  const text = (name: string, v: string | undefined) => v?.trim() && q.set(name, v.trim());
  text('organ', f.organ);
  if (f.organ && f.subtree) q.set('subtree', 'true');
  text('auxiliary', f.auxiliary);
  text('personKey', f.personKey);
  text('actor', f.actor);
  text('commandType', f.commandType);
  if (f.outcome) q.set('outcome', f.outcome);
  if (f.recorded?.[0]) q.set('recordedFrom', f.recorded[0].toISOString());
  if (f.recorded?.[1]) q.set('recordedTo', f.recorded[1].toISOString());
  if (f.effective?.[0]) q.set('effectiveFrom', f.effective[0].format('YYYY-MM-DD'));
  // The API's upper bound is exclusive: the day after the last day picked.
  if (f.effective?.[1]) q.set('effectiveTo', f.effective[1].add(1, 'day').format('YYYY-MM-DD'));
  if (f.order === 'newest') q.set('order', 'newest');
  q.set('limit', String(PAGE));
  if (cursor) q.set('cursor', cursor);
  return `/api/audit?${q.toString()}`;
}

/** The audit trail (GET /api/audit) with every filter the API takes, paged by log position. */
export function AuditTrail({ organs, go }: PageProps) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<Filters>();
  const [filters, setFilters] = useState<Filters>({ order: 'newest' });
  const [cursors, setCursors] = useState<Array<string | null>>([null]);
  const cursor = cursors[cursors.length - 1] ?? null;
  const path = auditPath(filters, cursor);
  const trail = useGet<AuditAnswer>(path);
  const tree = useMemo(() => organTreeData(organs), [organs]);
  const organName = useMemo(() => new Map(organs.map((o) => [o.organ_id, o.name])), [organs]);
  const en = i18n.language === 'en';
  const search = (values: Filters) => {
    setFilters(values);
    setCursors([null]);
  };

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="page-audit-trail">
      <Typography.Paragraph type="secondary">{t('audit.trail.hint')}</Typography.Paragraph>
      <Card size="small">
        <Form form={form} layout="inline" onFinish={search} initialValues={{ order: 'newest' }} data-testid="audit-filters" style={{ rowGap: 8 }}>
          <Form.Item name="organ" label={t('audit.trail.organ')}>
            <TreeSelect style={{ width: 240 }} treeData={tree} allowClear showSearch treeNodeFilterProp="title" treeDefaultExpandedKeys={tree.map((n) => n.value)} data-testid="audit-organ" />
          </Form.Item>
          <Form.Item name="subtree" label={t('audit.trail.subtree')} valuePropName="checked">
            <Switch size="small" />
          </Form.Item>
          <Form.Item name="outcome" label={t('audit.trail.outcome')}>
            <Select
              style={{ width: 120 }}
              allowClear
              placeholder={t('audit.trail.any')}
              data-testid="audit-outcome"
              options={(['ACCEPTED', 'REFUSED'] as const).map((o) => ({ value: o, label: t(`audit.trail.outcomes.${o}`) }))}
            />
          </Form.Item>
          <Form.Item name="commandType" label={t('audit.trail.commandType')}>
            <Input style={{ width: 160 }} allowClear placeholder="Hire" data-testid="audit-command-type" />
          </Form.Item>
          <Form.Item name="actor" label={t('audit.trail.actor')}>
            <Input style={{ width: 180 }} allowClear data-testid="audit-actor" />
          </Form.Item>
          <Form.Item name="auxiliary" label={t('audit.trail.auxiliary')}>
            <Input style={{ width: 140 }} allowClear />
          </Form.Item>
          <Form.Item name="personKey" label={t('audit.trail.personKey')}>
            <Input style={{ width: 160 }} allowClear />
          </Form.Item>
          <Form.Item name="recorded" label={t('audit.trail.recorded')}>
            <DatePicker.RangePicker showTime />
          </Form.Item>
          <Form.Item name="effective" label={t('audit.trail.effective')}>
            <DatePicker.RangePicker />
          </Form.Item>
          <Form.Item name="order" label={t('audit.trail.order')}>
            <Select style={{ width: 130 }} options={(['oldest', 'newest'] as const).map((o) => ({ value: o, label: t(`audit.trail.orders.${o}`) }))} />
          </Form.Item>
          <Form.Item>
            <Space>
              <Button type="primary" htmlType="submit" data-testid="audit-search">
                {t('audit.trail.search')}
              </Button>
              <Button
                onClick={() => {
                  form.resetFields();
                  search({ order: 'newest' });
                }}
              >
                {t('audit.trail.reset')}
              </Button>
            </Space>
          </Form.Item>
        </Form>
      </Card>
      {trail.error ? <Typography.Text type="danger">{String((trail.error as Error).message)}</Typography.Text> : null}
      <Table<AuditEntry>
        data-testid="audit-table"
        size="small"
        rowKey={(e) => `${e.global_position}-${e.row_seq}`}
        loading={trail.isFetching}
        dataSource={trail.data?.entries ?? []}
        pagination={false}
        scroll={{ x: 1500 }}
        onRow={(e) => ({ 'data-position': e.global_position }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('audit.trail.position'), dataIndex: 'global_position', width: 80 },
          { title: t('audit.trail.recordedAt'), dataIndex: 'recorded_at', width: 150, render: (at: string) => dayjs(at).format('YYYY-MM-DD HH:mm:ss') },
          { title: t('audit.trail.effectiveDate'), dataIndex: 'effective_date', width: 105 },
          {
            title: t('audit.trail.outcome'),
            dataIndex: 'outcome',
            width: 90,
            render: (o: AuditEntry['outcome']) => <Tag color={o === 'REFUSED' ? 'red' : 'green'}>{t(`audit.trail.outcomes.${o}`)}</Tag>,
          },
          {
            title: t('audit.trail.event'),
            key: 'event',
            width: 190,
            render: (_: unknown, e) => (
              <span>
                <Typography.Text strong>{e.event_type}</Typography.Text>
                {e.command_type && e.command_type !== e.event_type ? <Typography.Text type="secondary"> ← {e.command_type}</Typography.Text> : null}
              </span>
            ),
          },
          {
            title: t('audit.trail.stream'),
            dataIndex: 'stream_id',
            render: (s: string) => (
              <Tooltip title={t('audit.trail.openStream')}>
                <Typography.Link onClick={() => go('stream', { id: s })}>{s}</Typography.Link>
              </Tooltip>
            ),
          },
          {
            title: t('audit.trail.actorCol'),
            key: 'actor',
            render: (_: unknown, e) => (
              <span>
                <Typography.Text code>{e.actor_id}</Typography.Text> {e.actor_role ? <Tag>{e.actor_role}</Tag> : null}
                {e.actor_organ_id ? <Typography.Text type="secondary">{organName.get(e.actor_organ_id) ?? e.actor_organ_id}</Typography.Text> : null}
              </span>
            ),
          },
          { title: t('audit.trail.organCol'), dataIndex: 'organ_id', render: (o: string | null) => (o ? (organName.get(o) ?? o) : '—') },
          {
            title: t('audit.trail.person'),
            key: 'person',
            width: 150,
            render: (_: unknown, e) => {
              const p = e.person_key ? trail.data?.people[e.person_key] : null;
              return (
                <span>
                  {e.auxiliary_id ? <Typography.Text code>{e.auxiliary_id}</Typography.Text> : null} {p && p.status === 'READABLE' ? `${p.name} ${p.idNumberMasked}` : null}
                </span>
              );
            },
          },
          { title: t('audit.trail.ruleSet'), dataIndex: 'rule_set_revision', width: 110, render: (r: string | null) => r ?? '—' },
          {
            title: t('audit.trail.refusal'),
            key: 'refusal',
            render: (_: unknown, e) =>
              e.outcome === 'REFUSED' ? (
                <span>
                  {(e.citations ?? []).map((c) => (
                    <Tag color="volcano" key={c.ruleId}>
                      {en ? c.en : c.zh}
                    </Tag>
                  ))}
                  {e.refusal_code && e.refusal_kind === 'STATE' ? <Tag>{e.refusal_code}</Tag> : null}
                  <Typography.Text type="secondary">{en ? e.message_en : e.message_zh}</Typography.Text>
                </span>
              ) : null,
          },
        ]}
      />
      <Space wrap>
        <Button disabled={cursors.length === 1} onClick={() => setCursors([null])}>
          {t('audit.trail.first')}
        </Button>
        <Button disabled={!trail.data?.next} onClick={() => trail.data?.next && setCursors((c) => [...c, trail.data?.next as string])} data-testid="audit-next">
          {t('audit.trail.next')}
        </Button>
        {trail.data ? (
          <Typography.Text type="secondary" data-testid="audit-shown">
            {t('audit.trail.shown', { count: trail.data.entries.length, position: trail.data.asOfPosition })}
          </Typography.Text>
        ) : null}
        <Typography.Text type="secondary">
          {t('audit.trail.source')}:{' '}
          <Typography.Text code data-testid="audit-path">
            {path}
          </Typography.Text>
        </Typography.Text>
      </Space>
    </Space>
  );
}
