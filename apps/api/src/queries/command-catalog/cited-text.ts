import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { type Citation, type LawCode, type RenderedCitation, citedText, renderCitation } from '@auxledger/statute';
import { ReadQuery } from '../shared/read-query';
import { CITATION_REF, type CitedTextRequestDto } from './cited-text.request.dto';
import { RENDERED_CITATION, integer, nullable, object, text } from '../../openapi/answer-schema';

export interface CitedTextAnswer {
  citation: Citation;
  rendered: RenderedCitation;
  /** The Chinese text cited (the item, else the paragraph, else the article); null when the law's text is not carried. */
  text: string | null;
}

/** CitedTextAnswer as the OpenAPI document gives it. */
export const CITED_TEXT_ANSWER = object(
  {
    citation: object(
      { law: text('法规 The law (NMG-AUX …)'), revision: text('修订 Its revision'), article: integer('条'), paragraph: integer('款'), item: integer('项') },
      { optional: ['paragraph', 'item'], description: 'The citation asked for' },
    ),
    rendered: RENDERED_CITATION,
    text: nullable(text('条文 The Chinese text cited (the item, else the paragraph, else the article); null when the law’s text is not carried')),
  },
  { title: 'CitedTextAnswer' },
);

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

export class GetCitedText extends ReadQuery<CitedTextRequestDto, CitedTextAnswer> {}

/** 条文: the regulation text a citation points at, from the statute library (no read model, nothing to wait for). */
@QueryHandler(GetCitedText)
export class GetCitedTextHandler implements IQueryHandler<GetCitedText> {
  async execute({ params }: GetCitedText): Promise<CitedTextAnswer> {
    return citedTextOf(params.citation);
  }
}
