import { getMetadataStorage } from 'class-validator';

type Storage = ReturnType<typeof getMetadataStorage>;
type Metadatas = ReturnType<Storage['getTargetValidationMetadatas']>;
type Grouped = ReturnType<Storage['groupByPropertyName']>;

const CACHED = Symbol('auxledger.cachedValidationMetadata');

/**
 * class-validator looks up a class's rules on every validation, and every
 * nested object's, by walking every class that has rules (hundreds of DTOs
 * here) to find its parents: about a tenth of a command request's CPU. The
 * rules are fixed once the DTO classes are loaded, so each lookup (class,
 * schema, groups) and its grouping by property are kept in class-validator's
 * own storage, and dropped whenever a rule is added (a class declared later,
 * e.g. by @nestjs/mapped-types). The same validation, the same errors;
 * the callers only read what they are given. Installed once per process.
 */
export function cacheValidationMetadata(storage: Storage = getMetadataStorage()): void {
  const s = storage as Storage & { [CACHED]?: true };
  if (s[CACHED]) return;
  s[CACHED] = true;
  const find = storage.getTargetValidationMetadatas.bind(storage);
  const group = storage.groupByPropertyName.bind(storage);
  let found = new Map<unknown, Map<string, Metadatas>>();
  let grouped = new WeakMap<Metadatas, Grouped>();
  const forget = () => {
    found = new Map();
    grouped = new WeakMap();
  };
  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    const key = `${schema}\u0000${always}\u0000${strictGroups}\u0000${groups === undefined ? '' : `[${groups.join('\u0000')}]`}`;
    let byOptions = found.get(target);
    if (!byOptions) found.set(target, (byOptions = new Map()));
    let metadatas = byOptions.get(key);
    if (!metadatas) byOptions.set(key, (metadatas = find(target, schema, always, strictGroups, groups)));
    return metadatas;
  };
  storage.groupByPropertyName = (metadatas) => {
    let byProperty = grouped.get(metadatas);
    if (!byProperty) grouped.set(metadatas, (byProperty = group(metadatas)));
    return byProperty;
  };
  for (const add of ['addValidationMetadata', 'addConstraintMetadata', 'addValidationSchema'] as const) {
    const original = (storage[add] as (arg: never) => void).bind(storage);
    (storage as unknown as Record<string, (arg: never) => void>)[add] = (arg) => {
      forget();
      original(arg);
    };
  }
}
