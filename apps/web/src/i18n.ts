import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './locales/en';
import { zhCN } from './locales/zh-CN';

export type Language = 'zh-CN' | 'en';
const STORED = 'auxledger.language';

export const initialLanguage = (): Language => (localStorage.getItem(STORED) === 'en' ? 'en' : 'zh-CN');

void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
  lng: initialLanguage(),
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false },
});

export function setLanguage(language: Language): void {
  localStorage.setItem(STORED, language);
  void i18n.changeLanguage(language);
  document.documentElement.lang = language;
}

export default i18n;

/**
 * A page's own words, kept beside the page (`addWords('roster', { 'zh-CN': {...}, en: {...} })` at module load):
 * each area adds its namespace under the one translation, so `t('roster.title')` works and no page edits another's file.
 */
export function addWords(area: string, words: Record<Language, Record<string, unknown>>): void {
  for (const [language, table] of Object.entries(words)) i18n.addResourceBundle(language, 'translation', { [area]: table }, true, true);
}
