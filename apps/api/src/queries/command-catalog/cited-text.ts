import { type Citation, type LawCode, type RenderedCitation, citedText, renderCitation } from '@auxledger/statute';
import { CITATION_REF } from './cited-text.request.dto';

export interface CitedTextAnswer {
  citation: Citation;
  rendered: RenderedCitation;
  /** The Chinese text cited (the item, else the paragraph, else the article); null when the law's text is not carried. */
  text: string | null;
}

/** A validated citation reference (`NMG-AUX@2024:23.1.2`) and the text it cites. */
export function citedTextOf(ref: string): CitedTextAnswer {
  const m = CITATION_REF.exec(ref);
  if (!m) throw new Error(`not a citation reference: ${ref}`); // the DTO validated it
  const [, law, revision, article, paragraph, item] = m;
  const citation: Citation = {
    law: law as LawCode,
    revision: revision as string,
    article: Number(article),
    ...(paragraph !== undefined ? { paragraph: Number(paragraph) } : {}),
    ...(item !== undefined ? { item: Number(item) } : {}),
  };
  return { citation, rendered: renderCitation(citation), text: citedText(citation) };
}
