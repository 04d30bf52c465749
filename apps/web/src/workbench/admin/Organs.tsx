import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, DatePicker, Form, Input, InputNumber, Modal, Select, Space, Table, Tag, TreeSelect, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useContext, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Organ, type QuotaEntry, apiGet, apiSend } from '../../api';
import { CatalogContext, useLabels } from '../../labels';
import type { PageProps } from '../../pages';
import { useApi } from '../../queries';
import { Problem, organTreeData } from './common';
import './words';

interface Row {
  key: string;
  organ: Organ;
  quota: QuotaEntry | undefined;
  children?: Row[];
}

type Action = { kind: 'register'; organ: Organ } | { kind: 'quota'; organ: Organ };

interface Answer {
  commandId: string;
  dryRun?: boolean;
  events: Array<{ globalPosition?: number }>;
}

/** The organ tree with each organ's quota and use (GET /api/organs, /api/quota), registering an organ under one and setting a quota through the command endpoints. */
export function Organs({ organs, asOf, go }: PageProps) {
  const { t, i18n } = useTranslation();
  const { label } = useLabels();
  const root = organs.find((o) => o.parent_id === null);
  const quota = useApi('quota', { organ: root?.organ_id, asOf }, root !== undefined);
  const [action, setAction] = useState<Action | null>(null);
  const byOrgan = useMemo(() => new Map((quota.data?.organs ?? []).map((e) => [e.organ_id, e])), [quota.data]);
  const rows = useMemo(() => {
    const nodes = new Map<string, Row>(organs.map((o) => [o.organ_id, { key: o.organ_id, organ: o, quota: byOrgan.get(o.organ_id) }]));
    const top: Row[] = [];
    for (const o of organs) {
      const row = nodes.get(o.organ_id) as Row;
      const parent = o.parent_id ? nodes.get(o.parent_id) : undefined;
      if (parent) (parent.children ??= []).push(row);
      else top.push(row);
    }
    return top;
  }, [organs, byOrgan]);
  const number = (n: number | null | undefined) => (n === null || n === undefined ? '—' : n.toLocaleString(i18n.language));

  if (organs.length === 0) {
    return (
      <Alert
        type="info"
        showIcon
        message={t('admin.organs.empty')}
        action={
          <Button size="small" onClick={() => go('first-start')}>
            {t('admin.nav.firstStart')}
          </Button>
        }
      />
    );
  }
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="page-organs">
      <Typography.Paragraph type="secondary">{t('admin.organs.hint')}</Typography.Paragraph>
      <Table<Row>
        data-testid="organs-table"
        size="small"
        loading={quota.isLoading}
        dataSource={rows}
        pagination={false}
        expandable={{ defaultExpandAllRows: true }}
        onRow={(row) => ({ 'data-organ': row.organ.organ_id }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('admin.organs.name'), key: 'name', render: (_: unknown, r) => r.organ.name },
          { title: t('admin.organs.id'), key: 'id', render: (_: unknown, r) => <Typography.Text code>{r.organ.organ_id}</Typography.Text> },
          { title: t('admin.organs.level'), key: 'level', render: (_: unknown, r) => label('organLevel', r.organ.level) },
          { title: t('admin.organs.kind'), key: 'kind', render: (_: unknown, r) => label('organKind', r.organ.kind) },
          {
            title: t('admin.organs.quota'),
            key: 'quota',
            align: 'right',
            render: (_: unknown, r) => (r.quota?.quota === null || r.quota === undefined ? <Typography.Text type="secondary">{t('admin.organs.noQuota')}</Typography.Text> : <span data-testid="quota-cell">{number(r.quota.quota)}</span>),
          },
          { title: t('admin.organs.used'), key: 'used', align: 'right', render: (_: unknown, r) => number(r.quota?.active_headcount) },
          { title: t('admin.organs.reserved'), key: 'reserved', align: 'right', render: (_: unknown, r) => number(r.quota?.reserved_openings) },
          {
            title: t('admin.organs.headroom'),
            key: 'headroom',
            align: 'right',
            render: (_: unknown, r) => (r.quota?.headroom !== null && r.quota?.headroom !== undefined && r.quota.headroom < 0 ? <Tag color="red">{number(r.quota.headroom)}</Tag> : number(r.quota?.headroom)),
          },
          {
            title: t('admin.organs.actions'),
            key: 'actions',
            render: (_: unknown, r) => (
              <Space size="small">
                <Button size="small" onClick={() => setAction({ kind: 'register', organ: r.organ })} data-testid={`register-under-${r.organ.organ_id}`}>
                  {t('admin.organs.register')}
                </Button>
                <Button size="small" onClick={() => setAction({ kind: 'quota', organ: r.organ })} data-testid={`set-quota-${r.organ.organ_id}`}>
                  {t('admin.organs.setQuota')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      {action ? <CommandModal action={action} organs={organs} onClose={() => setAction(null)} /> : null}
    </Space>
  );
}

interface FormValues {
  organId?: string;
  name?: string;
  level?: string;
  kind?: string;
  category?: 'ALL' | 'CIVILIAN' | 'DUTY';
  headcount?: number;
  documentRef?: string;
  setByOrganId?: string;
  effectiveDate?: Dayjs | null;
}

/** One command's form (register an organ under one, or set its quota), its id made once per form and renewed after it is recorded. */
function CommandModal({ action, organs, onClose }: { action: Action; organs: Organ[]; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const catalog = useContext(CatalogContext);
  const { label } = useLabels();
  const [form] = Form.useForm<FormValues>();
  const [commandId, setCommandId] = useState(() => crypto.randomUUID());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [outcome, setOutcome] = useState<'dry' | 'recorded' | null>(null);
  const tree = useMemo(() => organTreeData(organs), [organs]);
  const parentOf = organs.find((o) => o.organ_id === action.organ.parent_id);
  const path = action.kind === 'register' ? '/api/commands/register-organ' : '/api/commands/set-quota';

  const bodyOf = (v: FormValues) => {
    const effectiveDate = v.effectiveDate ? v.effectiveDate.format('YYYY-MM-DD') : undefined;
    const common = { commandId, ...(effectiveDate ? { effectiveDate } : {}) };
    return action.kind === 'register'
      ? { ...common, organId: (v.organId ?? '').trim(), name: (v.name ?? '').trim(), level: v.level, kind: v.kind, parentId: action.organ.organ_id }
      : { ...common, organId: action.organ.organ_id, category: v.category === 'ALL' || v.category === undefined ? null : v.category, headcount: v.headcount, documentRef: (v.documentRef ?? '').trim(), setByOrganId: v.setByOrganId };
  };
  const send = async (dryRun: boolean) => {
    let values: FormValues;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    setError(null);
    setOutcome(null);
    try {
      const answer = await apiSend<Answer>('POST', `${path}${dryRun ? '?dryRun=true' : ''}`, bodyOf(values));
      if (dryRun) {
        setOutcome('dry');
        return;
      }
      // Read-your-writes: the lists are asked again once the read models hold what was just recorded.
      const position = Math.max(0, ...answer.events.map((e) => e.globalPosition ?? 0));
      if (position > 0) await apiGet(`/api/organs?minPosition=${position}`);
      await client.invalidateQueries();
      setOutcome('recorded');
      setCommandId(crypto.randomUUID());
      form.resetFields();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const title = action.kind === 'register' ? t('admin.organs.registerTitle', { parent: action.organ.name }) : t('admin.organs.quotaTitle', { organ: action.organ.name });
  const childLevel: Record<string, string> = { REGION: 'CITY', CITY: 'COUNTY', COUNTY: 'COUNTY' };

  return (
    <Modal
      open
      title={title}
      onCancel={onClose}
      width={640}
      footer={
        <Space>
          <Button onClick={() => send(true)} loading={busy} data-testid="command-dry-run">
            {t('admin.organs.dryRun')}
          </Button>
          <Button type="primary" onClick={() => send(false)} loading={busy} data-testid="command-send">
            {t('admin.organs.send')}
          </Button>
        </Space>
      }
    >
      <Form
        form={form}
        name={action.kind}
        layout="vertical"
        data-testid={`form-${action.kind}`}
        initialValues={
          action.kind === 'register'
            ? { level: childLevel[action.organ.level] ?? 'COUNTY', kind: 'PUBLIC_SECURITY' }
            : { category: 'ALL', setByOrganId: parentOf?.organ_id ?? action.organ.organ_id }
        }
      >
        {action.kind === 'register' ? (
          <>
            <Form.Item name="organId" label={t('admin.organs.organId')} extra={t('admin.organs.organIdHint')} rules={[{ required: true, whitespace: true, message: t('admin.organs.organIdRequired') }]}>
              <Input autoFocus maxLength={128} data-testid="field-organId" />
            </Form.Item>
            <Form.Item name="name" label={t('admin.organs.organName')} rules={[{ required: true, whitespace: true, message: t('admin.organs.organNameRequired') }]}>
              <Input maxLength={200} data-testid="field-name" />
            </Form.Item>
            <Form.Item name="level" label={t('admin.organs.level')} rules={[{ required: true }]}>
              <Select options={Object.keys(catalog?.labels.organLevel ?? {}).map((code) => ({ value: code, label: label('organLevel', code) }))} />
            </Form.Item>
            <Form.Item name="kind" label={t('admin.organs.kind')} rules={[{ required: true }]}>
              <Select options={Object.keys(catalog?.labels.organKind ?? {}).map((code) => ({ value: code, label: label('organKind', code) }))} />
            </Form.Item>
          </>
        ) : (
          <>
            <Form.Item name="category" label={t('admin.organs.category')}>
              <Select
                options={[
                  { value: 'ALL', label: t('admin.organs.categoryAll') },
                  { value: 'DUTY', label: t('admin.organs.categories.DUTY') },
                  { value: 'CIVILIAN', label: t('admin.organs.categories.CIVILIAN') },
                ]}
              />
            </Form.Item>
            <Form.Item name="headcount" label={t('admin.organs.headcount')} rules={[{ required: true, message: t('admin.organs.headcountRequired') }]}>
              <InputNumber autoFocus min={0} max={1_000_000} precision={0} style={{ width: 200 }} data-testid="field-headcount" />
            </Form.Item>
            <Form.Item name="documentRef" label={t('admin.organs.documentRef')} rules={[{ required: true, whitespace: true, message: t('admin.organs.documentRefRequired') }]}>
              <Input maxLength={200} placeholder="内公发〔2026〕12号" data-testid="field-documentRef" />
            </Form.Item>
            <Form.Item name="setByOrganId" label={t('admin.organs.setBy')} rules={[{ required: true }]}>
              <TreeSelect treeData={tree} showSearch treeNodeFilterProp="title" treeDefaultExpandedKeys={tree.map((n) => n.value)} />
            </Form.Item>
          </>
        )}
        <Form.Item name="effectiveDate" label={t('admin.organs.effectiveDate')} extra={t('admin.organs.effectiveDateHint')}>
          <DatePicker />
        </Form.Item>
        <Typography.Text type="secondary">
          {t('admin.organs.commandId')}: <Typography.Text code data-testid="command-id">{commandId}</Typography.Text>
        </Typography.Text>
      </Form>
      <div style={{ marginTop: 12 }} aria-live="polite">
        {outcome === 'dry' ? <Alert type="success" showIcon message={t('admin.organs.dryRunOk')} data-testid="command-dry-ok" /> : null}
        {outcome === 'recorded' ? <Alert type="success" showIcon message={t('admin.organs.accepted')} data-testid="command-recorded" /> : null}
        <Problem error={error} testId="command-problem" />
      </div>
    </Modal>
  );
}
