import { Button, Card, Input, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useContext, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CatalogContext, useLabels } from '../../labels';
import type { PageProps } from '../../pages';
import { useGet } from '../../queries';
import { FILL, QueryError, hrefOf, organNameOf, personName } from './common';
import type { RosterAnswer, RosterEntry } from './types';

export const STATUS_COLOR: Record<string, string> = { ON_PROBATION: 'blue', ACTIVE: 'green', SUSPENDED: 'orange', DEPARTED: 'default' };
const PAGE_SIZES = [20, 50, 100];
/** A duty's words are its article's list of tasks: one line each, the whole on hover. */
const DUTY_TAG = { maxWidth: 290, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', display: 'inline-block', verticalAlign: 'bottom' } as const;

/** A date that comes soon after the as-of date (within `days`) is marked; one before it, muted. */
export function DueDate({ date, asOf, days, testId }: { date: string | null; asOf: string; days: number; testId?: string }) {
  if (date === null) return <span data-testid={testId}>—</span>;
  const left = dayjs(date).diff(dayjs(asOf), 'day');
  const color = left < 0 ? undefined : left <= days ? 'orange' : undefined;
  return color ? (
    <Tag color={color} data-testid={testId}>
      {date}
    </Tag>
  ) : (
    <Typography.Text type={left < 0 ? 'secondary' : undefined} data-testid={testId}>
      {date}
    </Typography.Text>
  );
}

/**
 * 花名册: the auxiliaries whose using organ is the header's organ (and, by default, those under it) as of the header's
 * date, with their level, status, duties and the ends of probation and contract; filtered by status, category, level
 * and a part of the id, a page at a time (the API's keyset paging). A row opens the person's file.
 */
export function Roster({ organId, asOf, knownAt, organs, me, params, go }: PageProps) {
  const { t } = useTranslation();
  const { label } = useLabels();
  const catalog = useContext(CatalogContext);
  const subtree = params['subtree'] !== 'false';
  const size = PAGE_SIZES.includes(Number(params['size'])) ? Number(params['size']) : 20;
  const filters = { status: params['status'], category: params['category'], level: params['level'], q: params['q'] };
  const [search, setSearch] = useState(filters.q ?? '');
  // The cursors of the pages before this one (keyset paging: the API answers `next`, never a page number).
  // A change of organ, date or filter starts again from the first page.
  const filterKey = JSON.stringify([organId, asOf, knownAt, subtree, size, filters]);
  const [paging, setPaging] = useState<{ key: string; cursors: string[] }>({ key: filterKey, cursors: [] });
  const cursors = paging.key === filterKey ? paging.cursors : [];
  const setCursors = (change: (c: string[]) => string[]) => setPaging({ key: filterKey, cursors: change(cursors) });
  const cursor = cursors[cursors.length - 1];

  const path = useMemo(() => {
    const q = new URLSearchParams({ organ: organId, subtree: String(subtree), asOf, limit: String(size) });
    if (knownAt) q.set('knownAt', knownAt);
    for (const [name, value] of Object.entries(filters)) if (value) q.set(name, value);
    if (cursor) q.set('cursor', cursor);
    return `/api/roster?${q.toString()}`;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [filterKey, cursor]);
  const roster = useGet<RosterAnswer>(path);
  const answer = roster.error ? undefined : roster.data;
  const entries = answer?.entries ?? [];
  const total = answer?.counts.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / size));

  const setFilter = (name: string, value: string | undefined) => {
    const next = { ...params };
    if (value) next[name] = value;
    else delete next[name];
    go('roster', next);
  };
  const open = (entry: RosterEntry) => go('person', { id: entry.auxiliary_id });
  const options = (table: 'rosterStatus' | 'category' | 'level') => Object.keys(catalog?.labels[table] ?? {}).map((code) => ({ value: code, label: label(table, code) }));

  const columns: ColumnsType<RosterEntry> = [
    {
      key: 'name',
      title: t('find.roster.name'),
      render: (_, e) => (
        <a
          href={hrefOf('person', { id: e.auxiliary_id }, organId, asOf)}
          onClick={(ev) => {
            ev.preventDefault();
            ev.stopPropagation();
            open(e);
          }}
          aria-label={t('find.roster.open', { name: personName(e.person, t) })}
          data-testid="roster-name"
        >
          {personName(e.person, t)}
        </a>
      ),
    },
    { key: 'id', title: t('find.roster.auxiliaryId'), dataIndex: 'auxiliary_id', render: (id: string) => <Typography.Text code>{id}</Typography.Text> },
    { key: 'organ', title: t('find.roster.organ'), render: (_, e) => <span data-testid="roster-organ">{organNameOf(organs, e.using_organ_id)}</span> },
    { key: 'category', title: t('find.roster.category'), render: (_, e) => <span data-testid="roster-category">{label('category', e.category)}</span> },
    { key: 'level', title: t('find.roster.level'), render: (_, e) => <span data-testid="roster-level">{label('level', e.level)}</span> },
    {
      key: 'status',
      title: t('find.roster.status'),
      render: (_, e) => (
        <Tag color={STATUS_COLOR[e.status]} data-testid="roster-status">
          {label('rosterStatus', e.status)}
        </Tag>
      ),
    },
    {
      key: 'duties',
      title: t('find.roster.duties'),
      render: (_, e) =>
        e.duty_codes.length === 0 ? (
          <Typography.Text type="secondary">—</Typography.Text>
        ) : (
          <Space size={[0, 4]} wrap data-testid="roster-duties" style={{ maxWidth: 300 }}>
            {e.duty_codes.map((d) => (
              <Tag key={d} title={label('duty', d)} style={DUTY_TAG}>
                {label('duty', d)}
              </Tag>
            ))}
          </Space>
        ),
    },
    { key: 'probation', title: t('find.roster.probationEnd'), render: (_, e) => <DueDate date={e.probation_last_day} asOf={asOf} days={30} /> },
    {
      key: 'contract',
      title: t('find.roster.contractEnd'),
      render: (_, e) => (e.contract_end_date === null ? <Typography.Text type="secondary">{t('find.roster.openEnded')}</Typography.Text> : <DueDate date={e.contract_end_date} asOf={asOf} days={90} />),
    },
  ];

  return (
    <div data-testid="view-roster" style={FILL}>
      <QueryError error={roster.error} me={me} organs={organs} go={go} />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Space wrap>
          <Select
            aria-label={t('find.roster.status')}
            data-testid="filter-status"
            style={{ minWidth: 140 }}
            allowClear
            placeholder={t('find.roster.anyStatus')}
            value={filters.status}
            options={options('rosterStatus')}
            onChange={(v?: string) => setFilter('status', v)}
          />
          <Select
            aria-label={t('find.roster.category')}
            data-testid="filter-category"
            style={{ minWidth: 140 }}
            allowClear
            placeholder={t('find.roster.anyCategory')}
            value={filters.category}
            options={options('category')}
            onChange={(v?: string) => setFilter('category', v)}
          />
          <Select
            aria-label={t('find.roster.level')}
            data-testid="filter-level"
            style={{ minWidth: 120 }}
            allowClear
            placeholder={t('find.roster.anyLevel')}
            value={filters.level}
            options={options('level')}
            onChange={(v?: string) => setFilter('level', v)}
          />
          <Input.Search
            aria-label={t('find.roster.search')}
            data-testid="filter-q"
            style={{ width: 220 }}
            allowClear
            placeholder={t('find.roster.search')}
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            onSearch={(v) => setFilter('q', v.trim() || undefined)}
          />
          <Space>
            <Switch checked={subtree} onChange={(on) => setFilter('subtree', on ? undefined : 'false')} aria-label={t('find.roster.subtree')} data-testid="filter-subtree" />
            <span>{t('find.roster.subtree')}</span>
          </Space>
          {Object.values(filters).some(Boolean) ? (
            <Button
              onClick={() => {
                setSearch('');
                go('roster', {});
              }}
            >
              {t('find.roster.clear')}
            </Button>
          ) : null}
        </Space>
      </Card>
      <Table<RosterEntry>
        data-testid="roster-table"
        data-loaded={!roster.isFetching && answer !== undefined ? 'true' : 'false'}
        data-path={roster.path}
        rowKey="auxiliary_id"
        size="middle"
        loading={roster.isFetching}
        columns={columns}
        dataSource={entries}
        pagination={false}
        locale={{ emptyText: roster.error ? ' ' : t('find.roster.empty') }}
        onRow={(e) => ({
          onClick: () => open(e),
          onKeyDown: (ev) => {
            if (ev.key === 'Enter' && ev.target === ev.currentTarget) open(e);
          },
          tabIndex: 0,
          style: { cursor: 'pointer' },
        })}
        scroll={{ x: 'max-content' }}
        footer={() => (
          <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
            <Space>
              <span data-testid="roster-total">{t('find.roster.total', { n: total })}</span>
              <Typography.Text type="secondary">{t('find.roster.page', { page: cursors.length + 1, pages })}</Typography.Text>
            </Space>
            <Space>
              <span>{t('find.roster.pageSize')}</span>
              <Select
                aria-label={t('find.roster.pageSize')}
                size="small"
                value={size}
                options={PAGE_SIZES.map((n) => ({ value: n, label: String(n) }))}
                onChange={(n: number) => setFilter('size', n === 20 ? undefined : String(n))}
              />
              <Button size="small" disabled={cursors.length === 0} onClick={() => setCursors((c) => c.slice(0, -1))} data-testid="roster-prev">
                {t('find.roster.prev')}
              </Button>
              <Button size="small" disabled={!answer?.next} onClick={() => answer?.next && setCursors((c) => [...c, answer.next as string])} data-testid="roster-next">
                {t('find.roster.next')}
              </Button>
            </Space>
          </Space>
        )}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        {t('find.common.query')}
        <Typography.Text code>{roster.path}</Typography.Text>
      </Typography.Paragraph>
    </div>
  );
}
