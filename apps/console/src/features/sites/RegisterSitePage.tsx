import { useState, type SyntheticEvent } from 'react';
import type { PageProps } from '../../app/page';
import { Link, navigate } from '../../app/router';
import { CheckboxGroup, describedBy, RadioGroup, type FieldMessage } from '../../components/form';
import type { MineSiteMineral, MineSiteProvince, MineSiteTerritory } from '../../gql/graphql';
import { useT } from '../../i18n/i18n';
import { RegisterMineSiteMutation } from './documents';
import { CommandState, TextControl, useFormFeedback, useSiteCommand } from './formKit';
import { sitePath } from './SiteMap';
import {
  CODE_PREFIX,
  LATITUDE,
  LONGITUDE,
  MAX_NAME,
  MINERALS,
  PROVINCES,
  SITE_CODE,
  TERRITORIES_BY_PROVINCE,
} from './vocabulary';
import './sites.css';

const LABELS = {
  code: 'sites.register.code',
  name: 'sites.register.name',
  province: 'sites.register.province',
  territory: 'sites.register.territory',
  minerals: 'sites.register.minerals',
  latitude: 'sites.register.latitude',
  longitude: 'sites.register.longitude',
} as const;
const FORM_ID = 'register-site';

/** A decimal number as people type it here (a comma or a point), or undefined. */
function decimal(value: string): number | undefined {
  const text = value.trim().replace(',', '.');
  if (!/^-?\d+(\.\d+)?$/.test(text)) return undefined;
  return Number(text);
}

function coordinateProblems(value: string, range: { readonly min: number; readonly max: number }): FieldMessage[] {
  const n = decimal(value);
  if (value.trim() === '') return [{ key: 'form.problem.required' }];
  if (n === undefined) return [{ key: 'form.problem.number' }];
  return n < range.min || n > range.max ? [{ key: 'sites.problem.outsideKivu', values: range }] : [];
}

/** `/sites/new`: add a site to the registry; it starts BLUE (not verified), and its page opens. */
export function RegisterSitePage(_props: PageProps) {
  const t = useT();
  const kit = useFormFeedback(FORM_ID, LABELS);
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [province, setProvince] = useState<MineSiteProvince | ''>('');
  const [territory, setTerritory] = useState<MineSiteTerritory | ''>('');
  const [minerals, setMinerals] = useState<MineSiteMineral[]>([]);
  const [latitude, setLatitude] = useState('');
  const [longitude, setLongitude] = useState('');
  const command = useSiteCommand({
    document: RegisterMineSiteMutation,
    mutation: 'registerMineSite',
    label: 'sites.action.registerMineSite',
    onAcknowledged: ({ answer }) => {
      const registered = (answer as { code?: string } | undefined)?.code;
      navigate(sitePath(registered ?? code.trim().toUpperCase()));
    },
    onRefused: kit.refused,
  });

  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    const siteCode = code.trim().toUpperCase();
    const codeProblems: FieldMessage[] =
      siteCode === ''
        ? [{ key: 'form.problem.required' }]
        : !SITE_CODE.test(siteCode)
          ? [{ key: 'sites.problem.code' }]
          : province !== '' && !siteCode.startsWith(`${CODE_PREFIX[province]}-`)
            ? [{ key: 'sites.problem.codePrefix', values: { prefix: CODE_PREFIX[province] } }]
            : [];
    const ok = kit.check({
      code: codeProblems,
      name:
        name.trim() === ''
          ? [{ key: 'form.problem.required' }]
          : name.trim().length > MAX_NAME
            ? [{ key: 'form.problem.tooLong', values: { max: MAX_NAME } }]
            : [],
      province: province === '' ? [{ key: 'form.problem.choose' }] : [],
      territory: territory === '' ? [{ key: 'form.problem.choose' }] : [],
      minerals: minerals.length === 0 ? [{ key: 'sites.problem.minerals' }] : [],
      latitude: coordinateProblems(latitude, LATITUDE),
      longitude: coordinateProblems(longitude, LONGITUDE),
    });
    if (!ok || province === '' || territory === '') return;
    void command.send({
      code: siteCode,
      name: name.trim(),
      province,
      territory,
      minerals,
      latitude: decimal(latitude) ?? 0,
      longitude: decimal(longitude) ?? 0,
    });
  };

  const territoryProps = kit.control('territory');
  return (
    <section>
      <h1 tabIndex={-1}>{t('sites.register.title')}</h1>
      <p>{t('sites.register.intro')}</p>
      <p>
        <Link href="/sites">{t('sites.back')}</Link>
      </p>
      <form noValidate onSubmit={submit}>
        {kit.top}
        <TextControl
          kit={kit}
          field="code"
          label={t(LABELS.code)}
          hint={t('sites.register.code.hint')}
          value={code}
          onChange={setCode}
        />
        <TextControl kit={kit} field="name" label={t(LABELS.name)} value={name} onChange={setName} />
        <RadioGroup
          id={kit.controlId('province')}
          name="province"
          legend={t(LABELS.province)}
          options={PROVINCES}
          label={(p) => t(`sites.province.${p}`)}
          value={province}
          onChange={(p) => {
            setProvince(p);
            // A territory of the other province no longer fits.
            setTerritory((current) => (current !== '' && TERRITORIES_BY_PROVINCE[p].includes(current) ? current : ''));
          }}
          errors={kit.errorsOf('province')}
        />
        <label htmlFor={territoryProps.id}>{t(LABELS.territory)}</label>
        <select
          {...territoryProps}
          value={territory}
          disabled={province === ''}
          aria-describedby={describedBy(`${FORM_ID}-territory-hint`, territoryProps['aria-describedby'])}
          onChange={(e) => setTerritory(e.target.value as MineSiteTerritory | '')}
        >
          <option value="">{t('sites.form.choose')}</option>
          {(province === '' ? [] : TERRITORIES_BY_PROVINCE[province]).map((territoryOption) => (
            <option key={territoryOption} value={territoryOption}>
              {t(`sites.territory.${territoryOption}`)}
            </option>
          ))}
        </select>
        <small id={`${FORM_ID}-territory-hint`} className="field-hint">
          {t('sites.register.territory.hint')}
        </small>
        {kit.errorBeside('territory')}
        <CheckboxGroup
          id={kit.controlId('minerals')}
          name="minerals"
          legend={t(LABELS.minerals)}
          options={MINERALS}
          label={(m) => t(`sites.mineral.${m}`)}
          values={minerals}
          onChange={setMinerals}
          errors={kit.errorsOf('minerals')}
        />
        <fieldset>
          <legend>{t('sites.register.place')}</legend>
          <TextControl
            kit={kit}
            field="latitude"
            inputMode="decimal"
            label={t(LABELS.latitude)}
            hint={t('sites.register.latitude.hint', LATITUDE)}
            value={latitude}
            onChange={setLatitude}
          />
          <TextControl
            kit={kit}
            field="longitude"
            inputMode="decimal"
            label={t(LABELS.longitude)}
            hint={t('sites.register.longitude.hint', LONGITUDE)}
            value={longitude}
            onChange={setLongitude}
          />
        </fieldset>
        <CommandState command={command} />
        <button type="submit" aria-busy={command.status.kind === 'sending' || undefined}>
          {t('sites.register.submit')}
        </button>
      </form>
    </section>
  );
}
