import type { ApiError } from "../../lib/api.ts";
import type { Dict } from "../../lib/i18n.ts";

/** A failed load: what happened, and a retry unless the thing does not exist. */
export function LoadError({ error, retry, text, t }: { error: ApiError; retry: () => void; text: string | null; t: Dict }) {
  const title = error.isNotFound ? t.notFoundTitle : error.isNetwork ? t.networkErrorTitle : t.serverErrorTitle;
  return (
    <div class="notice-page" data-error={error.code}>
      <h1>{title}</h1>
      <p>{text ?? (error.isNetwork ? t.networkErrorText : t.serverErrorText)}</p>
      {!error.isNotFound && (
        <p>
          <button type="button" class="button" onClick={retry}>
            {t.retry}
          </button>
        </p>
      )}
    </div>
  );
}

export function Loading({ t }: { t: Dict }) {
  return (
    <p class="loading" role="status" aria-busy="true">
      {t.loading}
    </p>
  );
}
