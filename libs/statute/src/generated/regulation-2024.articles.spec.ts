import { parseRegulation, readSharedFile, renderModule, SHARED_DIR } from '../../scripts/regulation-source';
import { REGULATION_2024_TEXT } from './regulation-2024.articles';

const SOURCE = 'statute/regulation-2024.zh.md';
const markdown = readSharedFile(SOURCE);
const when = markdown === null ? it.skip : it;
if (markdown === null) {
  console.warn(`SKIPPED: the generated article texts are not compared: ${SOURCE} does not exist under ${SHARED_DIR}`);
}

describe('the generated article texts match ../shared/statute/regulation-2024.zh.md', () => {
  when('holds exactly the articles, paragraphs and items the source file holds (re-run scripts/generate-articles.js if not)', () => {
    expect(REGULATION_2024_TEXT).toEqual(parseRegulation(markdown ?? ''));
  });

  when('is what the generator would write', () => {
    expect(renderModule(parseRegulation(markdown ?? ''), 'x')).toContain(JSON.stringify(REGULATION_2024_TEXT, null, 2));
  });

  it('holds Arts. 1–47 in order, and the item counts the rules rely on', () => {
    expect(REGULATION_2024_TEXT.title).toBe('内蒙古自治区公安机关警务辅助人员条例');
    expect(REGULATION_2024_TEXT.articles.map((a) => a.article)).toEqual(Array.from({ length: 47 }, (_, i) => i + 1));
    const items = (article: number) => REGULATION_2024_TEXT.articles[article - 1]?.paragraphs.map((p) => p.items.length);
    expect(items(12)).toEqual([4]);
    expect(items(13)).toEqual([11, 0, 0]);
    expect(items(14)).toEqual([5]);
    expect(items(15)).toEqual([8]);
    expect(items(20)).toEqual([6]);
    expect(items(21)).toEqual([5]);
    expect(items(22)).toEqual([6, 0]);
    expect(items(23)).toEqual([8]);
    expect(items(37)).toEqual([0, 0, 0, 0]);
  });

  it('the parser finds a drifted source: a changed item is not equal', () => {
    const drifted = parseRegulation('# T\n\n###### 第一条\n\n甲：\n\n（一）乙；\n\n（二）丙。\n\n###### 第二条\n\n丁。\n');
    expect(drifted.articles).toEqual([
      { article: 1, chapter: null, paragraphs: [{ text: '甲：', items: [{ item: 1, text: '乙；' }, { item: 2, text: '丙。' }] }] },
      { article: 2, chapter: null, paragraphs: [{ text: '丁。', items: [] }] },
    ]);
    expect(drifted).not.toEqual(REGULATION_2024_TEXT);
  });
});
