/** A text in Chinese (the authority) and English. */
export interface Bilingual {
  readonly zh: string;
  readonly en: string;
}

/** What a violation may carry as observed / expected value: plain JSON. */
export type Value = string | number | boolean | null | readonly Value[] | { readonly [key: string]: Value };
