import { LogoutOutlined } from '@ant-design/icons';
import { Alert, Button, Card, ConfigProvider, DatePicker, Form, Input, Layout, Menu, Segmented, Slider, Space, Spin, TreeSelect, Typography } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import localizedFormat from 'dayjs/plugin/localizedFormat';
import { Suspense, useEffect, useMemo, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError, type Me, type Organ, apiKey, fetchAnswer, queryPath } from './api';
import { type Language, setLanguage } from './i18n';
import { rememberRoot } from './boot';
import { CatalogContext, useLabels } from './labels';
import { AREAS, PAGES, type PageProps } from './pages';
import { type Place, type View, readPlace, writePlace } from './plan';
import { prefetchPlace, useApi, useGet } from './queries';

dayjs.extend(localizedFormat);

export function App() {
  const { i18n } = useTranslation();
  const [signedIn, setSignedIn] = useState(apiKey.get() !== null);
  useEffect(() => {
    document.documentElement.lang = i18n.language;
    dayjs.locale(i18n.language === 'en' ? 'en' : 'zh-cn');
  }, [i18n.language]);
  return (
    <ConfigProvider locale={i18n.language === 'en' ? enUS : zhCN} theme={{ token: { colorPrimary: '#1677ff' } }}>
      {signedIn ? <Dashboard onSignOut={() => (apiKey.clear(), setSignedIn(false))} /> : <SignIn onSignedIn={() => setSignedIn(true)} />}
    </ConfigProvider>
  );
}

function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <Segmented<Language>
      data-testid="language"
      value={i18n.language === 'en' ? 'en' : 'zh-CN'}
      options={[
        { value: 'zh-CN', label: t('lang.zh-CN') },
        { value: 'en', label: t('lang.en') },
      ]}
      onChange={(v) => setLanguage(v)}
    />
  );
}

function SignIn({ onSignedIn }: { onSignedIn: () => void }) {
  const { t, i18n } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async ({ key }: { key: string }) => {
    setBusy(true);
    setError(null);
    try {
      // Any query proves the key; the catalog is the cheapest and every role may read it.
      await fetchAnswer<'catalog'>(queryPath('catalog'), key.trim());
      apiKey.set(key.trim());
      onSignedIn();
    } catch (e) {
      setError(e instanceof ApiError ? (i18n.language === 'en' ? e.messages.en : e.messages.zh) : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Layout
      style={{
        minHeight: '100vh',
        alignItems: 'center',
        justifyContent: 'center',
        background: '#f0f2f5',
      }}
    >
      <Card style={{ width: 420 }} title={t('app.title')} extra={<LanguageSwitch />}>
        <Typography.Paragraph type="secondary">{t('signIn.hint')}</Typography.Paragraph>
        <Form layout="vertical" onFinish={submit} data-testid="sign-in">
          <Form.Item name="key" label={t('signIn.key')} rules={[{ required: true, message: t('signIn.required') }]}>
            <Input.Password autoFocus data-testid="api-key" placeholder="axl_…" />
          </Form.Item>
          {error ? <Alert type="error" showIcon message={t('signIn.failed', { message: error })} style={{ marginBottom: 16 }} /> : null}
          <Button type="primary" htmlType="submit" loading={busy} block data-testid="sign-in-submit">
            {t('signIn.submit')}
          </Button>
        </Form>
      </Card>
    </Layout>
  );
}

interface TreeNode {
  value: string;
  title: string;
  children: TreeNode[];
}
function organTree(organs: readonly Organ[]): TreeNode[] {
  const nodes = new Map(organs.map((o) => [o.organ_id, { value: o.organ_id, title: o.name, children: [] as TreeNode[] }]));
  const roots: TreeNode[] = [];
  for (const o of organs) {
    const node = nodes.get(o.organ_id) as TreeNode;
    const parent = o.parent_id ? nodes.get(o.parent_id) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}

/** The 24 month ends before the as-of date's month and today: the time slider's stops. */
function sliderStops(): string[] {
  const now = dayjs();
  return [
    ...Array.from({ length: 24 }, (_, i) =>
      now
        .subtract(24 - i, 'month')
        .endOf('month')
        .format('YYYY-MM-DD'),
    ),
    now.format('YYYY-MM-DD'),
  ];
}

function Dashboard({ onSignOut }: { onSignOut: () => void }) {
  const { t } = useTranslation();
  const [place, setPlace] = useState<Place>(readPlace);
  const organs = useApi('organs', {});
  const catalog = useApi('catalog', {});
  const me = useGet<Me>('/api/me', { staleTime: Infinity });
  const signedOut = [organs.error, catalog.error, me.error].some((e) => e instanceof ApiError && e.status === 401);
  useEffect(() => {
    if (signedOut) onSignOut();
  }, [signedOut, onSignOut]);
  const list = useMemo(() => organs.data?.organs ?? [], [organs.data]);
  const root = list.find((o) => o.parent_id === null)?.organ_id;
  useEffect(() => {
    if (root) rememberRoot(root);
  }, [root]);
  // An operator starts on its own organ (the first it holds), everyone else on the region.
  const home = me.data?.role === 'operator' ? me.data.organIds.find((id) => list.some((o) => o.organ_id === id)) : undefined;
  /** The organ a place shows: the one it names, if known, else the operator's own or the region. */
  const organOf = (p: Place) => (p.organ && list.some((o) => o.organ_id === p.organ) ? p.organ : (home ?? root));
  const organId = organOf(place);
  useEffect(() => writePlace(place), [place]);
  // A link or bookmark opened in this tab (`#/quota?organ=…`): the place it names.
  useEffect(() => {
    const follow = () => setPlace(readPlace());
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, []);
  const tree = useMemo(() => organTree(list), [list]);
  const stops = useMemo(() => sliderStops(), []);
  const stop = stops.findIndex((d) => d >= place.asOf);

  const client = useQueryClient();
  const move = (change: Partial<Place>) => {
    const next = { ...place, ...change };
    // The new place's answers asked for now, while the page re-renders for it.
    const to = organOf(next);
    if (to) prefetchPlace(client, next.view, to, next.asOf, next.knownAt);
    setPlace(next);
  };
  const go: PageProps['go'] = (view, params = {}, to = {}) => setPlace((p) => ({ ...p, ...to, view, params }));
  const role = me.data?.role;
  const visible = PAGES.filter((p) => !p.hidden && (!p.roles || (role !== undefined && p.roles.includes(role))));
  const asked = PAGES.find((p) => p.key === place.view && (!p.roles || (role !== undefined && p.roles.includes(role))));
  // An empty deployment (no organ yet): an admin is led to the first start (or stays on an admin page); the others wait for it.
  const empty = organs.data !== undefined && list.length === 0;
  const page = (empty && role === 'admin' && asked?.area !== 'admin' ? PAGES.find((p) => p.key === 'first-start') : asked) ?? PAGES[0];
  const ready = (organId !== undefined || (empty && role === 'admin' && page?.area === 'admin')) && catalog.data !== undefined && me.data !== undefined;
  const props: PageProps | null = ready
    ? {
        organId: organId ?? '',
        asOf: place.asOf,
        ...(place.knownAt ? { knownAt: place.knownAt } : {}),
        organs: list,
        me: me.data,
        params: place.params,
        go,
      }
    : null;
  const Page = page?.component;

  return (
    <CatalogContext.Provider value={catalog.data ?? null}>
      <Layout style={{ minHeight: '100vh' }}>
        <Layout.Sider breakpoint="lg" collapsedWidth={0} theme="light" width={180}>
          <div style={{ padding: '16px 16px 8px', fontWeight: 600 }}>AuxLedger</div>
          <Menu
            mode="inline"
            selectedKeys={[page?.key ?? place.view]}
            items={AREAS.map((area) => ({
              area,
              pages: visible.filter((p) => p.area === area),
            }))
              .filter((a) => a.pages.length > 0)
              .map(({ area, pages }) => ({
                type: 'group' as const,
                key: `area-${area}`,
                label: t(`area.${area}`),
                children: pages.map((p) => ({
                  key: p.key,
                  label: <span data-testid={`nav-${p.key}`}>{t(p.titleKey ?? `nav.${p.key}`)}</span>,
                })),
              }))}
            onClick={({ key }) => move({ view: key as View, params: {} })}
          />
        </Layout.Sider>
        <Layout>
          <Layout.Header
            style={{
              background: '#fff',
              padding: '0 16px',
              height: 'auto',
              lineHeight: 'normal',
            }}
          >
            <Space
              wrap
              size="middle"
              style={{
                padding: '12px 0',
                width: '100%',
                justifyContent: 'space-between',
              }}
            >
              <Space direction="vertical" size={0}>
                <Typography.Title level={4} style={{ margin: 0 }}>
                  {t('app.title')}
                </Typography.Title>
                <Typography.Text type="secondary">{t('app.subtitle')}</Typography.Text>
              </Space>
              <Space wrap>
                <span>{t('filters.organ')}</span>
                <span data-testid="organ-picker">
                  <TreeSelect
                    style={{ width: 260 }}
                    treeData={tree}
                    value={organId}
                    onChange={(v: string) => move({ organ: v })}
                    showSearch
                    treeNodeFilterProp="title"
                    treeDefaultExpandedKeys={root ? [root] : []}
                    loading={organs.isLoading}
                  />
                </span>
                <span>{t('filters.asOf')}</span>
                <span data-testid="as-of">
                  <DatePicker allowClear={false} value={dayjs(place.asOf)} onChange={(d) => d && move({ asOf: d.format('YYYY-MM-DD') })} />
                </span>
                <span>{t('filters.knownAt')}</span>
                <span data-testid="known-at" title={t('filters.knownAtHint')}>
                  <DatePicker
                    showTime
                    allowClear
                    placeholder={t('filters.knownAtNow')}
                    value={place.knownAt ? dayjs(place.knownAt) : null}
                    onChange={(d) => move({ knownAt: d ? d.toISOString() : undefined })}
                  />
                </span>
                <LanguageSwitch />
                <Button icon={<LogoutOutlined />} onClick={onSignOut}>
                  {t('filters.signOut')}
                </Button>
              </Space>
            </Space>
            <div style={{ padding: '0 8px 8px' }} title={t('filters.slider')}>
              <Slider
                data-testid="time-slider"
                min={0}
                max={stops.length - 1}
                value={stop === -1 ? stops.length - 1 : stop}
                tooltip={{ formatter: (i) => stops[i ?? 0] }}
                marks={Object.fromEntries(stops.map((d, i) => [i, i % 6 === 0 || i === stops.length - 1 ? d.slice(0, 7) : '']))}
                onChange={(i) => move({ asOf: stops[i] as string })}
              />
            </div>
          </Layout.Header>
          <Layout.Content style={{ padding: 16 }}>
            <PageTitle title={t(page?.titleKey ?? `nav.${page?.key ?? 'overview'}`)} organ={list.find((o) => o.organ_id === organId)} asOf={place.asOf} />
            {organs.error && !signedOut ? <Alert type="error" message={String(organs.error)} /> : null}
            {props && Page ? (
              <Suspense fallback={<Spin />}>
                <Page key={page.key} {...props} />
              </Suspense>
            ) : empty && me.data ? (
              <Alert type="info" showIcon message={t('admin.firstStart.waiting')} data-testid="no-organs" />
            ) : (
              <Spin />
            )}
          </Layout.Content>
        </Layout>
      </Layout>
    </CatalogContext.Provider>
  );
}

function PageTitle({ title, organ, asOf }: { title: string; organ: Organ | undefined; asOf: string }) {
  const { t, i18n } = useTranslation();
  const { label } = useLabels();
  return (
    <Typography.Title level={5} style={{ marginTop: 0 }} data-testid="page-title">
      {title} · {organ ? `${organ.name}（${label('organLevel', organ.level)}）` : '…'} · {t('filters.asOf')}{' '}
      {dayjs(asOf)
        .locale(i18n.language === 'en' ? 'en' : 'zh-cn')
        .format('LL')}
    </Typography.Title>
  );
}
