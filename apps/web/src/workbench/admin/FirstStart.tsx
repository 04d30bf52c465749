import { UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Col, DatePicker, Descriptions, Form, Input, InputNumber, Progress, Result, Row, Space, Statistic, Tree, Typography, Upload } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Organ, apiGet, apiSend } from '../../api';
import type { PageProps } from '../../pages';
import { Problem } from './common';
import './words';

interface PlannedCommand {
  type: 'RegisterOrgan' | 'SetQuota';
  commandId: string;
  organId: string;
  data: { organId: string; name?: string; level?: string; parentId?: string | null; headcount?: number };
}
interface DryRun {
  dryRun: true;
  sha256: string;
  organs: number;
  quotas: number;
  commands: PlannedCommand[];
}
interface Report {
  dryRun: false;
  sha256: string;
  organs: { registered: number; recorded: number };
  quotas: { set: number; recorded: number };
  refused: Array<{ organId: string; code: string; message: { zh: string; en: string } }>;
  headPosition: number;
}
interface Options {
  quota?: number | null;
  quotaDocument?: string;
  effectiveDate?: Dayjs | null;
}

interface TreeNode {
  key: string;
  title: string;
  children: TreeNode[];
}

/**
 * The first start of an empty deployment: a region organ file (the format of inner-mongolia-organs.json) previewed
 * by the API's dry run (POST /api/admin/init?dryRun=true: the commands it would record, the same plan as
 * `auxledger init`), then run, its progress read from the organ list as it fills.
 */
export function FirstStart({ go, organs }: PageProps) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const [form] = Form.useForm<Options>();
  const [fileName, setFileName] = useState<string | null>(null);
  const [file, setFile] = useState<unknown>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [plan, setPlan] = useState<DryRun | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [running, setRunning] = useState(false);
  const [registered, setRegistered] = useState(0);
  const [report, setReport] = useState<Report | null>(null);
  const polling = useRef<number | null>(null);
  useEffect(() => () => void (polling.current !== null && window.clearInterval(polling.current)), []);

  const read = async (chosen: File) => {
    setPlan(null);
    setReport(null);
    setError(null);
    setFileName(chosen.name);
    try {
      setFile(JSON.parse(await chosen.text()));
      setFileError(null);
    } catch (e) {
      setFile(null);
      setFileError(t('admin.firstStart.notJson', { message: e instanceof Error ? e.message : String(e) }));
    }
  };
  const query = (values: Options, dryRun: boolean) => {
    const search = new URLSearchParams();
    if (dryRun) search.set('dryRun', 'true');
    if (values.quota !== undefined && values.quota !== null) {
      search.set('quota', String(values.quota));
      search.set('quotaDocument', (values.quotaDocument ?? '').trim());
    }
    if (values.effectiveDate) search.set('effectiveDate', values.effectiveDate.format('YYYY-MM-DD'));
    return `/api/admin/init?${search.toString()}`;
  };
  const preview = async () => {
    const values = await form.validateFields().catch(() => null);
    if (!values || file === null) return;
    setBusy(true);
    setError(null);
    setReport(null);
    try {
      setPlan(await apiSend<DryRun>('POST', query(values, true), file));
    } catch (e) {
      setPlan(null);
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const run = async () => {
    const values = await form.validateFields().catch(() => null);
    if (!values || file === null || plan === null) return;
    setRunning(true);
    setError(null);
    setRegistered(0);
    // Progress: the organ list as the read side fills (the run itself is one request).
    polling.current = window.setInterval(() => {
      apiGet<{ organs: Organ[] }>('/api/organs')
        .then((a) => setRegistered((n) => Math.max(n, a.organs.length)))
        .catch(() => undefined);
    }, 400);
    try {
      const answer = await apiSend<Report>('POST', query(values, false), file);
      await apiGet(`/api/organs?minPosition=${answer.headPosition}`);
      setRegistered(plan.organs);
      setReport(answer);
      // Stay on this page while the app learns that the deployment now has organs.
      go('first-start');
      await client.invalidateQueries();
    } catch (e) {
      setError(e);
    } finally {
      if (polling.current !== null) window.clearInterval(polling.current);
      polling.current = null;
      setRunning(false);
    }
  };

  const tree = useMemo(() => {
    if (!plan) return [];
    const nodes = new Map<string, TreeNode>();
    const roots: TreeNode[] = [];
    for (const c of plan.commands) {
      if (c.type !== 'RegisterOrgan') continue;
      const node = { key: c.organId, title: `${c.data.name ?? c.organId}（${c.organId}）`, children: [] };
      nodes.set(c.organId, node);
      const parent = c.data.parentId ? nodes.get(c.data.parentId) : undefined;
      (parent ? parent.children : roots).push(node);
    }
    return roots;
  }, [plan]);
  const byLevel = (level: string) => plan?.commands.filter((c) => c.type === 'RegisterOrgan' && c.data.level === level).length ?? 0;
  const n = (v: number) => v.toLocaleString(i18n.language);

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="page-first-start">
      <Alert type="info" showIcon message={t('admin.firstStart.title')} description={organs.length === 0 ? t('admin.firstStart.hint') : t('admin.firstStart.again', { count: organs.length })} />
      <Card size="small">
        <Form form={form} name="init" layout="vertical" data-testid="first-start-form" onValuesChange={() => setPlan(null)}>
          <Form.Item label={t('admin.firstStart.file')} required>
            <Space wrap>
              <Upload
                accept=".json,application/json"
                showUploadList={false}
                maxCount={1}
                beforeUpload={(chosen) => {
                  void read(chosen);
                  return false;
                }}
              >
                <Button icon={<UploadOutlined />} data-testid="organs-file-button">
                  {t('admin.firstStart.choose')}
                </Button>
              </Upload>
              {fileName ? <Typography.Text data-testid="organs-file-name">{fileName}</Typography.Text> : null}
            </Space>
            {fileError ? <Alert style={{ marginTop: 8 }} type="error" showIcon message={fileError} data-testid="organs-file-error" /> : null}
          </Form.Item>
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item name="quota" label={t('admin.firstStart.quota')} extra={t('admin.firstStart.quotaHint')}>
                <InputNumber min={0} max={100_000} precision={0} style={{ width: '100%' }} data-testid="init-quota" />
              </Form.Item>
            </Col>
            <Col xs={24} md={10}>
              <Form.Item
                name="quotaDocument"
                label={t('admin.firstStart.quotaDocument')}
                dependencies={['quota']}
                rules={[
                  ({ getFieldValue }) => ({
                    validator: (_, value: string | undefined) =>
                      getFieldValue('quota') === undefined || getFieldValue('quota') === null || (value ?? '').trim()
                        ? Promise.resolve()
                        : Promise.reject(new Error(t('admin.firstStart.quotaDocumentRequired'))),
                  }),
                ]}
              >
                <Input maxLength={200} placeholder="内公辅额〔2026〕1号" data-testid="init-quota-document" />
              </Form.Item>
            </Col>
            <Col xs={24} md={6}>
              <Form.Item name="effectiveDate" label={t('admin.firstStart.effectiveDate')} extra={t('admin.firstStart.effectiveDateHint')}>
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
          <Space>
            <Button onClick={preview} loading={busy} disabled={file === null || running} data-testid="init-preview">
              {t('admin.firstStart.preview')}
            </Button>
            <Button type="primary" onClick={run} loading={running} disabled={plan === null || report !== null} data-testid="init-run">
              {t('admin.firstStart.run')}
            </Button>
          </Space>
        </Form>
      </Card>
      <Problem error={error} testId="init-problem" />
      {plan ? (
        <Card size="small" title={t('admin.firstStart.previewTitle')} data-testid="init-plan">
          <Row gutter={16}>
            <Col xs={12} md={6}>
              <Statistic title={t('admin.firstStart.organsCount')} value={n(plan.organs)} valueRender={(v) => <span data-testid="plan-organs">{v}</span>} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title={t('admin.firstStart.quotasCount')} value={n(plan.quotas)} valueRender={(v) => <span data-testid="plan-quotas">{v}</span>} />
            </Col>
            <Col xs={24} md={12}>
              <Descriptions size="small" column={1}>
                <Descriptions.Item label={t('admin.firstStart.regions')}>{n(byLevel('REGION'))}</Descriptions.Item>
                <Descriptions.Item label={t('admin.firstStart.cities')}>{n(byLevel('CITY'))}</Descriptions.Item>
                <Descriptions.Item label={t('admin.firstStart.counties')}>{n(byLevel('COUNTY'))}</Descriptions.Item>
                <Descriptions.Item label={t('admin.firstStart.sha')}>
                  <Typography.Text code style={{ fontSize: 12 }}>
                    {plan.sha256}
                  </Typography.Text>
                </Descriptions.Item>
              </Descriptions>
            </Col>
          </Row>
          <div style={{ maxHeight: 360, overflow: 'auto', marginTop: 8 }} data-testid="plan-tree">
            <Tree treeData={tree} defaultExpandedKeys={tree.map((r) => r.key)} selectable={false} />
          </div>
        </Card>
      ) : null}
      {running || report ? (
        <Card size="small" data-testid="init-progress">
          <Progress
            percent={plan ? Math.round((Math.min(registered, plan.organs) / plan.organs) * 100) : 0}
            status={running ? 'active' : report && report.refused.length === 0 ? 'success' : 'exception'}
          />
          <Typography.Text aria-live="polite">
            {running ? t('admin.firstStart.running') : null} {plan ? t('admin.firstStart.progress', { done: Math.min(registered, plan.organs), total: plan.organs }) : null}
          </Typography.Text>
        </Card>
      ) : null}
      {report ? (
        <Result
          status="success"
          data-testid="init-done"
          title={t('admin.firstStart.done')}
          subTitle={t('admin.firstStart.outcome', { registered: report.organs.registered, recorded: report.organs.recorded, set: report.quotas.set, quotaRecorded: report.quotas.recorded })}
          extra={
            <Button type="primary" onClick={() => go('organs')} data-testid="init-to-organs">
              {t('admin.firstStart.toOrgans')}
            </Button>
          }
        />
      ) : null}
    </Space>
  );
}
