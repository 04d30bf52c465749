/**
 * Citations as structured data, never free text. Paragraph (款) numbers count
 * the article's paragraphs in the text; item (项) numbers are the （一）（二）…
 * inside a paragraph; sentence (句) picks a sentence inside the smallest unit.
 */
export const LAWS = {
  /** 内蒙古自治区公安机关警务辅助人员条例 */
  'NMG-AUX': {
    zh: '内蒙古自治区公安机关警务辅助人员条例',
    en: 'Inner Mongolia Auxiliary Police Regulation',
  },
  /** 中华人民共和国劳动合同法 (2012 amendment) */
  'PRC-LABOUR-CONTRACT': {
    zh: '中华人民共和国劳动合同法',
    en: 'PRC Labour Contract Law',
  },
  /** 中华人民共和国社会保险法 (2018 amendment) */
  'PRC-SOCIAL-INSURANCE': {
    zh: '中华人民共和国社会保险法',
    en: 'PRC Social Insurance Law',
  },
  /** 住房公积金管理条例 (2019 revision) */
  'PRC-HOUSING-FUND': {
    zh: '住房公积金管理条例',
    en: 'Housing Provident Fund Regulation',
  },
  /** 中华人民共和国民法典 */
  'PRC-CIVIL-CODE': {
    zh: '中华人民共和国民法典',
    en: 'PRC Civil Code',
  },
  /** 工伤保险条例 */
  'PRC-WORK-INJURY': {
    zh: '工伤保险条例',
    en: 'Work-Related Injury Insurance Regulation',
  },
  /** 烈士褒扬条例 */
  'PRC-MARTYRS': {
    zh: '烈士褒扬条例',
    en: 'Regulation on Commending Martyrs',
  },
  /** 事业单位工作人员处分规定 (used only by analogy, for default parameters) */
  'PRC-PUBLIC-INSTITUTION-SANCTIONS': {
    zh: '事业单位工作人员处分规定',
    en: 'Provisions on Sanctions for Staff of Public Institutions',
  },
  /** 中华人民共和国个人信息保护法 */
  'PRC-PIPL': {
    zh: '中华人民共和国个人信息保护法',
    en: 'PRC Personal Information Protection Law',
  },
  /** 信访工作条例 (used only by analogy, for default parameters) */
  'PRC-PETITIONS': {
    zh: '信访工作条例',
    en: 'Regulation on Petition Work',
  },
} as const satisfies Record<string, { zh: string; en: string }>;

export type LawCode = keyof typeof LAWS;

export interface Citation {
  readonly law: LawCode;
  readonly revision: string;
  readonly article: number;
  readonly paragraph?: number;
  readonly item?: number;
  readonly sentence?: number;
}

export interface RenderedCitation {
  readonly zh: string;
  readonly en: string;
}

/** A citation of the regulation's 2024 revision. */
export function nmg(article: number, paragraph?: number, item?: number, sentence?: number): Citation {
  return compact({ law: 'NMG-AUX', revision: '2024', article, paragraph, item, sentence });
}

/** A citation of another law. */
export function cite(law: LawCode, revision: string, article: number, paragraph?: number, item?: number): Citation {
  return compact({ law, revision, article, paragraph, item });
}

function compact(c: { law: LawCode; revision: string; article: number; paragraph?: number | undefined; item?: number | undefined; sentence?: number | undefined }): Citation {
  const out: { -readonly [K in keyof Citation]: Citation[K] } = { law: c.law, revision: c.revision, article: c.article };
  if (c.paragraph !== undefined) out.paragraph = c.paragraph;
  if (c.item !== undefined) out.item = c.item;
  if (c.sentence !== undefined) out.sentence = c.sentence;
  return out;
}

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'] as const;
const UNITS = ['', '十', '百', '千'] as const;

/**
 * Chinese numerals as statutes write article numbers: 10 十, 21 二十一,
 * 47 四十七, 105 一百零五, 110 一百一十, 1259 一千二百五十九.
 */
export function toChineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 9999) throw new RangeError(`cannot write ${n} in Chinese numerals`);
  if (n === 0) return DIGITS[0];
  if (n >= 10 && n < 20) return `十${n === 10 ? '' : DIGITS[n - 10]}`;
  const digits = String(n).split('').map(Number);
  let out = '';
  let pendingZero = false;
  digits.forEach((d, i) => {
    const unit = UNITS[digits.length - 1 - i] ?? '';
    if (d === 0) {
      pendingZero = out !== '';
      return;
    }
    if (pendingZero) out += DIGITS[0];
    pendingZero = false;
    out += `${DIGITS[d]}${unit}`;
  });
  return out;
}

export function renderCitationZh(c: Citation): string {
  let out = `《${LAWS[c.law].zh}》第${toChineseNumeral(c.article)}条`;
  if (c.paragraph !== undefined) out += `第${toChineseNumeral(c.paragraph)}款`;
  if (c.item !== undefined) out += `第（${toChineseNumeral(c.item)}）项`;
  if (c.sentence !== undefined) out += `第${toChineseNumeral(c.sentence)}句`;
  return out;
}

export function renderCitationEn(c: Citation): string {
  let out = `${LAWS[c.law].en} (${c.revision}) Art. ${c.article}`;
  if (c.paragraph !== undefined) out += ` ¶${c.paragraph}`;
  if (c.item !== undefined) out += ` (${c.item})`;
  if (c.sentence !== undefined) out += `, sentence ${c.sentence}`;
  return out;
}

export function renderCitation(c: Citation): RenderedCitation {
  return { zh: renderCitationZh(c), en: renderCitationEn(c) };
}

export function sameCitation(a: Citation, b: Citation): boolean {
  return (
    a.law === b.law &&
    a.revision === b.revision &&
    a.article === b.article &&
    a.paragraph === b.paragraph &&
    a.item === b.item &&
    a.sentence === b.sentence
  );
}
