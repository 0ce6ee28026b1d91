import { render } from "preact";
import { useEffect, useRef } from "preact/hooks";
import { ErrorBoundary, lazy, LocationProvider, Route, Router, useLocation } from "preact-iso";
import { Footer, Header } from "./components/Layout.tsx";
import { isLang, rememberLang, useI18n } from "./lib/i18n.ts";
import { Home } from "./pages/Home/index.tsx";
import { NotFound } from "./pages/_404.tsx";
import "./styles.css";

// The area page (cards, charts, formatting) loads on demand, keeping the front page small.
const Area = lazy(() => import("./pages/Area/index.tsx").then((m) => m.Area));
// Fetch it once the front page is idle, so choosing a search result opens at once.
const preloadArea = () => void Area.preload();
if ("requestIdleCallback" in window) requestIdleCallback(preloadArea, { timeout: 3000 });
else setTimeout(preloadArea, 1500);

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
      <a class="skip-link" href="#main">
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
            <Route path="/" component={Home} />
            <Route path="/omrade/:code" component={Area} />
            <Route default component={NotFound} />
          </Router>
        </ErrorBoundary>
      </main>
      <Footer />
    </>
  );
}

render(
  <LocationProvider>
    <App />
  </LocationProvider>,
  document.getElementById("app")!,
);
