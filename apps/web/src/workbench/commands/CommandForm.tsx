import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, DatePicker, Descriptions, Form, Input, InputNumber, Select, Space, Switch, Tag, Tooltip, Typography } from 'antd';
import type { FormInstance } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, apiSend } from '../../api';
import { useGet } from '../../queries';
import {
  type Bilingual,
  type CatalogCommand,
  type CatalogField,
  type CommandCatalog,
  type EnumValue,
  type Problem,
  bodyOf,
  codeLabelsOf,
  endpointOf,
  fieldKind,
  namePathOf,
  problemOf,
  shown,
} from './catalog';
import { ProblemView } from './Refusal';
import './words';

/** An event as a command's answer gives it (stored, or — for a dry run — as it would be stored). */
export interface AnsweredEvent {
  eventId: string;
  type: string;
  streamId: string;
  streamRevision?: number;
  globalPosition?: number;
  data?: unknown;
}

export interface CommandFormProps {
  /** The command's endpoint key: the last segment of its path (`hire` for POST /api/commands/hire). */
  endpoint: string;
  /** Values to start from, by the DTO's field names (dates as 'YYYY-MM-DD'); never a commandId (the form makes it). */
  initial?: Record<string, unknown>;
  /** Called after the command was recorded, with the events the API answered and the body sent. */
  onAccepted?: (events: AnsweredEvent[], body: Record<string, unknown>) => void;
  /** The date whose parameters in force are shown (GET /api/catalog/commands?asOf=); today when absent. */
  asOf?: string;
  /** No title and description: for a step of a guided page. */
  compact?: boolean;
  /** Keep the values after a success (a new command id all the same). */
  keepAfterSuccess?: boolean;
}

/** The catalog of every command, as the forms read it (one query for every form on a page). */
export function useCommandCatalog(asOf?: string) {
  return useGet<CommandCatalog>(`/api/catalog/commands${asOf ? `?asOf=${encodeURIComponent(asOf)}` : ''}`, { staleTime: 5 * 60_000 });
}

const newCommandId = (): string => crypto.randomUUID();
const clip = (text: string, n = 18): string => (text.length > n ? `${text.slice(0, n)}…` : text);
const inLanguage = (b: Bilingual | undefined, en: boolean) => (b ? (en ? b.en : b.zh) : '');

/** The form of one command endpoint, generated from the catalog: dry run, send, the refusal shown whole. */
export function CommandForm({ endpoint, initial, onAccepted, asOf, compact, keepAfterSuccess }: CommandFormProps) {
  const { t } = useTranslation();
  const catalog = useCommandCatalog(asOf);
  const command = catalog.data?.commands.find((c) => endpointOf(c) === endpoint);
  if (catalog.error) return <Alert type="error" showIcon title={catalog.error instanceof ApiError ? catalog.error.messages.zh : String(catalog.error)} />;
  if (!catalog.data) return <Typography.Text type="secondary">{t('commands.form.loading')}</Typography.Text>;
  if (!command) return <Alert type="warning" showIcon title={t('commands.page.unknown', { command: endpoint })} />;
  // A new prefill (another step, another person) is a new fill: fresh values and a fresh command id.
  return <LoadedForm key={`${command.path} ${JSON.stringify(initial ?? {})}`} command={command} initial={initial} onAccepted={onAccepted} compact={compact} keepAfterSuccess={keepAfterSuccess} />;
}

type Outcome =
  | { kind: 'accepted'; dryRun: boolean; replayed: boolean; events: AnsweredEvent[] }
  | { kind: 'problem'; problem: Problem }
  | { kind: 'network' };

function LoadedForm({ command, initial, onAccepted, compact, keepAfterSuccess }: { command: CatalogCommand } & Omit<CommandFormProps, 'endpoint' | 'asOf'>) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const [form] = Form.useForm();
  const [commandId, setCommandId] = useState(newCommandId);
  const [busy, setBusy] = useState<null | 'dry' | 'send'>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const sending = useRef(false);
  const labels = useMemo(() => codeLabelsOf(command), [command]);
  const hasCommandId = command.fields.some((f) => f.name === 'commandId');
  const fields = command.fields.filter((f) => f.name !== 'commandId');
  const initialValues = useMemo(() => formValuesOf(fields, initial ?? {}), [command, initial]); // eslint-disable-line react-hooks/exhaustive-deps

  const submit = async (dryRun: boolean) => {
    // A double click: the second press finds the first still going and does nothing (and the id would replay anyway).
    if (sending.current) return;
    let values: Record<string, unknown>;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    const body = { ...(hasCommandId ? { commandId } : {}), ...bodyOf(fields, values) };
    sending.current = true;
    setBusy(dryRun ? 'dry' : 'send');
    setOutcome(null);
    try {
      const answer = await apiSend<{ events?: AnsweredEvent[]; replayed?: boolean }>('POST', `${command.path}${dryRun ? '?dryRun=true' : ''}`, body);
      const events = answer?.events ?? [];
      setOutcome({ kind: 'accepted', dryRun, replayed: answer?.replayed === true, events });
      if (!dryRun) {
        setCommandId(newCommandId());
        if (!keepAfterSuccess) form.resetFields();
        onAccepted?.(events, body);
      }
    } catch (e) {
      if (e instanceof ApiError && e.status < 500) {
        const problem = problemOf(e.status, e.body);
        setOutcome({ kind: 'problem', problem });
        if (problem.kind === 'fields') {
          form.setFields(problem.fields.map((f) => ({ name: namePathOf(f.field), errors: f.constraints.map((c) => (en ? c.en : c.zh)) })));
        }
        // The API answered: this id's outcome is settled (a refusal is recorded under it), the corrected form is a new command.
        if (!dryRun) setCommandId(newCommandId());
      } else {
        // No answer, or a server error: keep the id, so a retry replays rather than records twice.
        setOutcome(e instanceof ApiError ? { kind: 'problem', problem: problemOf(e.status, e.body) } : { kind: 'network' });
      }
    } finally {
      sending.current = false;
      setBusy(null);
    }
  };

  return (
    <div data-testid="command-form" data-command={endpointOf(command)}>
      {compact ? null : (
        <Space orientation="vertical" size={4} style={{ marginBottom: 12 }}>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {inLanguage(command.title, en)} <Typography.Text type="secondary" style={{ fontSize: 13 }}>POST {command.path}</Typography.Text>
          </Typography.Title>
          {command.description ? <Typography.Text type="secondary">{command.description}</Typography.Text> : null}
          <span>
            {t('commands.form.roles')}：{command.roles.map((r) => <Tag key={r}>{r}</Tag>)}
          </span>
        </Space>
      )}
      {command.parameters.length > 0 ? <Parameters command={command} /> : null}
      <Form form={form} layout="vertical" initialValues={initialValues} name={`command-${endpointOf(command)}`} disabled={busy !== null} requiredMark>
        {hasCommandId ? (
          <Form.Item label={t('commands.form.commandId')} extra={t('commands.form.commandIdHelp')}>
            <Input value={commandId} readOnly data-testid="command-id" aria-label={t('commands.form.commandId')} />
          </Form.Item>
        ) : null}
        {fields.map((f) => (
          <FieldInput key={f.name} field={f} name={[f.name]} form={form} />
        ))}
        <Space wrap>
          {command.dryRun ? (
            <Button onClick={() => void submit(true)} loading={busy === 'dry'} data-testid="dry-run">
              {t('commands.form.dryRun')}
            </Button>
          ) : null}
          <Button type="primary" onClick={() => void submit(false)} loading={busy === 'send'} data-testid="send">
            {t('commands.form.send')}
          </Button>
          <Button onClick={() => { form.resetFields(); setOutcome(null); }} data-testid="reset">
            {t('commands.form.reset')}
          </Button>
        </Space>
      </Form>
      <div style={{ marginTop: 16 }} aria-live="polite">
        {outcome ? <OutcomeView outcome={outcome} labels={labels} /> : null}
      </div>
    </div>
  );
}

function OutcomeView({ outcome, labels }: { outcome: Outcome; labels: Map<string, Bilingual> }) {
  const { t } = useTranslation();
  if (outcome.kind === 'network') return <Alert type="error" showIcon data-testid="network-error" title={t('commands.form.network')} />;
  if (outcome.kind === 'problem') return <ProblemView problem={outcome.problem} labels={labels} />;
  const title = outcome.dryRun ? t('commands.form.dryOk', { count: outcome.events.length }) : outcome.replayed ? t('commands.form.replayed', { count: outcome.events.length }) : t('commands.form.sent', { count: outcome.events.length });
  return (
    <Alert
      type={outcome.dryRun ? 'info' : 'success'}
      showIcon
      data-testid={outcome.dryRun ? 'dry-run-ok' : 'accepted'}
      title={title}
      description={
        <ul style={{ margin: 0, paddingLeft: 20 }}>
          {outcome.events.map((e) => (
            <li key={e.eventId}>
              <code>{e.type}</code> → <code>{e.streamId}</code>
            </li>
          ))}
        </ul>
      }
    />
  );
}

/** The parameters in force that this command's rules read: value, source and a "default" tag. */
function Parameters({ command }: { command: CatalogCommand }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  // A parameter that lists codes (the high-risk duties) is shown in the words the command's own choices carry.
  const labels = useMemo(() => codeLabelsOf(command), [command]);
  return (
    <Card size="small" title={t('commands.form.parameters')} style={{ marginBottom: 16 }} data-testid="parameters">
      <Descriptions size="small" column={1}>
        {command.parameters.map((p) => (
          <Descriptions.Item key={p.key} label={p.description ? inLanguage(p.description, en) : p.key}>
            <Space orientation="vertical" size={0}>
              <Typography.Paragraph ellipsis={{ rows: 2, expandable: true }} style={{ marginBottom: 0 }}>
                {Array.isArray(p.value) && p.value.every((v) => typeof v === 'string') ? (
                  (p.value as string[]).map((code) => (
                    <Tag key={code} title={`${code} ${inLanguage(labels.get(code), en)}`} style={{ whiteSpace: 'normal' }}>
                      {labels.get(code) ? clip(inLanguage(labels.get(code), en)) : code}
                    </Tag>
                  ))
                ) : (
                  <code>{shown(p.value)}</code>
                )}
              </Typography.Paragraph>
              <span>
                {t('commands.form.source')}：{p.source} {p.isDefault ? <Tag color="orange">{t('commands.form.isDefault')}</Tag> : null}
              </span>
            </Space>
          </Descriptions.Item>
        ))}
      </Descriptions>
    </Card>
  );
}

/** A field's label: its words when the page has them, else its name; the DTO's description as a tooltip. */
function useLabel(field: { name: string; description?: string }) {
  const { t, i18n } = useTranslation();
  const key = `commands.field.${field.name}`;
  // English: the DTO's own name in words (`leadingOfficerIds` → "Leading officer ids"); Chinese: the page's words for it.
  const words = i18n.language === 'en' ? humanized(field.name) : i18n.exists(key) ? t(key) : field.name;
  return field.description ? (
    <Tooltip title={field.description}>
      <span>
        {words} <Typography.Text type="secondary" style={{ fontSize: 12 }}>({field.name})</Typography.Text>
      </span>
    </Tooltip>
  ) : words === field.name ? (
    words
  ) : (
    <span>
      {words} <Typography.Text type="secondary" style={{ fontSize: 12 }}>({field.name})</Typography.Text>
    </span>
  );
}

const humanized = (name: string): string => {
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return /^\d+$/.test(name) ? name : words.charAt(0).toUpperCase() + words.slice(1);
};

/** An option of a catalog list: its label, its article, and — for duties — what it needs. */
function EnumOption({ v }: { v: EnumValue }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  return (
    <Space orientation="vertical" size={0} style={{ whiteSpace: 'normal' }}>
      <span>
        {v.label ? inLanguage(v.label, en) : v.value} <Typography.Text type="secondary">{v.value}</Typography.Text>
      </span>
      {v.citation ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>{inLanguage(v.citation, en)}</Typography.Text> : null}
      <span>
        {v.forbidden ? <Tag color="red">{t('commands.form.forbidden')}</Tag> : null}
        {v.needsLeadingOfficer ? <Tag color="blue">{t('commands.form.leadingOfficer')}</Tag> : null}
        {typeof v.needsQualification === 'string' ? <Tag color="purple">{t('commands.form.qualification', { q: v.needsQualification })}</Tag> : null}
        {v.needsInsurance ? <Tag color="orange">{t('commands.form.insurance')}</Tag> : null}
        {v['needsNationalBasis'] === true ? <Tag>{t('commands.form.nationalBasis')}</Tag> : null}
      </span>
    </Space>
  );
}

const optionsOf = (values: EnumValue[], en: boolean) =>
  values.map((v) => ({
    value: v.value,
    label: <EnumOption v={v} />,
    // What the box shows once chosen, and what the search matches.
    short: `${v.label ? inLanguage(v.label, en).slice(0, 40) : v.value}`,
    search: `${v.value} ${v.label?.zh ?? ''} ${v.label?.en ?? ''} ${v.citation?.zh ?? ''}`.toLowerCase(),
    disabled: v.forbidden === true,
  }));

function rulesOf(f: Omit<CatalogField, 'name'> & { name?: string }, required: boolean, t: (k: string) => string) {
  const rules: Array<Record<string, unknown>> = [];
  if (required) rules.push({ required: true, message: t('commands.form.required') });
  if (f.type === 'string' && f.pattern) rules.push({ pattern: new RegExp(f.pattern), message: `${t('commands.form.pattern')}: ${f.pattern}` });
  if (f.type === 'string' && f.maxLength) rules.push({ max: f.maxLength });
  return rules;
}

/** One field of the catalog, by its kind (see fieldKind): the same list the coverage test checks. */
function FieldInput({ field, name, form, listItem, inOptional }: { field: CatalogField; name: Array<string | number>; form: FormInstance; listItem?: boolean; inOptional?: boolean }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const label = useLabel(field);
  const kind = fieldKind(field);
  // Inside an optional object (an Art. 21 (3) relaxation not claimed), nothing is required: the API judges a half-filled one (400 per field).
  const common = { name, label, rules: rulesOf(field, field.required && !inOptional, t) as never, tooltip: undefined };
  switch (kind) {
    case 'text':
    case 'commandId':
      return (
        <Form.Item {...common}>
          <Input placeholder={field.example !== undefined ? String(field.example) : undefined} />
        </Form.Item>
      );
    case 'integer':
    case 'number':
      return (
        <Form.Item {...common}>
          <InputNumber style={{ width: '100%' }} min={field.minimum} max={field.maximum} precision={kind === 'integer' ? 0 : undefined} placeholder={field.example !== undefined ? String(field.example) : undefined} />
        </Form.Item>
      );
    case 'boolean':
      return (
        <Form.Item {...common} valuePropName="checked" rules={[]}>
          <Switch checkedChildren={t('commands.form.yes')} unCheckedChildren={t('commands.form.no')} />
        </Form.Item>
      );
    case 'date':
      return (
        <Form.Item {...common}>
          <DatePicker style={{ width: '100%' }} format="YYYY-MM-DD" placeholder="YYYY-MM-DD" />
        </Form.Item>
      );
    case 'select':
    case 'multiSelect': {
      const values = (kind === 'select' ? field.enum : field.items?.enum) ?? [];
      return (
        <Form.Item {...common}>
          <Select
            mode={kind === 'multiSelect' ? 'multiple' : undefined}
            allowClear={!field.required}
            showSearch={{ filterOption: (input, option) => String((option as { search?: string })?.search ?? '').includes(input.toLowerCase()) }}
            placeholder={t('commands.form.select')}
            options={optionsOf(values, en)}
            optionLabelProp="short"
            popupMatchSelectWidth={false}
            listHeight={360}
            styles={{ popup: { root: { maxWidth: 640 } } }}
          />
        </Form.Item>
      );
    }
    case 'tags':
    case 'numberTags':
      return (
        <Form.Item {...common} rules={field.required ? [{ required: true, message: t('commands.form.required') }] : []}>
          <Select mode="tags" open={false} suffixIcon={null} tokenSeparators={[',', ' ', '，']} placeholder={field.items?.example !== undefined ? shown(field.items.example) : undefined} />
        </Form.Item>
      );
    case 'object':
      return (
        <Card size="small" title={label} style={{ marginBottom: 16 }} role="group" aria-label={field.name}>
          {(field.fields ?? []).map((g) => (
            <FieldInput key={g.name} field={g} name={[...name, g.name]} form={form} listItem={listItem} inOptional={inOptional || !field.required} />
          ))}
        </Card>
      );
    case 'list': {
      const item = field.items as NonNullable<CatalogField['items']>;
      return (
        <Form.Item label={label} required={field.required}>
          <Form.List name={name}>
            {(rows, { add, remove }) => (
              <>
                {rows.map((row) => (
                  <Card
                    key={row.key}
                    size="small"
                    style={{ marginBottom: 8 }}
                    extra={
                      <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(row.name)} aria-label={`${t('commands.form.remove')} ${field.name} ${row.name + 1}`}>
                        {t('commands.form.remove')}
                      </Button>
                    }
                  >
                    {item.type === 'object' ? (
                      (item.fields ?? []).map((g) => <FieldInput key={g.name} field={g} name={[row.name, g.name]} form={form} listItem />)
                    ) : (
                      <FieldInput field={{ ...(item as CatalogField), name: String(row.name + 1), required: true }} name={[row.name]} form={form} listItem />
                    )}
                  </Card>
                ))}
                <Button type="dashed" onClick={() => add()} icon={<PlusOutlined />} data-testid={`add-${field.name}`}>
                  {t('commands.form.add')}（{field.name}）
                </Button>
              </>
            )}
          </Form.List>
        </Form.Item>
      );
    }
    default:
      // The coverage test (commands.spec.ts) fails before a field the renderer cannot show reaches a page.
      return <Alert type="error" title={`${field.name}: ${field.type}`} />;
  }
}

/** Starting values in the form's own terms: dates as dayjs, nested objects and lists followed. */
function formValuesOf(fields: CatalogField[], initial: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const v = initial[f.name];
    if (v === undefined || v === null) continue;
    out[f.name] = formValueOf(f, v);
  }
  return out;
}

function formValueOf(f: Omit<CatalogField, 'name' | 'required'>, v: unknown): unknown {
  if (f.type === 'date' && typeof v === 'string') return dayjs(v);
  if (f.type === 'integer' || f.type === 'number') return typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v)) ? Number(v) : v;
  if (f.type === 'boolean' && typeof v === 'string') return v === 'true';
  if (f.type === 'object' && typeof v === 'object') return formValuesOf(f.fields ?? [], v as Record<string, unknown>);
  if (f.type === 'array') {
    const list = Array.isArray(v) ? v : typeof v === 'string' ? v.split(',').filter((x) => x !== '') : [];
    return f.items ? list.map((x) => formValueOf(f.items as CatalogField, x)) : list;
  }
  return v;
}
