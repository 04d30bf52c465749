import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiSend } from '../../api';
import type { PageProps } from '../../pages';
import { useGet } from '../../queries';
import { Problem } from '../admin/common';
import './words';

interface VerificationRun {
  id: string;
  startedAt: string;
  finishedAt: string;
  by: { keyId: string; name: string; role: string };
  ok: boolean;
  headPosition: number;
  eventsChecked: number;
  streamsChecked?: number;
  treeSize: number;
  rootHash: string;
  againstCheckpoint?: { treeSize: number; rootHash: string; signedAt: string; matches: boolean } | null;
  storedTree?: 'compared' | 'none';
  problems: Array<{ kind: string; message: string; globalPosition: number | null; streamId: string | null }>;
}
interface VerificationState {
  lastRun: VerificationRun | null;
  checkpoint: { treeSize: number; rootHash: string; signedAt: string } | null;
}
interface Checkpoint {
  checkpoint: string;
  origin: string;
  treeSize: number;
  rootHash: string;
  signedAt: string;
  publicKey: string;
}

const STATE = '/api/log/verification';
const CHECKPOINT = '/api/log/checkpoint';
const at = (instant: string) => dayjs(instant).format('YYYY-MM-DD HH:mm:ss');

/** The verification state (GET /api/log/verification): the last run and the latest signed checkpoint (GET /api/log/checkpoint); a run now (POST /api/log/verify). */
export function Verification({ go }: PageProps) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const state = useGet<VerificationState>(STATE);
  const checkpoint = useGet<Checkpoint>(CHECKPOINT);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = state.data?.lastRun ?? null;
  const n = (v: number) => v.toLocaleString(i18n.language);

  const verify = async () => {
    setBusy(true);
    setError(null);
    try {
      await apiSend('POST', '/api/log/verify');
      await client.invalidateQueries({ queryKey: [STATE] });
      await client.invalidateQueries({ queryKey: [CHECKPOINT] });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="page-verification">
      <Typography.Paragraph type="secondary">{t('audit.verification.hint')}</Typography.Paragraph>
      <Card
        size="small"
        title={t('audit.verification.lastRun')}
        extra={
          <Button type="primary" icon={<SafetyCertificateOutlined />} loading={busy} onClick={verify} data-testid="verify-now">
            {busy ? t('audit.verification.verifying') : t('audit.verification.verifyNow')}
          </Button>
        }
      >
        <Problem error={error ?? state.error} testId="verification-problem" />
        {run === null ? (
          <Alert type="warning" showIcon message={t('audit.verification.never')} data-testid="never-verified" />
        ) : (
          <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered data-testid="last-run">
            <Descriptions.Item label={t('audit.verification.lastRun')}>
              {run.ok ? (
                <Tag color="green" data-testid="run-ok">
                  {t('audit.verification.ok')}
                </Tag>
              ) : (
                <Tag color="red" data-testid="run-broken">
                  {t('audit.verification.broken')}
                </Tag>
              )}
            </Descriptions.Item>
            <Descriptions.Item label={t('audit.verification.by')}>
              {run.by.name} <Tag>{run.by.role}</Tag> <Typography.Text code>{run.by.keyId}</Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('audit.verification.startedAt')}>{at(run.startedAt)}</Descriptions.Item>
            <Descriptions.Item label={t('audit.verification.finishedAt')}>{at(run.finishedAt)}</Descriptions.Item>
            <Descriptions.Item label={t('audit.verification.headPosition')}>{n(run.headPosition)}</Descriptions.Item>
            <Descriptions.Item label={t('audit.verification.eventsChecked')}>
              <span data-testid="events-checked">{n(run.eventsChecked)}</span>
            </Descriptions.Item>
            {run.streamsChecked !== undefined ? <Descriptions.Item label={t('audit.verification.streamsChecked')}>{n(run.streamsChecked)}</Descriptions.Item> : null}
            <Descriptions.Item label={t('audit.verification.treeSize')}>{n(run.treeSize)}</Descriptions.Item>
            <Descriptions.Item label={t('audit.verification.rootHash')} span={2}>
              <Typography.Text code copyable>
                {run.rootHash}
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('audit.verification.against')} span={2}>
              {run.againstCheckpoint ? (
                <span>
                  {n(run.againstCheckpoint.treeSize)} · {at(run.againstCheckpoint.signedAt)}{' '}
                  {run.againstCheckpoint.matches ? <Tag color="green">{t('audit.verification.matches')}</Tag> : <Tag color="red">{t('audit.verification.differs')}</Tag>}
                </span>
              ) : (
                t('audit.verification.noCheckpointCompared')
              )}
            </Descriptions.Item>
            {run.storedTree ? (
              <Descriptions.Item label={t('audit.verification.storedTree')} span={2}>
                {run.storedTree === 'compared' ? t('audit.verification.compared') : t('audit.verification.notCompared')}
              </Descriptions.Item>
            ) : null}
          </Descriptions>
        )}
        {run && run.problems.length > 0 ? (
          <Table
            style={{ marginTop: 12 }}
            size="small"
            rowKey={(p) => `${p.kind}-${p.globalPosition ?? ''}-${p.streamId ?? ''}-${p.message}`}
            dataSource={run.problems}
            pagination={false}
            title={() => t('audit.verification.problems')}
            columns={[
              { title: 'kind', dataIndex: 'kind' },
              { title: t('audit.stream.position'), dataIndex: 'globalPosition', render: (p: number | null) => p ?? '—' },
              { title: t('audit.stream.streamId'), dataIndex: 'streamId', render: (s: string | null) => (s ? <Typography.Link onClick={() => go('stream', { id: s })}>{s}</Typography.Link> : '—') },
              { title: '', dataIndex: 'message' },
            ]}
          />
        ) : null}
      </Card>
      <Card size="small" title={t('audit.verification.checkpoint')} data-testid="checkpoint">
        {checkpoint.data ? (
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={t('audit.verification.treeSize')}>
              <span data-testid="checkpoint-size">{n(checkpoint.data.treeSize)}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('audit.verification.rootHash')}>
              <Typography.Text code>{checkpoint.data.rootHash}</Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('audit.verification.signedAt')}>{at(checkpoint.data.signedAt)}</Descriptions.Item>
            <Descriptions.Item label={t('audit.verification.note')}>
              <Typography.Paragraph copyable style={{ margin: 0 }}>
                <pre style={{ margin: 0, fontSize: 12, whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>{checkpoint.data.checkpoint}</pre>
              </Typography.Paragraph>
            </Descriptions.Item>
            <Descriptions.Item label={t('audit.verification.publicKey')}>
              <Typography.Text code copyable>
                {checkpoint.data.publicKey}
              </Typography.Text>
            </Descriptions.Item>
          </Descriptions>
        ) : state.data?.checkpoint ? (
          <Typography.Text>
            {n(state.data.checkpoint.treeSize)} · {state.data.checkpoint.rootHash} · {at(state.data.checkpoint.signedAt)}
          </Typography.Text>
        ) : checkpoint.error ? (
          <Problem error={checkpoint.error} testId="checkpoint-problem" />
        ) : (
          <Typography.Text type="secondary">{t('audit.verification.noCheckpoint')}</Typography.Text>
        )}
      </Card>
    </Space>
  );
}
