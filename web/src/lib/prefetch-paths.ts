/**
 * What an area page reads first. The app asks for these while the page's code loads (main.tsx),
 * and the Worker, which serves /omrade/*, names them as preloads in the page's head, so the
 * browser has them on the way before any script runs (worker/embed/area-head.tsx).
 */
export const areaPagePrefetch = (code: string): string[] => [`/api/v1/areas/${code}`, "/api/v1/indicators", "/api/v1/rulesets"];
