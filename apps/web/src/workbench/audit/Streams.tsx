import { Alert, Button, Card, Descriptions, Input, Space, Table, Tag, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PageProps } from '../../pages';
import { useGet } from '../../queries';
import './words';

interface StreamSummary {
  streamId: string;
  streamType: string;
  events: number;
  lastRevision: number;
  lastType: string;
  lastPosition: number;
  firstRecordedAt: string;
  lastRecordedAt: string;
}
interface StreamsAnswer {
  asOfPosition: number;
  streams: StreamSummary[];
  next: string | null;
}
export interface StreamEvent {
  eventId: string;
  streamRevision: number;
  globalPosition: number;
  type: string;
  schemaVersion: number;
  data: unknown;
  withheld: string[];
  commandId: string;
  commandType: string | null;
  correlationId: string;
  causationId: string;
  actor: { id: string; role: string; organId: string | null };
  effectiveDate: string;
  recordedAt: string;
  ruleSetRevision: string | null;
  hash: string;
  prevHash: string | null;
}
interface EventsAnswer {
  streamId: string;
  events: StreamEvent[];
  next: number | null;
}

const STREAM_ID = /^[A-Za-z0-9._:-]{1,200}$/;
const PAGE = 100;
const short = (hash: string | null) => (hash ? `${hash.slice(0, 12)}…` : '—');

/** The stream browser: streams by id prefix (GET /api/streams), and any stream's events in order with their metadata and hash chain (GET /api/streams/:id/events). */
export function Streams({ params, go }: PageProps) {
  const { t } = useTranslation();
  const [prefix, setPrefix] = useState(params['prefix'] ?? '');
  const [listCursors, setListCursors] = useState<Array<string | null>>([null]);
  const listCursor = listCursors[listCursors.length - 1] ?? null;
  const listQuery = new URLSearchParams({ limit: '20', ...(STREAM_ID.test(prefix) ? { prefix } : {}), ...(listCursor ? { cursor: listCursor } : {}) });
  const streams = useGet<StreamsAnswer>(`/api/streams?${listQuery.toString()}`);
  const streamId = params['id'] && STREAM_ID.test(params['id']) ? params['id'] : null;
  const [typed, setTyped] = useState(streamId ?? '');
  const [from, setFrom] = useState(0);
  const events = useGet<EventsAnswer>(streamId ? `/api/streams/${encodeURIComponent(streamId)}/events?fromRevision=${from}&limit=${PAGE}` : null);
  const open = (id: string) => {
    setFrom(0);
    setTyped(id);
    go('stream', { id, ...(prefix ? { prefix } : {}) });
  };
  const list = events.data?.events ?? [];
  const broken = list.find((e, i) => i > 0 && e.prevHash !== list[i - 1]?.hash);

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="page-stream">
      <Typography.Paragraph type="secondary">{t('audit.stream.hint')}</Typography.Paragraph>
      <Card size="small" title={t('audit.stream.list')}>
        <Space wrap style={{ marginBottom: 8 }}>
          <span data-testid="stream-prefix">
            <Input.Search
              style={{ width: 320 }}
              allowClear
              defaultValue={prefix}
              placeholder={t('audit.stream.prefixPlaceholder')}
              aria-label={t('audit.stream.prefix')}
              onSearch={(v) => {
                setPrefix(v.trim());
                setListCursors([null]);
              }}
            />
          </span>
          <span data-testid="stream-id">
            <Input.Search
              style={{ width: 360 }}
              value={typed}
              onChange={(e) => setTyped(e.target.value)}
              enterButton={t('audit.stream.show')}
              placeholder={t('audit.stream.id')}
              aria-label={t('audit.stream.id')}
              onSearch={(v) => STREAM_ID.test(v.trim()) && open(v.trim())}
            />
          </span>
        </Space>
        <Table<StreamSummary>
          data-testid="streams-table"
          size="small"
          rowKey="streamId"
          loading={streams.isFetching}
          dataSource={streams.data?.streams ?? []}
          pagination={false}
          onRow={(s) => ({ 'data-stream': s.streamId }) as React.HTMLAttributes<HTMLElement>}
          rowClassName={(s) => (s.streamId === streamId ? 'ant-table-row-selected' : '')}
          columns={[
            {
              title: t('audit.stream.streamId'),
              dataIndex: 'streamId',
              render: (id: string) => (
                <Typography.Link onClick={() => open(id)} data-testid={`open-${id}`}>
                  {id}
                </Typography.Link>
              ),
            },
            { title: t('audit.stream.events'), dataIndex: 'events', align: 'right' },
            { title: t('audit.stream.lastType'), dataIndex: 'lastType' },
            { title: t('audit.stream.lastRecordedAt'), dataIndex: 'lastRecordedAt', render: (at: string) => dayjs(at).format('YYYY-MM-DD HH:mm:ss') },
          ]}
        />
        <Space style={{ marginTop: 8 }}>
          <Button size="small" disabled={listCursors.length === 1} onClick={() => setListCursors((c) => c.slice(0, -1))}>
            ←
          </Button>
          <Button size="small" disabled={!streams.data?.next} onClick={() => streams.data?.next && setListCursors((c) => [...c, streams.data?.next as string])} data-testid="streams-next">
            →
          </Button>
        </Space>
      </Card>
      {streamId === null ? (
        <Alert type="info" showIcon message={t('audit.stream.none')} />
      ) : (
        <Card
          size="small"
          title={
            <span>
              {t('audit.stream.id')}:{' '}
              <Typography.Text code data-testid="stream-shown">
                {streamId}
              </Typography.Text>
            </span>
          }
          extra={
            list.length > 1 ? (
              <Tooltip title={t('audit.stream.chain')}>
                {broken ? (
                  <Tag color="red">{t('audit.stream.chainBroken', { revision: broken.streamRevision })}</Tag>
                ) : (
                  <Tag color="green" data-testid="chain-ok">
                    {t('audit.stream.chainOk')}
                  </Tag>
                )}
              </Tooltip>
            ) : null
          }
        >
          {events.error ? <Alert type="error" showIcon message={String((events.error as Error).message)} data-testid="stream-error" /> : null}
          <Table<StreamEvent>
            data-testid="stream-events"
            size="small"
            rowKey="eventId"
            loading={events.isFetching}
            dataSource={list}
            pagination={false}
            scroll={{ x: 1200 }}
            onRow={(e) => ({ 'data-revision': e.streamRevision, 'data-position': e.globalPosition }) as React.HTMLAttributes<HTMLElement>}
            expandable={{
              expandedRowRender: (e) => (
                <Descriptions size="small" column={1} bordered>
                  <Descriptions.Item label={t('audit.stream.data')}>
                    <pre style={{ margin: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-all', fontSize: 12 }}>{JSON.stringify(e.data, null, 2)}</pre>
                  </Descriptions.Item>
                  {e.withheld.length > 0 ? <Descriptions.Item label={t('audit.stream.withheld')}>{e.withheld.join(', ')}</Descriptions.Item> : null}
                  <Descriptions.Item label={t('audit.stream.command')}>
                    {e.commandType ?? '—'} <Typography.Text code>{e.commandId}</Typography.Text>
                  </Descriptions.Item>
                  <Descriptions.Item label={t('audit.stream.correlation')}>
                    <Typography.Text code>{e.correlationId}</Typography.Text>
                  </Descriptions.Item>
                  <Descriptions.Item label={t('audit.stream.causation')}>
                    <Typography.Text code>{e.causationId}</Typography.Text>
                  </Descriptions.Item>
                  <Descriptions.Item label={t('audit.stream.hash')}>
                    <Typography.Text code copyable>
                      {e.hash}
                    </Typography.Text>
                  </Descriptions.Item>
                  <Descriptions.Item label={t('audit.stream.prevHash')}>
                    <Typography.Text code>{e.prevHash ?? '—'}</Typography.Text>
                  </Descriptions.Item>
                </Descriptions>
              ),
            }}
            columns={[
              { title: t('audit.stream.revision'), dataIndex: 'streamRevision', width: 60 },
              { title: t('audit.stream.position'), dataIndex: 'globalPosition', width: 80 },
              {
                title: t('audit.stream.type'),
                dataIndex: 'type',
                render: (type: string, e) => (
                  <span>
                    <Typography.Text strong>{type}</Typography.Text> <Typography.Text type="secondary">v{e.schemaVersion}</Typography.Text>
                  </span>
                ),
              },
              { title: t('audit.stream.effective'), dataIndex: 'effectiveDate', width: 105 },
              { title: t('audit.stream.recordedAt'), dataIndex: 'recordedAt', width: 160, render: (at: string) => dayjs(at).format('YYYY-MM-DD HH:mm:ss') },
              {
                title: t('audit.stream.actor'),
                key: 'actor',
                render: (_: unknown, e) => (
                  <span>
                    <Typography.Text code>{e.actor.id}</Typography.Text> <Tag>{e.actor.role}</Tag>
                    {e.actor.organId ?? ''}
                  </span>
                ),
              },
              { title: t('audit.stream.command'), dataIndex: 'commandType', render: (c: string | null) => c ?? '—' },
              { title: t('audit.stream.ruleSet'), dataIndex: 'ruleSetRevision', render: (r: string | null) => r ?? '—' },
              {
                title: t('audit.stream.hash'),
                dataIndex: 'hash',
                render: (h: string) => (
                  <Tooltip title={h}>
                    <Typography.Text code>{short(h)}</Typography.Text>
                  </Tooltip>
                ),
              },
            ]}
          />
          <Space style={{ marginTop: 8 }}>
            <Button size="small" disabled={from === 0} onClick={() => setFrom(0)}>
              ⇤
            </Button>
            <Button
              size="small"
              disabled={events.data?.next === null || events.data?.next === undefined}
              onClick={() => events.data?.next != null && setFrom(events.data.next)}
              data-testid="stream-more"
            >
              {t('audit.stream.more')}
            </Button>
          </Space>
        </Card>
      )}
    </Space>
  );
}
