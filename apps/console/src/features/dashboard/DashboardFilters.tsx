import { useRef, useState, type SyntheticEvent } from 'react';
import { describedBy, FieldError } from '../../components/form';
import { useT } from '../../i18n/i18n';
import { isProvince, NO_CHOICE, periodProblem, PROVINCES, type DashboardChoice } from './figures';

/** The province and the period the figures are for; applied when the person presses "Show". */
export function DashboardFilters({
  choice,
  onApply,
}: {
  readonly choice: DashboardChoice;
  readonly onApply: (choice: DashboardChoice) => void;
}) {
  const t = useT();
  const [draft, setDraft] = useState<DashboardChoice>(choice);
  const [problem, setProblem] = useState<'order' | undefined>(undefined);
  const toRef = useRef<HTMLInputElement>(null);

  const apply = (event: SyntheticEvent) => {
    event.preventDefault();
    const found = periodProblem(draft);
    setProblem(found);
    if (found) {
      toRef.current?.focus();
      return;
    }
    onApply(draft);
  };

  const clear = () => {
    setDraft(NO_CHOICE);
    setProblem(undefined);
    onApply(NO_CHOICE);
  };

  return (
    <form className="dashboard-filters" onSubmit={apply} noValidate aria-label={t('dashboard.filter.label')}>
      <div className="grid">
        <label>
          {t('dashboard.filter.province')}
          <select
            name="province"
            value={draft.province}
            onChange={(e) => setDraft({ ...draft, province: isProvince(e.target.value) ? e.target.value : '' })}
          >
            <option value="">{t('dashboard.filter.allProvinces')}</option>
            {PROVINCES.map((province) => (
              <option key={province} value={province}>
                {t(`dashboard.province.${province}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('dashboard.filter.from')}
          <input
            type="date"
            name="from"
            value={draft.from}
            max={draft.to || undefined}
            aria-describedby="dashboard-period-hint"
            onChange={(e) => setDraft({ ...draft, from: e.target.value })}
          />
        </label>
        <div>
          <label htmlFor="dashboard-to">{t('dashboard.filter.to')}</label>
          <input
            id="dashboard-to"
            ref={toRef}
            type="date"
            name="to"
            value={draft.to}
            min={draft.from || undefined}
            aria-invalid={problem ? true : undefined}
            aria-describedby={describedBy('dashboard-period-hint', problem && 'dashboard-to-error')}
            onChange={(e) => setDraft({ ...draft, to: e.target.value })}
          />
          <FieldError id="dashboard-to-error" messages={problem ? [{ key: 'dashboard.filter.toBeforeFrom' }] : []} />
        </div>
      </div>
      <small id="dashboard-period-hint">{t('dashboard.filter.periodHint')}</small>
      <div className="dashboard-filter-actions">
        <button type="submit">{t('dashboard.filter.apply')}</button>
        <button type="button" className="secondary" onClick={clear}>
          {t('dashboard.filter.clear')}
        </button>
      </div>
    </form>
  );
}
