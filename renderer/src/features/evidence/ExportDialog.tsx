/**
 * "Export evidence…": scope (whole / one order / date range), translations and attachments on or
 * off, claim and dispute id; builds and self-verifies the bundle off the UI thread, saves it via
 * the host, and offers to print the report (PDF on the desktop, the print dialog in a browser).
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateField } from '../../ui/DateField';
import type { TFunction } from 'i18next';
import { host, isElectron, saveBlob } from '../../host';
import { useSession } from '../../sync/session';
import { localTimeZone } from '../../domain/days';
import type { PrintFile } from '../../../../shared/hostApi';
import { exportEvidence, type ExportProgress, type ExportResult } from './exportEvidence';
import { printableReportOf } from './printable';
import { countInScope, scopeFromForm, type ScopeForm, type ScopeKind } from './scope';
import './evidence.css';

interface Props {
  conversationId: string;
  partner: string;
  orders: string[];
  initialOrder: string | null;
  onClose: () => void;
}

type Phase =
  | { kind: 'form' }
  | { kind: 'working'; progress: ExportProgress }
  | { kind: 'done'; result: ExportResult; saved: string | null };

const today = (): string => new Date().toISOString().slice(0, 10);

export function ExportDialog({
  conversationId,
  partner,
  orders,
  initialOrder,
  onClose,
}: Props): React.JSX.Element {
  const { t } = useTranslation();
  const { db, engine } = useSession();
  const id = useId();
  const ref = useRef<HTMLDialogElement>(null);
  const [form, setForm] = useState<ScopeForm>({
    kind: initialOrder ? 'order' : 'whole',
    orderNo: initialOrder ?? orders[0] ?? '',
    fromDate: today(),
    toDate: today(),
  });
  const [translations, setTranslations] = useState(true);
  const [attachments, setAttachments] = useState(true);
  const [claim, setClaim] = useState('');
  const [disputeId, setDisputeId] = useState('');
  const [phase, setPhase] = useState<Phase>({ kind: 'form' });
  const [printNote, setPrintNote] = useState<string | null>(null);
  const zone = localTimeZone();
  const scope = scopeFromForm(form, zone);
  const count = useLiveQuery(
    async () =>
      scope.ok
        ? countInScope(
            await db.messages
              .where('[conversationId+sort]')
              .between([conversationId, -Infinity], [conversationId, Infinity])
              .toArray(),
            scope.scope,
          )
        : 0,
    [db, conversationId, JSON.stringify(scope)],
  );

  useEffect(() => {
    ref.current?.showModal();
  }, []);

  const run = async (): Promise<void> => {
    if (!scope.ok) return;
    setPhase({ kind: 'working', progress: { stage: 'attesting' } });
    const info = await host.info(undefined);
    const desktop = info.ok && info.value.kind === 'electron';
    const result = await exportEvidence(
      db,
      engine,
      {
        conversationId,
        partner,
        scope: scope.scope,
        options: { translations, attachments },
        claim,
        disputeId,
        timeZone: zone,
        ...(desktop
          ? {
              printPdf: async (html: string, files: PrintFile[]) => {
                const r = await host.printToPdf({ html, files });
                return r.ok ? r.value : null;
              },
            }
          : {}),
      },
      (progress) => setPhase({ kind: 'working', progress }),
    );
    let saved: string | null = null;
    // Only a bundle that passed its own verification is offered for saving.
    if (result.ok && result.check.ok) {
      // The Blob the worker wrote: downloaded as it is in a browser, read only now (the worker
      // gone) to cross to the desktop's main process.
      const s = await saveBlob({ suggestedName: result.fileName, mime: 'application/zip', blob: result.zip });
      if (s.ok && s.value.saved) saved = s.value.path ?? result.fileName;
    }
    setPhase({ kind: 'done', result, saved });
  };

  const print = async (zip: Blob): Promise<void> => {
    const html = printableReportOf(new Uint8Array(await zip.arrayBuffer()));
    if (html === null) return;
    const r = await host.printToPdf({ html });
    if (r.ok) {
      await host.saveFile({
        suggestedName: 'report.pdf',
        mime: 'application/pdf',
        data: r.value as Uint8Array<ArrayBuffer>,
      });
      setPrintNote(null);
    } else setPrintNote(isElectron ? t('evidence.failed', { reason: r.message }) : t('evidence.printOpened'));
  };

  const scopeError = !scope.ok
    ? {
        orderRequired: t('evidence.orderScopeRequired'),
        datesRequired: t('evidence.datesRequired'),
        datesOrder: t('evidence.datesOrder'),
      }[scope.error]
    : null;

  return (
    <dialog ref={ref} className="export-dialog" aria-labelledby={`${id}-title`} onClose={onClose}>
      <h2 id={`${id}-title`}>{t('evidence.exportTitle')}</h2>
      <p className="muted">{t('evidence.exportIntro')}</p>
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          void run();
        }}
      >
        <fieldset disabled={phase.kind === 'working'}>
          <legend>{t('evidence.scope')}</legend>
          {(['whole', 'order', 'dateRange'] as ScopeKind[]).map((k) => (
            <label key={k} className="radio">
              <input
                type="radio"
                name={`${id}-scope`}
                checked={form.kind === k}
                onChange={() => setForm({ ...form, kind: k })}
              />
              {t(
                k === 'whole'
                  ? 'evidence.scopeWhole'
                  : k === 'order'
                    ? 'evidence.scopeOrder'
                    : 'evidence.scopeRange',
              )}
            </label>
          ))}
          {form.kind === 'order' && (
            <label className="field">
              <span>{t('evidence.orderNo')}</span>
              <input
                list={`${id}-orders`}
                value={form.orderNo}
                onChange={(e) => setForm({ ...form, orderNo: e.target.value })}
              />
              <datalist id={`${id}-orders`}>
                {orders.map((o) => (
                  <option key={o} value={o} />
                ))}
              </datalist>
            </label>
          )}
          {form.kind === 'dateRange' && (
            <div className="date-range">
              <label className="field">
                <span>{t('evidence.from')}</span>
                <DateField value={form.fromDate} onChange={(v) => setForm({ ...form, fromDate: v })} />
              </label>
              <label className="field">
                <span>{t('evidence.to')}</span>
                <DateField value={form.toDate} onChange={(v) => setForm({ ...form, toDate: v })} />
              </label>
            </div>
          )}
          {scopeError ? (
            <p className="field-error" role="alert">
              {scopeError}
            </p>
          ) : (
            <p className="muted">{t('evidence.inScope', { count: count ?? 0 })}</p>
          )}
        </fieldset>
        <fieldset disabled={phase.kind === 'working'}>
          <label className="check">
            <input
              type="checkbox"
              checked={translations}
              onChange={(e) => setTranslations(e.target.checked)}
            />
            {t('evidence.withTranslations')}
          </label>
          <label className="check">
            <input type="checkbox" checked={attachments} onChange={(e) => setAttachments(e.target.checked)} />
            {t('evidence.withAttachments')}
          </label>
          <label className="field">
            <span>{t('evidence.claim')}</span>
            <textarea
              rows={3}
              dir="auto"
              value={claim}
              maxLength={4000}
              placeholder={t('evidence.claimPlaceholder')}
              onChange={(e) => setClaim(e.target.value)}
            />
          </label>
          <label className="field">
            <span>{t('evidence.disputeId')}</span>
            <input value={disputeId} maxLength={100} onChange={(e) => setDisputeId(e.target.value)} />
          </label>
        </fieldset>
        <div className="export-status" aria-live="polite">
          {phase.kind === 'working' && (
            <p role="status">
              <progress
                value={phase.progress.total ? (phase.progress.done ?? 0) : undefined}
                max={phase.progress.total || undefined}
                aria-label={stageText(t, phase.progress)}
              />{' '}
              {stageText(t, phase.progress)}
            </p>
          )}
          {phase.kind === 'done' && (
            <Outcome result={phase.result} saved={phase.saved} onPrint={(zip) => void print(zip)} />
          )}
          {printNote && <p role="status">{printNote}</p>}
        </div>
        <div className="dialog-actions">
          <button type="button" className="button-ghost" onClick={() => ref.current?.close()}>
            {t('evidence.close')}
          </button>
          <button type="submit" className="button-primary" disabled={!scope.ok || phase.kind === 'working'}>
            {phase.kind === 'done' && phase.result.ok ? t('evidence.saveAgain') : t('evidence.export')}
          </button>
        </div>
      </form>
    </dialog>
  );
}

function stageText(t: TFunction, p: ExportProgress): string {
  switch (p.stage) {
    case 'attesting':
      return t('evidence.stage_attesting');
    case 'collecting':
      return t('evidence.stage_collecting');
    case 'attachments':
      return t('evidence.stage_attachments', { done: String(p.done ?? 0), total: String(p.total ?? 0) });
    case 'building':
      return t('evidence.stage_building');
    case 'verifying':
      return t('evidence.stage_verifying');
    case 'printing':
      return t('evidence.stage_printing');
  }
}

function Outcome({
  result,
  saved,
  onPrint,
}: {
  result: ExportResult;
  saved: string | null;
  /** Prints report.html, read from the bundle's zip only now (it is large: exportEvidence.ts). */
  onPrint: (zip: Blob) => void;
}): React.JSX.Element {
  const { t } = useTranslation();
  if (!result.ok) {
    return (
      <p role="alert" className="field-error">
        {t('evidence.failed', { reason: result.message })}
      </p>
    );
  }
  if (!result.check.ok) {
    return (
      <div role="alert" className="field-error">
        <p>{t('evidence.verifyFailed')}</p>
        <ul>
          {result.check.problems.slice(0, 10).map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      </div>
    );
  }
  return (
    <div className="export-ok">
      <p role="status">
        ✔{' '}
        {t('evidence.verifiedOk', {
          messages: t('evidence.nMessages', { count: result.check.messages }),
          attachments: t('evidence.nAttachments', { count: result.check.attachments }),
          keyId: result.check.keyId ?? '',
        })}
      </p>
      {saved && <p className="mono">{t('evidence.saved', { file: saved })}</p>}
      <button type="button" className="button-ghost" onClick={() => onPrint(result.zip)}>
        {t('evidence.print')}
      </button>
    </div>
  );
}
