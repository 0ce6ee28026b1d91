import { useId } from "preact/hooks";
import { useApi } from "../../lib/api.ts";
import { areaHref, type Dict, type Lang } from "../../lib/i18n.ts";
import { overviewText, type OverviewText } from "./overview-text.ts";
import type { ListLevel, RuleSet } from "./rules.ts";
import { pick } from "./text.ts";

type Ref = { code: string; name: string } | null;
type Side = { met: boolean; reason: string | null } | null;
export type ListChange = {
  code: string;
  name: string;
  kommune: Ref;
  bydel: Ref;
  before: { outcome: string } | null;
  after: { outcome: string } | null;
  flipped: { id: string; tier: string | null; before: Side; after: Side }[];
  eligibilityChanged: boolean;
};
export type ChangesResponse = { period: number; previous: number | null; comparable: boolean; entered: ListChange[]; left: ListChange[] };

export const changesPath = (ruleSet: string, year: number, level: ListLevel) =>
  `/api/v1/classifications/changes?ruleset=${encodeURIComponent(ruleSet)}&period=${year}&level=${level}`;

/**
 * The areas that came on and went off the list since the year before (same rule set and level),
 * each with the criteria whose result flipped, so a change is explained rather than only counted.
 */
export function Changes({ rs, year, level, lang, t }: { rs: RuleSet; year: number; level: ListLevel; lang: Lang; t: Dict }) {
  const o = overviewText(lang);
  const id = useId();
  const res = useApi<ChangesResponse>(changesPath(rs.id, year, level));
  const previous = res.state === "ok" ? res.data.previous : null;
  return (
    <section class="list-changes" aria-labelledby={`${id}-title`} data-state={res.state}>
      <h2 id={`${id}-title`}>{o.changesTitle(previous)}</h2>
      {res.state === "loading" ? (
        <p class="loading" role="status">
          {t.loading}
        </p>
      ) : res.state === "error" ? (
        <p role="alert">
          {o.changesFailed}{" "}
          <button type="button" class="button button--quiet" onClick={res.retry}>
            {t.retry}
          </button>
        </p>
      ) : res.data.previous === null ? (
        <p>{o.changesNone}</p>
      ) : !res.data.comparable ? (
        <p>{o.changesNotComparable(res.data.previous)}</p>
      ) : (
        <>
          <p class="list-changes-summary">{o.changesSummary(res.data.entered.length, res.data.left.length, res.data.previous)}</p>
          <div class="list-changes-lists">
            <ChangeList which="entered" title={o.entered} items={res.data.entered} previous={res.data.previous} rs={rs} lang={lang} o={o} />
            <ChangeList which="left" title={o.left} items={res.data.left} previous={res.data.previous} rs={rs} lang={lang} o={o} />
          </div>
        </>
      )}
    </section>
  );
}

function ChangeList({
  which,
  title,
  items,
  previous,
  rs,
  lang,
  o,
}: {
  which: "entered" | "left";
  title: string;
  items: ListChange[];
  previous: number;
  rs: RuleSet;
  lang: Lang;
  o: OverviewText;
}) {
  const id = useId();
  return (
    <div class="list-changes-group" data-changes={which}>
      <h3 id={id}>
        {title} ({items.length})
      </h3>
      {items.length === 0 ? (
        <p>{o.noneMoved}</p>
      ) : (
        <ul aria-labelledby={id}>
          {items.map((x) => (
            <li key={x.code} data-code={x.code}>
              <a href={areaHref(x.code, lang)}>{x.name}</a>
              <span class="change-place">{[x.code, x.bydel?.code !== x.code ? x.bydel?.name : null, x.kommune?.code !== x.code ? x.kommune?.name : null].filter(Boolean).join(", ")}</span>
              <span class="change-flips" data-flipped={x.flipped.map((f) => f.id).join(" ")}>
                {o.changed} {explain(x, previous, rs, lang, o)}
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** "Vedvarende lavinntekt (nei → ja), …": each flipped criterion with its result both years. */
export function explain(x: ListChange, previous: number, rs: RuleSet, lang: Lang, o: OverviewText): string {
  if (x.before === null) return o.notEvaluatedBefore(previous);
  if (x.after === null) return o.notEvaluatedNow;
  const criteria = rs.kind === "criteria" ? rs.criteria : [];
  const tiers = rs.kind === "criteria" ? rs.tiers : [];
  const word = (s: Side) => (!s || s.reason ? o.unknown : s.met ? o.yes : o.no);
  const parts = x.flipped.map((f) => {
    const tier = f.tier ? tiers.find((tr) => tr.id === f.tier) : undefined;
    const def = (tier ? tier.criteria : criteria).find((c) => c.id === f.id);
    const name = def ? pick(def.label, lang) : f.id;
    return o.flip(tier ? `${pick(tier.label, lang)}: ${name}` : name, word(f.before), word(f.after));
  });
  if (x.eligibilityChanged) parts.push(o.eligibility);
  return parts.length > 0 ? parts.join(", ") : o.none;
}
