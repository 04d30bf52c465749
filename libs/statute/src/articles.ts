import type { Citation } from './citation';
import { REGULATION_2024_TEXT } from './generated/regulation-2024.articles';

export interface ItemText {
  readonly item: number;
  readonly text: string;
}
export interface ParagraphText {
  readonly text: string;
  readonly items: readonly ItemText[];
}
export interface ArticleText {
  readonly article: number;
  readonly chapter: string | null;
  readonly paragraphs: readonly ParagraphText[];
}
export interface RegulationText {
  readonly title: string;
  readonly articles: readonly ArticleText[];
}

/** The texts this library carries, by law and revision (other laws: not carried). */
const TEXTS: Readonly<Record<string, RegulationText>> = { 'NMG-AUX@2024': REGULATION_2024_TEXT };

export function regulationText(law: string, revision: string): RegulationText | null {
  return TEXTS[`${law}@${revision}`] ?? null;
}

export function articleOf(citation: Citation): ArticleText | null {
  return regulationText(citation.law, citation.revision)?.articles.find((a) => a.article === citation.article) ?? null;
}

function paragraphWithItems(p: ParagraphText): string {
  const marks = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二'];
  return [p.text, ...p.items.map((i) => `（${marks[i.item] ?? i.item}）${i.text}`)].join('\n');
}

/**
 * The Chinese text a citation points at: the item, else the paragraph (with its
 * items), else the whole article. Null for laws whose text is not carried or a
 * citation that points nowhere.
 */
export function citedText(citation: Citation): string | null {
  const article = articleOf(citation);
  if (!article) return null;
  if (citation.paragraph === undefined) return article.paragraphs.map(paragraphWithItems).join('\n');
  const paragraph = article.paragraphs[citation.paragraph - 1];
  if (!paragraph) return null;
  if (citation.item === undefined) return paragraphWithItems(paragraph);
  return paragraph.items.find((i) => i.item === citation.item)?.text ?? null;
}
