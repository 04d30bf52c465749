import { Alert, Button } from 'antd';
import { useContext } from 'react';
import { useTranslation } from 'react-i18next';
import { CatalogContext } from '../../labels';
import { ApiError, type Bilingual } from '../../api';
import type { PageProps } from '../../pages';
import type { ShownPerson } from './types';
import './words';

/**
 * A page's root: as wide as the content area and never wider — a wide table or board scrolls inside it instead of
 * pushing the sidebar aside (its own width adds nothing to the layout's minimum).
 */
export const FILL = { width: 0, minWidth: '100%' } as const;

/** The words of a bilingual text in the language shown. */
export function useBilingual() {
  const { i18n } = useTranslation();
  return (text: Bilingual | null | undefined, fallback = '') => (text ? (i18n.language === 'en' ? text.en : text.zh) : fallback);
}

/** An organ's name from the header's list (its id only if unknown). */
export const organNameOf = (organs: PageProps['organs'], id: string) => organs.find((o) => o.organ_id === id)?.name ?? id;

/**
 * A failed query as a clear message in the language shown: a 403 says the key may not read it (and, for an
 * operator, offers its own organ), a 404 what is not there, anything else the API's words.
 */
export function QueryError({ error, me, organs, go, testId = 'query-error' }: { error: unknown } & Partial<Pick<PageProps, 'me' | 'organs' | 'go'>> & { testId?: string }) {
  const { t, i18n } = useTranslation();
  if (!error) return null;
  const message = error instanceof ApiError ? (i18n.language === 'en' ? error.messages.en : error.messages.zh) : String(error);
  const status = error instanceof ApiError ? error.status : 0;
  const own = me?.role === 'operator' ? me.organIds[0] : undefined;
  return (
    <Alert
      data-testid={testId}
      data-status={status}
      type={status === 403 ? 'warning' : 'error'}
      showIcon
      title={t(status === 403 ? 'find.common.forbidden' : status === 404 ? 'find.common.notFound' : 'find.common.failed', { message })}
      action={
        status === 403 && own && go && organs ? (
          <Button size="small" onClick={() => go('roster', {}, { organ: own })} data-testid="to-own-organ">
            {t('find.common.toOwnOrgan', { organ: organNameOf(organs, own) })}
          </Button>
        ) : undefined
      }
      style={{ marginBottom: 16 }}
    />
  );
}

/** Who a person is, as the API shows them: the name, or why there is none. */
export function personName(person: ShownPerson | null, t: (key: string) => string): string {
  if (person === null) return t('find.roster.noIdentity');
  if (person.status === 'SHREDDED') return t('find.roster.shredded');
  return person.name;
}

/** An address inside the app (for links that open with the keyboard and in a new tab). */
export function hrefOf(view: string, params: Record<string, string>, organ: string, asOf: string): string {
  return `#/${view}?${new URLSearchParams({ organ, asOf, ...params }).toString()}`;
}

const CATALOG_TABLES = ['duty', 'departureReason', 'rosterStatus', 'category', 'level'] as const;
const OWN_TABLES = ['insurance', 'credential', 'qualification', 'dutyEnd', 'health', 'training'];

/**
 * The codes inside a line of the API's (a timeline summary names duty codes, organ ids, insurance kinds…) put in
 * words: organs by name, the catalog's codes by its labels, the rest by this area's tables; anything else left as is.
 */
export function useDomainWords(organs: PageProps['organs']) {
  const { t, i18n } = useTranslation();
  const catalog = useContext(CatalogContext);
  const names = new Map(organs.map((o) => [o.organ_id, o.name]));
  return (text: string) =>
    text.replace(/[A-Za-z][A-Za-z0-9_-]*[A-Za-z0-9]/g, (token) => {
      const organ = names.get(token);
      if (organ) return organ;
      for (const table of CATALOG_TABLES) {
        const words = catalog?.labels[table]?.[token];
        if (words) return i18n.language === 'en' ? words.en : words.zh;
      }
      for (const table of OWN_TABLES) if (i18n.exists(`find.${table}.${token}`)) return t(`find.${table}.${token}`);
      return token;
    });
}
