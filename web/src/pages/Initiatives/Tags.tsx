import type { InitiativeSummary } from "../../../../worker/api/initiatives.ts";
import type { InitiativesText } from "./text.ts";

/** Example or synthetic, said in words (never colour alone), with what that means. */
export function Tags({ initiative, s }: { initiative: Pick<InitiativeSummary, "example" | "synthetic">; s: InitiativesText }) {
  if (!initiative.example && !initiative.synthetic) return null;
  return (
    <p class="initiative-tags">
      {initiative.example && (
        <span class="initiative-tag" data-kind="example">
          {s.example}
        </span>
      )}
      {initiative.synthetic && (
        <span class="initiative-tag" data-kind="synthetic">
          {s.synthetic}
        </span>
      )}{" "}
      <span class="initiative-tag-explain">{initiative.example ? s.exampleExplain : s.syntheticExplain}</span>
    </p>
  );
}
