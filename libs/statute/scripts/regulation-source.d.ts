// Types of regulation-source.js, for the drift and catalog specs.
export declare const SHARED_DIR: string;
export declare function readSharedFile(relative: string): string | null;
export declare function fromChineseNumeral(text: string): number;
export declare function parseRegulation(markdown: string): {
  title: string;
  articles: Array<{
    article: number;
    chapter: string | null;
    paragraphs: Array<{ text: string; items: Array<{ item: number; text: string }> }>;
  }>;
};
export declare function renderModule(parsed: ReturnType<typeof parseRegulation>, sourceName: string): string;
