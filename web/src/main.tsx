import { render } from "preact";
import { useEffect, useRef } from "preact/hooks";
import { ErrorBoundary, lazy, LocationProvider, Route, Router, useLocation } from "preact-iso";
import { Footer, Header } from "./components/Layout.tsx";
import { prefetch } from "./lib/api.ts";
import { isLang, rememberLang, useI18n } from "./lib/i18n.ts";
import { PATHS } from "./lib/paths.ts";
import { areaPagePrefetch } from "./lib/prefetch-paths.ts";
import { Home } from "./pages/Home/index.tsx";
import { NotFound } from "./pages/_404.tsx";
import "./styles.css";

// The area page (cards, charts, formatting) loads on demand, keeping the front page small.
const Area = lazy(() => import("./pages/Area/index.tsx").then((m) => m.Area));
// Opened at an area page: its figures are asked for while its code loads, not after.
const areaCode = /^\/omrade\/([\w-]+)\/?$/.exec(location.pathname)?.[1];
if (areaCode) for (const path of areaPagePrefetch(areaCode)) prefetch(path);
// Fetched as soon as the reader heads for one (focus in a search box, a pointer or finger on a
// link to an area), so choosing a search result opens at once; not on every page's idle time,
// where evaluating it (and adding its CSS) was a long task on a slow phone.
const onIntent = (e: Event) => {
  if (!(e.target instanceof Element) || !e.target.closest('input, a[href*="/omrade/"]')) return;
  void Area.preload();
  for (const type of INTENTS) document.removeEventListener(type, onIntent);
};
const INTENTS = ["focusin", "pointerover", "touchstart"] as const;
for (const type of INTENTS) document.addEventListener(type, onIntent, { passive: true });
const Embed = lazy(() => import("./pages/Embed/index.tsx").then((m) => m.Embed));
const Compare = lazy(() => import("./pages/Compare/index.tsx").then((m) => m.Compare));
const About = lazy(() => import("./pages/About/index.tsx").then((m) => m.About));
const Segregation = lazy(() => import("./pages/Segregation/index.tsx").then((m) => m.Segregation));
const Initiatives = lazy(() => import("./pages/Initiatives/index.tsx").then((m) => m.Initiatives));
const Initiative = lazy(() => import("./pages/Initiatives/Initiative.tsx").then((m) => m.Initiative));
const Classification = lazy(() => import("./pages/Classification/index.tsx").then((m) => m.Classification));
const Editions = lazy(() => import("./pages/Editions/index.tsx").then((m) => m.Editions));
const Edition = lazy(() => import("./pages/Editions/index.tsx").then((m) => m.Edition));

function App() {
  const { lang, t } = useI18n();
  const { query } = useLocation();
  const main = useRef<HTMLElement>(null);

  useEffect(() => {
    if (isLang(query.lang)) rememberLang(query.lang);
    document.documentElement.lang = lang;
  }, [lang, query.lang]);

  return (
    <>
      <a class="ds-skip-link skip-link" href="#main">
        {t.skipToContent}
      </a>
      <Header />
      <main id="main" ref={main} tabIndex={-1}>
        <ErrorBoundary>
          <Router
            onRouteChange={() => {
              // A new page: move focus to its start so screen readers and keyboards follow.
              main.current?.focus({ preventScroll: true });
            }}
          >
            <Route path={PATHS.home} component={Home} />
            <Route path={PATHS.area} component={Area} />
            <Route path={PATHS.compare} component={Compare} />
            <Route path={PATHS.about} component={About} />
            <Route path={PATHS.segregation} component={Segregation} />
            <Route path={PATHS.classification} component={Classification} />
            <Route path={PATHS.editions} component={Editions} />
            <Route path={PATHS.edition} component={Edition} />
            <Route path={PATHS.initiatives} component={Initiatives} />
            <Route path={PATHS.initiative} component={Initiative} />
            <Route path="/widget" component={Embed} />
            <Route default component={NotFound} />
          </Router>
        </ErrorBoundary>
      </main>
      <Footer />
    </>
  );
}

// Links into the API (docs, downloads) and the worker's embed pages are real page loads.
const APP_LINKS = /^\/(?!api\/|embed\/|embed\.js|oembed)/;

render(
  <LocationProvider scope={APP_LINKS}>
    <App />
  </LocationProvider>,
  document.getElementById("app")!,
);
