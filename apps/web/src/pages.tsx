import { type ComponentType, type LazyExoticComponent, lazy } from 'react';
import type { Me, Organ } from './api';
import { Overview } from './views/Overview';
import { Quota } from './views/Quota';
import { Recruitment } from './views/Recruitment';
import { Supervision } from './views/Supervision';
// The workbench's pages load when first opened (their code is most of the app); their words load now, for the menu.
import './workbench/admin/words';
import './workbench/audit/words';
import './workbench/commands/words';
import './workbench/find/words';
import './workbench/recruit/words';

/** A page's component from its own chunk (`import()`), named export and all. */
function later<K extends string>(load: () => Promise<Record<K, ComponentType<PageProps>>>, name: K): LazyExoticComponent<ComponentType<PageProps>> {
  return lazy(async () => ({ default: (await load())[name] }));
}
const Recruit = later(() => import('./workbench/recruit/Recruit'), 'Recruit');
const CommandsPage = later(() => import('./workbench/commands'), 'CommandsPage');
const ApplicationsBoard = later(() => import('./workbench/find/ApplicationsBoard'), 'ApplicationsBoard');
const PersonFile = later(() => import('./workbench/find/PersonFile'), 'PersonFile');
const Plans = later(() => import('./workbench/find/Plans'), 'Plans');
const Roster = later(() => import('./workbench/find/Roster'), 'Roster');
const FirstStart = later(() => import('./workbench/admin/FirstStart'), 'FirstStart');
const Keys = later(() => import('./workbench/admin/Keys'), 'Keys');
const Organs = later(() => import('./workbench/admin/Organs'), 'Organs');
const AuditTrail = later(() => import('./workbench/audit/AuditTrail'), 'AuditTrail');
const Streams = later(() => import('./workbench/audit/Streams'), 'Streams');
const Verification = later(() => import('./workbench/audit/Verification'), 'Verification');

/** What every page is given: the organ and date of the header, who is signed in, its own address parameters, and a way to go elsewhere. */
export interface PageProps {
  organId: string;
  asOf: string;
  /** As known at a recorded instant (ISO-8601), when the reader chose one in the header. */
  knownAt?: string;
  organs: Organ[];
  me: Me;
  /** The page's own parameters in the address (`#/person?…&id=aux-1` → `{ id: 'aux-1' }`). */
  params: Record<string, string>;
  /** Opens another page (and its parameters), keeping organ and date unless they are given. */
  go: (view: string, params?: Record<string, string>, place?: { organ?: string; asOf?: string }) => void;
}

/** The sidebar's sections: what a supervisor reads, what an operator works in, what an admin and an auditor need. */
export const AREAS = ['dashboard', 'workbench', 'admin', 'audit'] as const;
export type Area = (typeof AREAS)[number];

export interface PageDef {
  /** Its key in the address and the menu; its title is `t('nav.<key>')`, or `t('<titleKey>')`. */
  key: string;
  area: Area;
  titleKey?: string;
  /** Who sees it in the menu (every role when absent). */
  roles?: ReadonlyArray<Me['role']>;
  /** A page reached only from another (a person's file): not in the menu. */
  hidden?: boolean;
  component: ComponentType<PageProps> | LazyExoticComponent<ComponentType<PageProps>>;
}

/**
 * Every page of the app, in menu order — the one list: each area's pages are added here and live in their own folder
 * (views/ for the dashboard, workbench/<area>/ for the rest) with their own words (i18n `addWords`).
 */
export const PAGES: PageDef[] = [
  { key: 'overview', area: 'dashboard', component: Overview },
  { key: 'quota', area: 'dashboard', component: Quota },
  { key: 'supervision', area: 'dashboard', component: Supervision },
  { key: 'recruitment', area: 'dashboard', component: Recruitment },
  { key: 'roster', area: 'workbench', titleKey: 'find.nav.roster', roles: ['admin', 'operator', 'auditor'], component: Roster },
  { key: 'person', area: 'workbench', titleKey: 'find.nav.person', roles: ['admin', 'operator', 'auditor'], hidden: true, component: PersonFile },
  { key: 'plans', area: 'workbench', titleKey: 'find.nav.plans', roles: ['admin', 'operator', 'auditor'], component: Plans },
  { key: 'applications', area: 'workbench', titleKey: 'find.nav.applications', roles: ['admin', 'operator', 'auditor'], component: ApplicationsBoard },
  { key: 'recruit', area: 'workbench', titleKey: 'recruit.nav.recruit', roles: ['admin', 'operator'], component: Recruit },
  { key: 'commands', area: 'workbench', titleKey: 'commands.nav.commands', roles: ['admin', 'operator'], component: CommandsPage },
  { key: 'keys', area: 'admin', titleKey: 'admin.nav.keys', roles: ['admin'], component: Keys },
  { key: 'organs', area: 'admin', titleKey: 'admin.nav.organs', roles: ['admin'], component: Organs },
  { key: 'first-start', area: 'admin', titleKey: 'admin.nav.firstStart', roles: ['admin'], component: FirstStart },
  { key: 'audit-trail', area: 'audit', titleKey: 'audit.nav.trail', roles: ['auditor', 'admin'], component: AuditTrail },
  { key: 'stream', area: 'audit', titleKey: 'audit.nav.stream', roles: ['auditor', 'admin'], component: Streams },
  { key: 'verification', area: 'audit', titleKey: 'audit.nav.verification', roles: ['auditor', 'admin'], component: Verification },
];
