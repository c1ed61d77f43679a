import { useCallback, useEffect, useRef, useState } from 'react';
import { useQuery } from '../../api/hooks';
import type { PageProps } from '../../app/page';
import { Link } from '../../app/router';
import { AgencyName } from '../../components/agency';
import { DueTime, ErrorNotice, Loading, OfflineBanner } from '../../components/feedback';
import type { CaseFileTransmissionStatus, ConsoleProsecutionIncomingCaseFilesQuery } from '../../gql/graphql';
import { useKivuTime, useT } from '../../i18n/i18n';
import { CommandForm, type CommandDocument, type FieldSpec } from './CommandForm';
import { CaseFileSuspectsQuery, IncomingCaseFilesQuery, ReceiveCaseFileMutation } from './operations';
import {
  CommandConflict,
  PendingCommands,
  RefusedCommands,
  useCommandsFor,
  useRefreshWhenLanded,
} from '../../components/commands';
import { shortId } from './vocabulary';
import './prosecution.css';

export type CaseFileData = ConsoleProsecutionIncomingCaseFilesQuery['incomingCaseFiles']['nodes'][number];

type Show = 'waiting' | 'overdue' | 'acknowledged';

function filterOf(show: Show): { first: number; overdue?: boolean; status?: CaseFileTransmissionStatus } {
  if (show === 'overdue') return { first: 100, overdue: true };
  if (show === 'acknowledged') return { first: 100, status: 'ACKNOWLEDGED' };
  return { first: 100 };
}

/** A suspect's role as the investigation records it (`RECRUITER`), as the case file lists it (`recruiter`). */
const roleOf = (role: string) => role.toLowerCase();

/**
 * The acknowledgement of one case file: it opens the office's prosecution of it. The suspects are listed
 * as the case file gives them, each with the role the investigation recorded (read when the office may
 * read the investigation; typed in otherwise).
 */
export function ReceiveCaseFileForm({
  caseFile,
  onReceived,
}: {
  readonly caseFile: CaseFileData;
  readonly onReceived: (prosecutionId: string | undefined) => void;
}) {
  const t = useT();
  const time = useKivuTime();
  const investigation = useQuery(CaseFileSuspectsQuery, { investigationId: caseFile.investigationId });
  const recorded = investigation.data?.investigation.suspects ?? [];
  if (investigation.loading && !investigation.data) return <Loading />;

  const fields: FieldSpec<string>[] = caseFile.suspectIds.map((suspectId, i) => {
    const known = recorded.find((s) => s.suspectId === suspectId);
    return {
      name: `role.${String(i)}`,
      kind: 'text',
      label: 'prosecution.receive.role.field',
      labelText: t('prosecution.receive.role', { mark: shortId(suspectId) }),
      hint: 'prosecution.receive.role.hint',
      required: true,
      maxLength: 100,
      ...(known ? { initial: roleOf(known.role) } : {}),
    };
  });

  return (
    <CommandForm
      mutation="receiveCaseFile"
      document={ReceiveCaseFileMutation as CommandDocument}
      subject={{ kind: 'caseFile', id: caseFile.caseFileId }}
      title="prosecution.receive.title"
      submit="prosecution.receive.submit"
      intro={
        <dl className="prosecution-facts">
          <dt>{t('prosecution.field.caseFile')}</dt>
          <dd>{caseFile.reference ?? t('prosecution.caseFile.name', { date: time.date(caseFile.transmittedAt) })}</dd>
          <dt>{t('prosecution.field.fromPolice')}</dt>
          <dd>
            <AgencyName id={caseFile.fromAgencyId} agency={caseFile.fromAgency} />
          </dd>
          <dt>{t('prosecution.field.summary')}</dt>
          <dd>{caseFile.summary}</dd>
          <dt>{t('prosecution.field.evidence')}</dt>
          <dd>{t('prosecution.caseFile.evidenceCount', { count: caseFile.evidenceIds.length })}</dd>
          {caseFile.suspectIds.length === 0 ? (
            <>
              <dt>{t('prosecution.field.suspects')}</dt>
              <dd>{t('prosecution.receive.noSuspects')}</dd>
            </>
          ) : null}
        </dl>
      }
      fields={fields}
      fieldOf={(apiField) => {
        const m = /^suspects\.(\d+)(?:\.role)?$/.exec(apiField);
        return m ? `role.${m[1] ?? '0'}` : null;
      }}
      toInput={(v) => ({
        caseFileId: caseFile.caseFileId,
        jointCaseId: caseFile.jointCaseId,
        investigationId: caseFile.investigationId,
        fromPoliceAgencyId: caseFile.fromAgencyId,
        suspects: caseFile.suspectIds.map((suspectId, i) => ({
          suspectId,
          role: (v[`role.${String(i)}`] ?? '').trim(),
        })),
      })}
      onAcknowledged={(_mutation, answer) =>
        onReceived((answer as { prosecutionId?: string } | undefined)?.prosecutionId)
      }
    />
  );
}

/** What this device holds for one case file's acknowledgement. */
function CaseFileCommands({ caseFileId, refresh }: { readonly caseFileId: string; readonly refresh: () => void }) {
  const { pending, conflicts, refused } = useCommandsFor('caseFile', caseFileId);
  useRefreshWhenLanded(pending.length, refresh);
  return (
    <>
      <PendingCommands entries={pending} testId="prosecution-pending" />
      {conflicts.map((entry) => (
        <CommandConflict
          key={entry.commandId}
          entry={entry}
          currentRevision={undefined}
          checkKey="prosecution.conflict.check"
          testId="prosecution-conflict"
        />
      ))}
      <RefusedCommands entries={refused} />
    </>
  );
}

/**
 * `/case-files`: the case files the police sent the office, soonest due first, those past their due
 * time flagged; acknowledging one opens its prosecution.
 */
export function CaseFilesPage(_props: PageProps) {
  const t = useT();
  const time = useKivuTime();
  const [show, setShow] = useState<Show>('waiting');
  const { data, error, loading, offlineAsOf, refresh } = useQuery(IncomingCaseFilesQuery, { filter: filterOf(show) });
  const [selected, setSelected] = useState<string>();
  const [received, setReceived] = useState<{ prosecutionId: string | undefined }>();
  const formRef = useRef<HTMLElement>(null);
  const receivedRef = useRef<HTMLParagraphElement>(null);
  // Acknowledged: its form is gone, so the focus goes to the sentence that links to the prosecution.
  useEffect(() => {
    if (received) receivedRef.current?.focus();
  }, [received]);
  const rows = data?.incomingCaseFiles.nodes ?? [];
  const caseFile = rows.find((f) => f.caseFileId === selected);

  useEffect(() => {
    if (selected) formRef.current?.querySelector<HTMLElement>('h2')?.focus();
  }, [selected]);

  const onReceived = useCallback(
    (prosecutionId: string | undefined) => {
      setSelected(undefined);
      setReceived({ prosecutionId });
      refresh();
    },
    [refresh],
  );

  return (
    <section>
      <h1 tabIndex={-1}>{t('prosecution.caseFiles.title')}</h1>
      <OfflineBanner asOf={offlineAsOf} />
      {received ? (
        <p ref={receivedRef} tabIndex={-1} role="status" className="banner" data-testid="case-file-received">
          {t('prosecution.receive.done')}{' '}
          {received.prosecutionId ? (
            <Link href={`/prosecutions/${encodeURIComponent(received.prosecutionId)}`}>
              {t('prosecution.receive.open')}
            </Link>
          ) : null}
        </p>
      ) : null}
      {selected ? <CaseFileCommands caseFileId={selected} refresh={refresh} /> : null}
      <label htmlFor="case-files-show">{t('prosecution.caseFiles.show')}</label>
      <select id="case-files-show" value={show} onChange={(e) => setShow(e.target.value as Show)}>
        <option value="waiting">{t('prosecution.caseFiles.show.waiting')}</option>
        <option value="overdue">{t('prosecution.caseFiles.show.overdue')}</option>
        <option value="acknowledged">{t('prosecution.caseFiles.show.acknowledged')}</option>
      </select>
      <ErrorNotice error={error} />
      {loading && !data ? (
        <Loading />
      ) : data && rows.length === 0 ? (
        <p>{t('prosecution.caseFiles.none')}</p>
      ) : rows.length > 0 ? (
        <div className="table-scroll">
          <table>
            <caption>{t('prosecution.caseFiles.caption', { count: rows.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('prosecution.column.caseFile')}</th>
                <th scope="col">{t('prosecution.column.police')}</th>
                <th scope="col">{t('prosecution.column.due')}</th>
                <th scope="col">{t('prosecution.column.status')}</th>
                <th scope="col">{t('prosecution.column.action')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((f) => (
                <tr key={f.caseFileId} className={f.overdue ? 'row-overdue' : undefined}>
                  <th scope="row">
                    <Link href={`/cases/${encodeURIComponent(f.jointCaseId)}`}>
                      {f.reference ?? t('prosecution.caseFile.name', { date: time.date(f.transmittedAt) })}
                    </Link>
                    <br />
                    <small>{t('prosecution.caseFile.transmitted', { date: time.dateTime(f.transmittedAt) })}</small>
                  </th>
                  <td>
                    <AgencyName id={f.fromAgencyId} agency={f.fromAgency} />
                  </td>
                  <td>
                    {f.acknowledgedAt ? (
                      t('prosecution.caseFile.acknowledgedOn', { date: time.dateTime(f.acknowledgedAt) })
                    ) : (
                      <DueTime dueBy={f.dueBy} overdue={f.overdue} />
                    )}
                  </td>
                  <td>{t(`prosecution.caseFileStatus.${f.status}`)}</td>
                  <td>
                    {f.status === 'ACKNOWLEDGED' ? (
                      t('common.none')
                    ) : (
                      <button
                        type="button"
                        aria-expanded={selected === f.caseFileId}
                        aria-controls="receive-case-file"
                        onClick={() => {
                          setReceived(undefined);
                          setSelected(selected === f.caseFileId ? undefined : f.caseFileId);
                        }}
                      >
                        {t('prosecution.caseFiles.acknowledge', {
                          name: f.reference ?? t('prosecution.caseFile.name', { date: time.date(f.transmittedAt) }),
                        })}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <section id="receive-case-file" ref={formRef} aria-label={t('prosecution.receive.title')}>
        {caseFile ? (
          <>
            <h2 tabIndex={-1}>
              {t('prosecution.receive.heading', {
                name: caseFile.reference ?? t('prosecution.caseFile.name', { date: time.date(caseFile.transmittedAt) }),
              })}
            </h2>
            <ReceiveCaseFileForm key={caseFile.caseFileId} caseFile={caseFile} onReceived={onReceived} />
          </>
        ) : null}
      </section>
    </section>
  );
}
