import { citedText } from './articles';
import { cite, nmg, renderCitation, renderCitationEn, renderCitationZh, toChineseNumeral } from './citation';

describe('Chinese numerals as statutes write them', () => {
  it.each([
    [1, '一'],
    [9, '九'],
    [10, '十'],
    [11, '十一'],
    [19, '十九'],
    [20, '二十'],
    [21, '二十一'],
    [30, '三十'],
    [47, '四十七'],
    [99, '九十九'],
    [100, '一百'],
    [105, '一百零五'],
    [110, '一百一十'],
    [202, '二百零二'],
    [1000, '一千'],
    [1010, '一千零一十'],
    [1259, '一千二百五十九'],
  ])('%i → %s', (n, zh) => expect(toChineseNumeral(n)).toBe(zh));

  it.each([0.5, -1, 10000])('refuses %s', (n) => expect(() => toChineseNumeral(n)).toThrow(RangeError));
});

describe('citations render in Chinese and English', () => {
  it('renders the catalog example exactly', () => {
    expect(renderCitation(nmg(15, 1, 3))).toEqual({
      zh: '《内蒙古自治区公安机关警务辅助人员条例》第十五条第一款第（三）项',
      en: 'Inner Mongolia Auxiliary Police Regulation (2024) Art. 15 ¶1 (3)',
    });
  });

  it.each([
    [nmg(47), '《内蒙古自治区公安机关警务辅助人员条例》第四十七条', 'Inner Mongolia Auxiliary Police Regulation (2024) Art. 47'],
    [nmg(21, 1, 2), '《内蒙古自治区公安机关警务辅助人员条例》第二十一条第一款第（二）项', 'Inner Mongolia Auxiliary Police Regulation (2024) Art. 21 ¶1 (2)'],
    [nmg(13, 1, 10), '《内蒙古自治区公安机关警务辅助人员条例》第十三条第一款第（十）项', 'Inner Mongolia Auxiliary Police Regulation (2024) Art. 13 ¶1 (10)'],
    [nmg(13, 1, 11), '《内蒙古自治区公安机关警务辅助人员条例》第十三条第一款第（十一）项', 'Inner Mongolia Auxiliary Police Regulation (2024) Art. 13 ¶1 (11)'],
    [nmg(37, 4), '《内蒙古自治区公安机关警务辅助人员条例》第三十七条第四款', 'Inner Mongolia Auxiliary Police Regulation (2024) Art. 37 ¶4'],
    [nmg(21, 1, 3, 2), '《内蒙古自治区公安机关警务辅助人员条例》第二十一条第一款第（三）项第二句', 'Inner Mongolia Auxiliary Police Regulation (2024) Art. 21 ¶1 (3), sentence 2'],
    [cite('PRC-LABOUR-CONTRACT', '2012', 19, 1), '《中华人民共和国劳动合同法》第十九条第一款', 'PRC Labour Contract Law (2012) Art. 19 ¶1'],
    [cite('PRC-SOCIAL-INSURANCE', '2018', 58, 1), '《中华人民共和国社会保险法》第五十八条第一款', 'PRC Social Insurance Law (2018) Art. 58 ¶1'],
  ])('%j', (c, zh, en) => {
    expect(renderCitationZh(c)).toBe(zh);
    expect(renderCitationEn(c)).toBe(en);
  });

  it('omits absent parts rather than writing "undefined"', () => {
    expect(Object.keys(nmg(16, 2))).toEqual(['law', 'revision', 'article', 'paragraph']);
  });
});

describe('the Chinese text of a citation is at hand', () => {
  it.each([
    [nmg(15, 1, 3), '案件调查取证、出具鉴定报告、交通事故责任认定；'],
    [nmg(16, 2), '辅警不得配备或者使用武器。'],
    [nmg(13, 2), '辅警不得单独执法或者以个人名义执法。'],
    [nmg(47), '本条例自2024年9月1日起施行。'],
  ])('%j', (c, text) => expect(citedText(c)).toBe(text));

  it('gives a paragraph with its items', () => {
    expect(citedText(nmg(15, 1))).toMatch(/^辅警不得从事下列工作：\n（一）国内安全保卫/);
    expect(citedText(nmg(15, 1))?.split('\n')).toHaveLength(9);
  });

  it('gives null for a clause that does not exist or a law whose text is not carried', () => {
    expect(citedText(nmg(15, 2))).toBeNull();
    expect(citedText(nmg(48))).toBeNull();
    expect(citedText(nmg(15, 1, 9))).toBeNull();
    expect(citedText(cite('PRC-LABOUR-CONTRACT', '2012', 19))).toBeNull();
  });
});
