import { DownloadOutlined, TableOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api';
import { toCsv } from '../csv';
import { type ChartOption, useECharts } from './useECharts';

export interface DataColumn<R> {
  key: keyof R & string;
  title: string;
  /** A number column: right-aligned, in the CSV as a number. */
  numeric?: boolean;
  render?: (row: R) => ReactNode;
}

interface Props<R> {
  id: string;
  title: string;
  /** The API query that produced the data: shown, linked and in the CSV's name. */
  path: string;
  option: ChartOption | null;
  rows: R[] | null;
  rowKey: keyof R & string;
  columns: DataColumn<R>[];
  /** The date the answer is for (the answer's asOf): the page says which answer it shows. */
  asOf: string | undefined;
  loading: boolean;
  error: unknown;
  height?: number;
  extra?: ReactNode;
}

/** A chart with its data: "view data" opens the table of what is drawn, "CSV" downloads it, and the query is shown and linked. */
export function ChartCard<R extends Record<string, unknown>>(props: Props<R>) {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState(false);
  const chartRef = useECharts(props.rows && props.rows.length > 0 ? props.option : null);
  const rows = props.rows ?? [];
  const csv = () => {
    const text = toCsv(
      props.columns.map((c) => c.title),
      rows.map((r) => props.columns.map((c) => (r[c.key] as string | number | null) ?? null)),
    );
    const a = document.createElement('a');
    a.href = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
    a.download = `${props.id}-${props.asOf ?? ''}.csv`;
    a.click();
    URL.revokeObjectURL(a.href);
  };
  const columns: ColumnsType<R> = props.columns.map((c) => ({
    key: c.key,
    dataIndex: c.key,
    title: c.title,
    align: c.numeric ? 'right' : 'left',
    render: (_: unknown, row: R) => (
      <span data-col={c.key}>{c.render ? c.render(row) : c.numeric ? Number(row[c.key] ?? 0).toLocaleString(i18n.language) : String(row[c.key] ?? '')}</span>
    ),
  }));
  const errorText =
    props.error instanceof ApiError ? (i18n.language === 'en' ? props.error.messages.en : props.error.messages.zh) : props.error ? String(props.error) : null;
  return (
    <div
      data-testid={`card-${props.id}`}
      data-asof={props.rows ? props.asOf : undefined}
      data-loaded={props.rows !== null && !props.loading ? 'true' : 'false'}
      data-rows={rows.length}
    >
      <Card
        title={props.title}
        size="small"
        extra={
          <Space size="small">
            {props.extra}
            <Button size="small" icon={<TableOutlined />} onClick={() => setOpen(!open)} data-testid={`view-data-${props.id}`}>
              {open ? t('card.hideData') : t('card.viewData')}
            </Button>
            <Button size="small" icon={<DownloadOutlined />} onClick={csv} disabled={rows.length === 0}>
              {t('card.csv')}
            </Button>
          </Space>
        }
      >
        {errorText ? <Alert type="error" showIcon message={t('card.error', { message: errorText })} /> : null}
        {props.rows !== null && rows.length === 0 ? <Empty description={t('card.empty')} /> : null}
        <div
          ref={chartRef}
          style={{
            height: props.height ?? 280,
            display: rows.length > 0 ? 'block' : 'none',
          }}
        />
        {open ? (
          <div data-testid={`table-${props.id}`}>
            <Table<R>
              size="small"
              rowKey={props.rowKey}
              columns={columns}
              dataSource={rows}
              pagination={false}
              scroll={rows.length > 20 ? { y: 480 } : undefined}
            />
          </div>
        ) : null}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('card.query')}:{' '}
          <Typography.Text
            code
            copyable={{
              text: `curl -H "Authorization: Bearer $KEY" '${location.origin}${props.path}'`,
            }}
            data-testid={`query-${props.id}`}
          >
            GET {decodeURIComponent(props.path)}
          </Typography.Text>
        </Typography.Text>
      </Card>
    </div>
  );
}
