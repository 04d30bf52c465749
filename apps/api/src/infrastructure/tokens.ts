/** Dependency-injection tokens for what is not a class. */
export const API_CONFIG = Symbol('API_CONFIG');
export const EVENT_STORE = Symbol('EVENT_STORE');
export const API_TABLES = Symbol('API_TABLES');
export const RULE_SETS = Symbol('RULE_SETS');
export const CLOCK = Symbol('CLOCK');
export const READ_MODEL_STORE = Symbol('READ_MODEL_STORE');
