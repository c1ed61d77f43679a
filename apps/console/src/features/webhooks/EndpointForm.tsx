import { useState, type ReactNode, type SyntheticEvent } from 'react';
import { useIntl } from 'react-intl';
import { type ApiError } from '../../api/errors';
import { useQuery } from '../../api/hooks';
import { CheckboxGroup, describedBy, FieldError, type FieldMessage } from '../../components/form';
import { ErrorNotice, Loading } from '../../components/feedback';
import type { WebhookProvince } from '../../gql/graphql';
import { useT } from '../../i18n/i18n';
import { TextControl, useFormFeedback } from '../sites/formKit';
import { WebhookEventTypesQuery } from './documents';
import { KNOWN_CONTEXTS, LIMITS, PROVINCES, SITE_CODE, siteCodesOf, urlProblems, webhookReason } from './vocabulary';

export const ENDPOINT_LABELS = {
  url: 'webhooks.field.url',
  description: 'webhooks.field.description',
  eventTypes: 'webhooks.field.eventTypes',
  provinces: 'webhooks.field.provinces',
  siteCodes: 'webhooks.field.siteCodes',
} as const;
type Field = keyof typeof ENDPOINT_LABELS;

/** What an endpoint subscribes to, as the form holds it. */
export interface Subscription {
  readonly url: string;
  readonly description: string;
  readonly eventTypes: readonly string[];
  readonly provinces: readonly WebhookProvince[];
  readonly siteCodes: string;
}

export const EMPTY_SUBSCRIPTION: Subscription = {
  url: '',
  description: '',
  eventTypes: [],
  provinces: [],
  siteCodes: '',
};

/** The command's input for a subscription the form checked. */
export function subscriptionInput(s: Subscription) {
  return {
    url: s.url.trim(),
    description: s.description.trim() === '' ? null : s.description.trim(),
    eventTypes: [...s.eventTypes],
    provinces: [...s.provinces],
    siteCodes: siteCodesOf(s.siteCodes),
  };
}

export type EndpointFormKit = ReturnType<typeof useFormFeedback<Field>>;

/** The form's feedback, and the API's refusal with each field's reason in this feature's words. */
export function useEndpointForm(formId: string) {
  const kit = useFormFeedback(formId, ENDPOINT_LABELS);
  const refused = (error: ApiError) => {
    const problems = error.details.fields ?? [];
    const fieldOf = (apiField: string) => apiField.replace(/^input\./, '').split('.')[0] ?? '';
    if (problems.length === 0 || !problems.every((p) => fieldOf(p.field) in ENDPOINT_LABELS)) {
      kit.refused(error);
      return;
    }
    const found: Partial<Record<Field, FieldMessage[]>> = {};
    for (const p of problems) (found[fieldOf(p.field) as Field] ??= []).push(webhookReason(p.reason));
    kit.check(found);
  };
  const check = (s: Subscription): boolean => {
    const codes = siteCodesOf(s.siteCodes);
    const badCodes = codes.filter((c) => !SITE_CODE.test(c));
    return kit.check({
      url: urlProblems(s.url),
      description:
        s.description.trim().length > LIMITS.maxDescriptionLength
          ? [{ key: 'form.problem.tooLong', values: { max: LIMITS.maxDescriptionLength } }]
          : [],
      eventTypes: s.eventTypes.length === 0 ? [{ key: 'webhooks.problem.noEventType' }] : [],
      siteCodes:
        badCodes.length > 0
          ? [{ key: 'webhooks.problem.siteCodes', values: { codes: badCodes.join(', ') } }]
          : codes.length > LIMITS.maxSiteCodes
            ? [{ key: 'webhooks.problem.tooManySites', values: { max: LIMITS.maxSiteCodes } }]
            : [],
    });
  };
  return { kit, refused, check };
}

/**
 * The fields of a subscription: where to send, a description, the event types (from the platform's
 * catalogue, grouped by the context that records them, each with its description), and an optional filter
 * by province and by mine site.
 */
export function EndpointForm({
  kit,
  initial,
  submitLabel,
  busy,
  onSubmit,
  children,
}: {
  readonly kit: EndpointFormKit;
  readonly initial: Subscription;
  readonly submitLabel: string;
  readonly busy: boolean;
  readonly onSubmit: (s: Subscription) => void;
  readonly children?: ReactNode;
}) {
  const t = useT();
  const [s, setS] = useState<Subscription>(initial);
  const set = <K extends keyof Subscription>(key: K, value: Subscription[K]) => setS((v) => ({ ...v, [key]: value }));
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    onSubmit(s);
  };
  return (
    <form noValidate onSubmit={submit}>
      {kit.top}
      <TextControl
        kit={kit}
        field="url"
        label={t(ENDPOINT_LABELS.url)}
        hint={t('webhooks.field.url.hint')}
        value={s.url}
        onChange={(v) => set('url', v)}
      />
      <TextControl
        kit={kit}
        field="description"
        label={t(ENDPOINT_LABELS.description)}
        hint={t('webhooks.field.description.hint')}
        value={s.description}
        onChange={(v) => set('description', v)}
      />
      <EventTypeChoice kit={kit} values={s.eventTypes} onChange={(v) => set('eventTypes', v)} />
      <fieldset>
        <legend>{t('webhooks.field.filter')}</legend>
        <small className="field-hint">{t('webhooks.field.filter.hint')}</small>
        <CheckboxGroup
          id={kit.controlId('provinces')}
          name="provinces"
          legend={t(ENDPOINT_LABELS.provinces)}
          hint={t('webhooks.field.provinces.hint')}
          options={PROVINCES}
          label={(p) => t(`webhooks.province.${p}`)}
          errors={kit.errorsOf('provinces')}
          values={s.provinces}
          onChange={(v) => set('provinces', v)}
        />
        <TextControl
          kit={kit}
          field="siteCodes"
          label={t(ENDPOINT_LABELS.siteCodes)}
          hint={t('webhooks.field.siteCodes.hint')}
          value={s.siteCodes}
          multiline
          onChange={(v) => set('siteCodes', v)}
        />
      </fieldset>
      {children}
      <button type="submit" aria-busy={busy || undefined}>
        {submitLabel}
      </button>
    </form>
  );
}

function EventTypeChoice({
  kit,
  values,
  onChange,
}: {
  readonly kit: EndpointFormKit;
  readonly values: readonly string[];
  readonly onChange: (values: string[]) => void;
}) {
  const t = useT();
  const intl = useIntl();
  const { data, error, loading } = useQuery(WebhookEventTypesQuery, {});
  const id = kit.controlId('eventTypes');
  const invalid = kit.invalid('eventTypes');
  const groups = new Map<string, { type: string; description: string }[]>();
  for (const e of data?.webhookEventTypes ?? []) groups.set(e.context, [...(groups.get(e.context) ?? []), e]);
  const contextName = (context: string) =>
    KNOWN_CONTEXTS.has(context) && intl.messages[`webhooks.context.${context}`]
      ? t(`webhooks.context.${context}`)
      : context;
  let first = true;
  return (
    <fieldset aria-describedby={describedBy(`${id}-hint`, invalid && `${id}-error`)}>
      <legend>{t(ENDPOINT_LABELS.eventTypes)}</legend>
      <small id={`${id}-hint`} className="field-hint">
        {t('webhooks.field.eventTypes.hint')}
      </small>
      <FieldError id={`${id}-error`} messages={kit.errorsOf('eventTypes')} />
      {error ? <ErrorNotice error={error} /> : null}
      {!data && loading ? <Loading /> : null}
      {[...groups.entries()].map(([context, types]) => (
        <fieldset key={context} className="webhooks-context">
          <legend>{contextName(context)}</legend>
          {types.map((e) => {
            const controlId = first ? id : `${id}-${e.type}`;
            first = false;
            return (
              <div key={e.type} className="webhooks-event-type">
                <label htmlFor={controlId}>
                  <input
                    type="checkbox"
                    id={controlId}
                    name="eventTypes"
                    value={e.type}
                    checked={values.includes(e.type)}
                    aria-invalid={invalid || undefined}
                    aria-describedby={`${controlId}-description`}
                    onChange={(event) =>
                      onChange(event.target.checked ? [...values, e.type] : values.filter((v) => v !== e.type))
                    }
                  />
                  <code>{e.type}</code>
                </label>
                <small id={`${controlId}-description`} className="field-hint">
                  {e.description}
                </small>
              </div>
            );
          })}
        </fieldset>
      ))}
    </fieldset>
  );
}
