/**
 * Right-panel section: my reading language (profile:update) and a small glossary editor for this
 * contact or this contact's group (glossary:list / put / delete). Says plainly what a language
 * lacks, e.g. Persian has no glossary support, and when the server has no translation at all.
 */
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Glossary, GlossaryEntry, GlossaryScope } from '../../../../shared/protocol/translation';
import { baseLanguage } from '../../../../shared/domain/language';
import { useMe } from '../../db/hooks';
import { saveMe } from '../../db/repo';
import type { ContactRow } from '../../db/schema';
import { useSession } from '../../sync/session';
import { languageName } from '../../ui/format';
import { findLanguage, targetLanguages, useTranslationLanguages } from './languages';
import './translation.css';

/** A contact group as the glossary scope needs it (app/ reads it from the contacts feature). */
export interface GlossaryGroup {
  id: string;
  name: string;
}

/** `group`: the contact's group, whose glossary serves its contacts without one of their own. */
export function TranslationPanel({
  contact,
  group,
}: {
  contact: ContactRow;
  group: GlossaryGroup | null;
}): React.JSX.Element {
  const { t } = useTranslation();
  const { db, engine } = useSession();
  const me = useMe(db);
  const langs = useTranslationLanguages(engine);
  const selectId = useId();

  if (langs.status === 'ready' && !langs.value.available) {
    return (
      <section className="tx-panel" aria-label={t('translation.panelTitle')}>
        <h3>{t('translation.panelTitle')}</h3>
        <p className="tx-muted">{t('translation.serverOff')}</p>
      </section>
    );
  }
  const list = langs.status === 'ready' ? langs.value.languages : [];
  const targets = targetLanguages(list);
  const mine = me?.readLanguage ?? '';
  return (
    <section className="tx-panel" aria-label={t('translation.panelTitle')}>
      <h3>{t('translation.panelTitle')}</h3>
      <label htmlFor={selectId}>{t('translation.myReadLanguage')}</label>
      <select
        id={selectId}
        value={mine}
        onChange={(e) => {
          const readLanguage = e.target.value;
          void engine
            .request('profile:update', { readLanguage })
            .then((r) => (r.ok ? saveMe(db, r.value) : undefined));
        }}
      >
        {mine && !targets.some((l) => l.code === mine) && <option value={mine}>{languageName(mine)}</option>}
        {targets.map((l) => (
          <option key={l.code} value={l.code}>
            {languageName(l.code)}
            {l.glossary ? '' : ` — ${t('translation.languageLacks')}`}
          </option>
        ))}
      </select>
      <p className="tx-muted tx-small">{t('translation.myReadLanguageHint')}</p>
      {mine && <GlossaryEditor contact={contact} group={group} myLang={mine} languages={list} />}
    </section>
  );
}

/** A glossary scope from its string key ("contact:<memberId>" or "group:<groupId>"), a stable effect dependency. */
function scopeFor(key: string): GlossaryScope {
  return key.startsWith('group:')
    ? { kind: 'group', groupId: key.slice('group:'.length) }
    : { kind: 'contact', memberId: key.slice('contact:'.length) };
}

function GlossaryEditor({
  contact,
  group,
  myLang,
  languages,
}: {
  contact: ContactRow;
  group: GlossaryGroup | null;
  myLang: string;
  languages: ReturnType<typeof targetLanguages>;
}): React.JSX.Element {
  const { t } = useTranslation();
  const { engine } = useSession();
  // "This contact" or "this contact's group": a group glossary serves every contact in it that
  // has no glossary of their own.
  const [scopeKind, setScopeKind] = useState<'contact' | 'group'>('contact');
  const kind = scopeKind === 'group' && group ? 'group' : 'contact';
  const scopeKey = kind === 'group' && group ? `group:${group.id}` : `contact:${contact.memberId}`;
  const scopeName = useId();
  const partnerLang = contact.user.profile.languages[0] ?? null;
  // My terms translate what I write into the partner's language.
  const source = baseLanguage(myLang);
  const target = partnerLang ? baseLanguage(partnerLang) : null;
  const [glossary, setGlossary] = useState<Glossary | null>(null);
  const [entries, setEntries] = useState<GlossaryEntry[]>([]);
  const [term, setTerm] = useState('');
  const [translation, setTranslation] = useState('');
  const [status, setStatus] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const termId = useId();
  const trId = useId();

  useEffect(() => {
    let live = true;
    void engine.request('glossary:list', { scope: scopeFor(scopeKey) }).then((r) => {
      if (!live || !r.ok) return;
      setStatus(null);
      const g = r.value.find((x) => x.sourceLang === source && x.targetLang === target) ?? null;
      setGlossary(g);
      setEntries(g?.entries ?? []);
    });
    return () => {
      live = false;
    };
  }, [engine, scopeKey, source, target]);

  if (!target || source === target) return <></>;
  const lacking = [source, target].map((c) => findLanguage(languages, c)).find((l) => l && !l.glossary);
  const name = contact.displayName;

  const save = async (): Promise<void> => {
    setStatus(null);
    const r = await engine.request('glossary:put', {
      scope: scopeFor(scopeKey),
      sourceLang: source,
      targetLang: target,
      entries,
    });
    if (r.ok) {
      setGlossary(r.value);
      setStatus({ kind: 'ok', text: t('translation.saved') });
    } else setStatus({ kind: 'error', text: r.code === 'unsupported' ? r.message : t(`errors.${r.code}`) });
  };
  const remove = async (): Promise<void> => {
    if (!glossary) return;
    const r = await engine.request('glossary:delete', { id: glossary.id });
    if (r.ok) {
      setGlossary(null);
      setEntries([]);
    } else setStatus({ kind: 'error', text: t(`errors.${r.code}`) });
  };

  return (
    <div className="tx-glossary">
      <h4>{t('translation.glossary', { name })}</h4>
      <p className="tx-muted tx-small">
        {t('translation.glossaryPair', { source: languageName(source), target: languageName(target) })} ·{' '}
        {t('translation.glossaryHint')}
      </p>
      {group && (
        <fieldset className="tx-scope">
          <legend>{t('translation.glossaryScope')}</legend>
          <label>
            <input
              type="radio"
              name={scopeName}
              checked={kind === 'contact'}
              onChange={() => setScopeKind('contact')}
            />{' '}
            {t('translation.scopeContact')}
          </label>
          <label>
            <input
              type="radio"
              name={scopeName}
              checked={kind === 'group'}
              onChange={() => setScopeKind('group')}
            />{' '}
            {t('translation.scopeGroup', { group: group.name })}
          </label>
        </fieldset>
      )}
      {glossary?.reverse && (
        <p className="tx-muted tx-small">
          {t('translation.glossaryBothWays', { source: languageName(source), target: languageName(target) })}
        </p>
      )}
      {lacking && (
        <p className="tx-lacks" role="note">
          {t('translation.noGlossarySupport', { lang: languageName(lacking.code) })}
        </p>
      )}
      {entries.length === 0 ? (
        <p className="tx-muted tx-small">{t('translation.glossaryEmpty')}</p>
      ) : (
        <ul className="tx-terms" aria-label={t('translation.glossary', { name })}>
          {entries.map((e) => (
            <li key={e.source}>
              <span dir="auto">{e.source}</span> → <span dir="auto">{e.target}</span>
              <button
                type="button"
                className="button-link"
                aria-label={t('translation.removeTerm', { term: e.source })}
                onClick={() => setEntries(entries.filter((x) => x !== e))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <form
        className="tx-term-form"
        onSubmit={(e) => {
          e.preventDefault();
          const s = term.trim();
          const tr = translation.trim();
          if (!s || !tr) return;
          setEntries([...entries.filter((x) => x.source !== s), { source: s, target: tr }]);
          setTerm('');
          setTranslation('');
        }}
      >
        <label htmlFor={termId}>{t('translation.term')}</label>
        <input
          id={termId}
          value={term}
          onChange={(e) => setTerm(e.target.value)}
          placeholder="MOQ"
          dir="auto"
        />
        <label htmlFor={trId}>{t('translation.termTranslation')}</label>
        <input id={trId} value={translation} onChange={(e) => setTranslation(e.target.value)} dir="auto" />
        <button type="submit" className="button-ghost">
          {t('translation.addTerm')}
        </button>
      </form>
      <div className="tx-glossary-actions">
        <button
          type="button"
          className="button-primary"
          disabled={entries.length === 0}
          onClick={() => void save()}
        >
          {t('translation.saveGlossary')}
        </button>
        {glossary && (
          <button type="button" className="button-ghost" onClick={() => void remove()}>
            {t('translation.deleteGlossary')}
          </button>
        )}
      </div>
      {status && (
        <p
          className={status.kind === 'ok' ? 'tx-muted tx-small' : 'error'}
          role={status.kind === 'ok' ? 'status' : 'alert'}
        >
          {status.text}
        </p>
      )}
    </div>
  );
}
