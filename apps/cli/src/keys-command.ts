import { CliError, UsageError } from './cli-error';
import { L } from './lang';
import type { Output } from './output';

/**
 * `auxledger keys create|list|revoke`: API keys, through the running API's
 * `/api/keys` endpoints (admin only), with the admin key from
 * AUXLEDGER_API_KEY. The CLI never touches the key table itself: the API
 * hashes and stores keys, and a new key is shown once.
 */

export interface ApiAccess {
  /** The API's base URL (`--api`, else AUXLEDGER_API_URL), e.g. http://localhost:3000. */
  api?: string;
}

/** As `GET /api/keys` lists them (never the key itself). */
export interface ApiKey {
  id: string;
  name: string;
  role: string;
  organIds: string[];
  createdAt: string;
  createdBy: string | null;
  revokedAt: string | null;
}

const ROLES = ['admin', 'operator', 'auditor', 'viewer'];

export async function createKeyCommand(options: ApiAccess & { name?: string; role?: string; organ?: string[]; json?: boolean }, io: Output): Promise<number> {
  if (!options.name) throw new UsageError('NO_KEY_NAME', { zh: '请用 --name 说明密钥的持有人或用途', en: 'name who or what holds the key: --name <text>' });
  if (!options.role || !ROLES.includes(options.role)) {
    throw new UsageError('INVALID_ROLE', { zh: `--role 须为 ${ROLES.join('、')} 之一`, en: `--role takes one of ${ROLES.join(', ')}` });
  }
  const created = (await callApi(options, 'POST', '/api/keys', { name: options.name, role: options.role, organIds: options.organ ?? [] })) as ApiKey & { key: string };
  if (options.json) {
    io.out(`${JSON.stringify(created, null, 2)}\n`);
    return 0;
  }
  io.out(
    L(
      `已创建密钥 ${created.id}（${created.role}${created.organIds.length ? `，机关 ${created.organIds.join('、')}` : ''}）：${created.name}\n`,
      `created key ${created.id} (${created.role}${created.organIds.length ? ` for ${created.organIds.join(', ')}` : ''}): ${created.name}\n`,
    ),
  );
  io.out(`${created.key}\n`);
  io.err('此密钥仅显示这一次，请立即妥善保存 / the key is shown only this once: keep it now\n');
  return 0;
}

export async function listKeysCommand(options: ApiAccess & { json?: boolean }, io: Output): Promise<number> {
  const keys = (await callApi(options, 'GET', '/api/keys')) as ApiKey[];
  if (options.json) {
    io.out(`${JSON.stringify(keys, null, 2)}\n`);
    return 0;
  }
  io.out(L(`共 ${keys.length} 个密钥\n`, `${keys.length} keys\n`));
  for (const k of keys) {
    const state = k.revokedAt ? L(`已吊销 ${k.revokedAt}`, `revoked ${k.revokedAt}`) : L('有效', 'active');
    const organs = k.organIds.length ? L(`  机关：${k.organIds.join(',')}`, `  organs: ${k.organIds.join(',')}`) : '';
    io.out(`  ${k.id}  ${k.role.padEnd(8)}  ${state}  ${L('创建于', 'created')} ${k.createdAt}${organs}  ${k.name}\n`);
  }
  return 0;
}

export async function revokeKeyCommand(id: string, options: ApiAccess & { json?: boolean }, io: Output): Promise<number> {
  const revoked = (await callApi(options, 'DELETE', `/api/keys/${encodeURIComponent(id)}`)) as ApiKey;
  io.out(
    options.json
      ? `${JSON.stringify(revoked, null, 2)}\n`
      : L(`已吊销密钥 ${revoked.id}（${revoked.name}），时间 ${revoked.revokedAt}\n`, `revoked key ${revoked.id} (${revoked.name}) at ${revoked.revokedAt}\n`),
  );
  return 0;
}

async function callApi(options: ApiAccess, method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<unknown> {
  const base = apiBase(options.api ?? process.env['AUXLEDGER_API_URL']);
  const adminKey = process.env['AUXLEDGER_API_KEY'];
  if (!adminKey) throw new UsageError('NO_API_KEY', { zh: '请在环境变量 AUXLEDGER_API_KEY 中提供管理员密钥', en: 'put an admin key in the environment: AUXLEDGER_API_KEY' });
  const url = `${base}${path}`;
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers: { authorization: `Bearer ${adminKey}`, accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch (error) {
    const why = (error as { cause?: { message?: string } }).cause?.message ?? (error as Error).message;
    throw new CliError('API_UNREACHABLE', { zh: `无法连接 API ${base}：${why}`, en: `cannot reach the API at ${base}: ${why}` });
  }
  const text = await response.text();
  let answer: unknown = null;
  try {
    answer = text ? JSON.parse(text) : null;
  } catch {
    throw new CliError('API_ANSWER_NOT_JSON', { zh: `API 的应答不是 JSON（HTTP ${response.status}）`, en: `the API answered HTTP ${response.status} with something other than JSON` });
  }
  if (!response.ok) {
    const error = (answer as { error?: { code?: string; message?: { zh?: string; en?: string } } } | null)?.error;
    throw new CliError(error?.code ?? `HTTP_${response.status}`, {
      zh: `API 拒绝（HTTP ${response.status}）：${error?.message?.zh ?? text}`,
      en: `the API refused (HTTP ${response.status}): ${error?.message?.en ?? text}`,
    });
  }
  return answer;
}

/** `http://host:3000`, `http://host:3000/` and `http://host:3000/api` (as the API prints it) all name the same API. */
function apiBase(url: string | undefined): string {
  if (!url) throw new UsageError('NO_API_URL', { zh: '请用 --api <URL> 或环境变量 AUXLEDGER_API_URL 指定 API 地址', en: 'name the API: --api <url> or AUXLEDGER_API_URL' });
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UsageError('INVALID_API_URL', { zh: `不是有效的 URL：${url}`, en: `not a URL: ${url}` });
  }
  return `${parsed.origin}${parsed.pathname.replace(/\/+$/, '').replace(/\/api$/, '')}`;
}
