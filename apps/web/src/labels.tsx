import { createContext, useContext } from 'react';
import { useTranslation } from 'react-i18next';
import type { Bilingual, Catalog } from './api';

export const CatalogContext = createContext<Catalog | null>(null);

/** The words for a code, from the API's catalog, in the language shown; the code itself only if the catalog has none. */
export function useLabels() {
  const catalog = useContext(CatalogContext);
  const { i18n } = useTranslation();
  const pick = (text: Bilingual | undefined, code: string) => (text ? (i18n.language === 'en' ? text.en : text.zh) : code);
  return {
    label: (table: keyof Catalog['labels'], code: string) => pick(catalog?.labels[table][code], code),
    finding: (kind: string) => pick(catalog?.findingKinds[kind]?.label, kind),
    article: (kind: string) => pick(catalog?.findingKinds[kind]?.citation, ''),
    articleText: (kind: string) => catalog?.findingKinds[kind]?.citedText ?? null,
    bilingual: (text: Bilingual) => pick(text, ''),
  };
}
