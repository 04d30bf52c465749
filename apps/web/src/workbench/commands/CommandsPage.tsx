import { Alert, Card, Col, Empty, Input, Menu, Row, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PageProps } from '../../pages';
import { endpointOf } from './catalog';
import { CommandForm, useCommandCatalog } from './CommandForm';
import './words';

/** The roles that issue commands by hand (the catalog says which of them may send each). */
export const COMMAND_ROLES = ['admin', 'operator'] as const;

/**
 * Every command the signed-in role may issue, grouped the way an operator thinks (the catalog's groups), with a search;
 * the one picked shows its form. `#/commands?command=hire&auxiliaryId=aux-1` opens the hire form with that field filled.
 */
export function CommandsPage({ me, params, asOf, go }: PageProps) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const catalog = useCommandCatalog(asOf);
  const [search, setSearch] = useState('');
  const { command: chosen, ...prefill } = params;
  const mayIssue = (COMMAND_ROLES as readonly string[]).includes(me.role);

  const groups = useMemo(() => {
    const q = search.trim().toLowerCase();
    const commands = (catalog.data?.commands ?? []).filter((c) => c.roles.includes(me.role));
    const matching = commands.filter((c) => q === '' || `${c.title.zh} ${c.title.en} ${c.commandType} ${endpointOf(c)}`.toLowerCase().includes(q));
    return (catalog.data?.groups ?? [])
      .map((g) => ({ ...g, commands: matching.filter((c) => c.group === g.id) }))
      .filter((g) => g.commands.length > 0);
  }, [catalog.data, me.role, search]);

  if (!mayIssue) return <Alert type="info" showIcon data-testid="no-commands" title={t('commands.page.noRole', { role: me.role })} />;

  const mayChosen = chosen !== undefined && (catalog.data?.commands ?? []).some((c) => endpointOf(c) === chosen && c.roles.includes(me.role));
  return (
    <Row gutter={16} data-testid="commands-page">
      <Col xs={24} md={8} lg={6}>
        <Card size="small" styles={{ body: { padding: 8 } }}>
          <Input.Search allowClear placeholder={t('commands.page.search')} aria-label={t('commands.page.search')} value={search} onChange={(e) => setSearch(e.target.value)} data-testid="command-search" style={{ marginBottom: 8 }} />
          {!catalog.data ? (
            <Typography.Text type="secondary">{t('commands.form.loading')}</Typography.Text>
          ) : groups.length === 0 ? (
            <Empty description={t('commands.page.none')} />
          ) : (
            <Menu
              mode="inline"
              selectedKeys={chosen ? [chosen] : []}
              defaultOpenKeys={groups.filter((g) => g.commands.some((c) => endpointOf(c) === chosen)).map((g) => g.id)}
              {...(search.trim() !== '' ? { openKeys: groups.map((g) => g.id) } : {})}
              style={{ borderInlineEnd: 'none' }}
              data-testid="command-menu"
              onClick={({ key }) => go('commands', { command: key })}
              items={groups.map((g) => ({
                key: g.id,
                label: `${en ? g.title.en : g.title.zh}（${g.commands.length}）`,
                children: g.commands.map((c) => ({ key: endpointOf(c), label: en ? c.title.en : c.title.zh, title: `${c.title.zh} · ${c.title.en}` })),
              }))}
            />
          )}
        </Card>
      </Col>
      <Col xs={24} md={16} lg={18}>
        <Card>
          {chosen === undefined ? (
            <Typography.Text type="secondary">{t('commands.page.pick')}</Typography.Text>
          ) : catalog.data && !mayChosen ? (
            <Alert type="warning" showIcon title={t('commands.page.unknown', { command: chosen })} />
          ) : (
            <CommandForm key={`${chosen}?${new URLSearchParams(prefill).toString()}`} endpoint={chosen} initial={prefill} asOf={asOf} />
          )}
        </Card>
      </Col>
    </Row>
  );
}
