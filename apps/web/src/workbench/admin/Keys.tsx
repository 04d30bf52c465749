import { KeyOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag, TreeSelect, Typography, message as antMessage } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Me, apiSend } from '../../api';
import type { PageProps } from '../../pages';
import { useGet } from '../../queries';
import { Problem, organTreeData } from './common';
import './words';

export interface ApiKeyRow {
  id: string;
  name: string;
  role: Me['role'];
  organIds: string[];
  createdAt: string;
  createdBy: string | null;
  revokedAt: string | null;
}

const ROLES: ReadonlyArray<Me['role']> = ['operator', 'auditor', 'viewer', 'admin'];
const KEYS = '/api/keys';

/** API keys: every key (never the secret), a new one with its role and organ scope shown once, revocation. */
export function Keys({ organs }: PageProps) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const keys = useGet<ApiKeyRow[]>(KEYS);
  const [form] = Form.useForm<{ name: string; role: Me['role']; organIds?: string[] }>();
  const role = Form.useWatch('role', form);
  const [busy, setBusy] = useState(false);
  const [createError, setCreateError] = useState<unknown>(null);
  const [revokeError, setRevokeError] = useState<unknown>(null);
  const [created, setCreated] = useState<(ApiKeyRow & { key: string }) | null>(null);
  const [copied, setCopied] = useState(false);
  const [message, messages] = antMessage.useMessage();
  const tree = useMemo(() => organTreeData(organs), [organs]);
  const organName = useMemo(() => new Map(organs.map((o) => [o.organ_id, o.name])), [organs]);

  const create = async (values: { name: string; role: Me['role']; organIds?: string[] }) => {
    setBusy(true);
    setCreateError(null);
    try {
      const body = { name: values.name.trim(), role: values.role, ...(values.role === 'operator' ? { organIds: values.organIds ?? [] } : {}) };
      setCreated(await apiSend<ApiKeyRow & { key: string }>('POST', KEYS, body));
      setCopied(false);
      form.resetFields();
      await client.invalidateQueries({ queryKey: [KEYS] });
    } catch (e) {
      setCreateError(e);
    } finally {
      setBusy(false);
    }
  };
  const revoke = async (row: ApiKeyRow) => {
    setRevokeError(null);
    try {
      await apiSend('DELETE', `${KEYS}/${encodeURIComponent(row.id)}`);
      void message.success(t('admin.keys.revokedOk', { id: row.id }));
      await client.invalidateQueries({ queryKey: [KEYS] });
    } catch (e) {
      setRevokeError(e);
    }
  };
  const copy = async () => {
    if (!created) return;
    try {
      await navigator.clipboard.writeText(created.key);
      setCopied(true);
    } catch {
      // Clipboard refused (an insecure origin): the key stays selectable in the field.
      setCopied(false);
    }
  };

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="page-keys">
      {messages}
      <Typography.Paragraph type="secondary">{t('admin.keys.hint')}</Typography.Paragraph>
      <Card size="small" title={t('admin.keys.create')}>
        <Form form={form} name="key" layout="inline" onFinish={create} initialValues={{ role: 'operator' }} data-testid="key-form" style={{ rowGap: 8 }}>
          <Form.Item name="name" label={t('admin.keys.name')} rules={[{ required: true, whitespace: true, message: t('admin.keys.nameRequired') }]}>
            <Input style={{ width: 260 }} placeholder={t('admin.keys.namePlaceholder')} maxLength={200} data-testid="key-name" />
          </Form.Item>
          <Form.Item name="role" label={t('admin.keys.role')} rules={[{ required: true }]}>
            <Select style={{ width: 140 }} data-testid="key-role" options={ROLES.map((r) => ({ value: r, label: t(`admin.keys.roles.${r}`) }))} />
          </Form.Item>
          {role === 'operator' ? (
            <Form.Item name="organIds" label={t('admin.keys.organs')} rules={[{ required: true, type: 'array', min: 1, message: t('admin.keys.organsRequired') }]}>
              <TreeSelect
                data-testid="key-organs"
                style={{ width: 320 }}
                treeData={tree}
                multiple
                showSearch
                treeNodeFilterProp="title"
                treeDefaultExpandedKeys={tree.map((n) => n.value)}
                placeholder={t('admin.keys.organs')}
              />
            </Form.Item>
          ) : null}
          <Form.Item>
            <Button type="primary" htmlType="submit" icon={<KeyOutlined />} loading={busy} data-testid="key-create">
              {t('admin.keys.submit')}
            </Button>
          </Form.Item>
        </Form>
        {createError ? (
          <div style={{ marginTop: 12 }}>
            <Problem error={createError} testId="key-create-problem" />
          </div>
        ) : null}
      </Card>
      {revokeError ? <Problem error={revokeError} testId="key-revoke-problem" /> : null}
      <Table<ApiKeyRow>
        data-testid="keys-table"
        rowKey="id"
        size="small"
        loading={keys.isLoading}
        dataSource={keys.data ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        columns={[
          { title: t('admin.keys.id'), dataIndex: 'id', render: (id: string) => <Typography.Text code>{id}</Typography.Text> },
          { title: t('admin.keys.name'), dataIndex: 'name' },
          { title: t('admin.keys.role'), dataIndex: 'role', render: (r: Me['role']) => <Tag>{t(`admin.keys.roles.${r}`)}</Tag> },
          {
            title: t('admin.keys.organs'),
            dataIndex: 'organIds',
            render: (ids: string[], row) =>
              row.role === 'operator' ? ids.map((id) => <Tag key={id}>{organName.get(id) ?? id}</Tag>) : <Typography.Text type="secondary">{t('admin.keys.everyOrgan')}</Typography.Text>,
          },
          { title: t('admin.keys.createdAt'), dataIndex: 'createdAt', render: (at: string) => dayjs(at).format('YYYY-MM-DD HH:mm') },
          { title: t('admin.keys.createdBy'), dataIndex: 'createdBy', render: (by: string | null) => by ?? '—' },
          {
            title: t('admin.keys.status'),
            dataIndex: 'revokedAt',
            render: (at: string | null) =>
              at ? <Tag color="default">{t('admin.keys.revoked', { at: dayjs(at).format('YYYY-MM-DD HH:mm') })}</Tag> : <Tag color="green">{t('admin.keys.active')}</Tag>,
          },
          {
            title: t('admin.keys.actions'),
            key: 'actions',
            render: (_: unknown, row) =>
              row.revokedAt ? null : (
                <Popconfirm
                  title={t('admin.keys.revokeConfirm', { name: row.name })}
                  onConfirm={() => revoke(row)}
                  okButtonProps={{ danger: true, 'data-testid': 'revoke-confirm' } as { danger: boolean }}
                >
                  <Button size="small" danger data-testid={`revoke-${row.id}`}>
                    {t('admin.keys.revoke')}
                  </Button>
                </Popconfirm>
              ),
          },
        ]}
      />
      {/* Mounted only while the key is shown: closed, the key is nowhere in the page. */}
      {created ? (
        <Modal
          open
          title={t('admin.keys.created')}
          closable={false}
          maskClosable={false}
          onCancel={() => setCreated(null)}
          footer={
            <Button type="primary" onClick={() => setCreated(null)} data-testid="key-close">
              {t('admin.keys.close')}
            </Button>
          }
        >
          <Space direction="vertical" style={{ width: '100%' }}>
            <Alert type="warning" showIcon message={t('admin.keys.createdHint')} />
            <Typography.Text>
              {created.name} · {t(`admin.keys.roles.${created.role}`)} · <Typography.Text code>{created.id}</Typography.Text>
            </Typography.Text>
            <Space.Compact style={{ width: '100%' }}>
              <Input readOnly value={created.key} data-testid="new-key" onFocus={(e) => e.target.select()} />
              <Button onClick={copy} data-testid="copy-key">
                {copied ? t('admin.keys.copied') : t('admin.keys.copy')}
              </Button>
            </Space.Compact>
          </Space>
        </Modal>
      ) : null}
    </Space>
  );
}
