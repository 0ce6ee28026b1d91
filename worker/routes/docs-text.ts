/**
 * The API docs page's words in English and Norwegian (Bokmål). Route summaries come from the
 * OpenAPI document in English; `SUMMARIES` gives each route's Norwegian one (and an English one
 * where the route declares none). A route missing here is shown with its English summary on
 * the Norwegian page, and test/worker/docs.test.ts names it.
 */

export const DOC_LANGS = ["en", "nb"] as const;
export type DocLang = (typeof DOC_LANGS)[number];

export const DOCS_TEXT = {
  en: {
    title: "Area monitor API",
    intro:
      "Residential segregation and living conditions in Norway, by area and year, as JSON (and CSV or JSON-stat 2.0 downloads). Public routes need no key and allow any origin; admin routes need a bearer token.",
    machine: "Machine-readable: ",
    errors: "Errors are JSON ",
    errorsTail: ": 400 names the field, 404 an unknown code or id, 503 before the first snapshot.",
    otherLang: "Norsk",
    contents: "Routes",
    parameters: "Parameters",
    parameter: "parameter",
    in: "in",
    required: "required",
    schema: "schema",
    yes: "yes",
    no: "no",
    responses: "Responses",
    exampleRequest: "Example request",
    exampleResponse: (status: number) => `Example response (${status})`,
    exampleNote: "Generated from the response schema: the shape and kinds of values, not real figures.",
    noBody: "A file (not JSON): see the format parameter.",
    adminNote: "Admin route: needs Authorization: Bearer <ADMIN_TOKEN>.",
  },
  nb: {
    title: "API for områdemonitoren",
    intro:
      "Bostedssegregasjon og levekår i Norge, etter område og år, som JSON (og nedlasting som CSV eller JSON-stat 2.0). Åpne ruter trenger ingen nøkkel og kan kalles fra alle nettsteder; administrasjonsruter krever et tilgangstoken.",
    machine: "Maskinlesbar: ",
    errors: "Feil kommer som JSON ",
    errorsTail: ": 400 navngir feltet, 404 en ukjent kode eller id, 503 før første øyeblikksbilde er publisert.",
    otherLang: "English",
    contents: "Ruter",
    parameters: "Parametere",
    parameter: "parameter",
    in: "i",
    required: "påkrevd",
    schema: "skjema",
    yes: "ja",
    no: "nei",
    responses: "Svar",
    exampleRequest: "Eksempel på forespørsel",
    exampleResponse: (status: number) => `Eksempel på svar (${status})`,
    exampleNote: "Laget fra svarskjemaet: formen og typene av verdier, ikke ekte tall.",
    noBody: "En fil (ikke JSON): se parameteren format.",
    adminNote: "Administrasjonsrute: krever Authorization: Bearer <ADMIN_TOKEN>.",
  },
} satisfies Record<DocLang, unknown>;

/** "GET /api/v1/areas/{code}" → summaries; `en` only where the route has no summary of its own. */
export const SUMMARIES: Record<string, { nb: string; en?: string }> = {
  "GET /oembed": {
    en: "oEmbed for an area page's URL: the embed card as an iframe snippet (for CMSs such as WordPress)",
    nb: "oEmbed for adressen til en områdeside: kortet som iframe-kode (for publiseringsverktøy som WordPress)",
  },
  "GET /api/v1/search": { nb: "Områder der navnet (på alle språk, med eller uten æ/ø/å og samiske bokstaver) eller koden begynner med q" },
  "GET /api/v1/areas/{code}": { nb: "Et område med overordnede områder, underområder og ett kort per indikator" },
  "GET /api/v1/areas/{code}/series": { nb: "Hele tidsserier for valgte indikatorer i ett område, med statussymboler" },
  "GET /api/v1/indicators": { nb: "Alle indikatorer med enhet, retning, kilde, lisens og definisjon" },
  "GET /api/v1/sources": { nb: "Utgivere og lisenser for dataene (kortene viser til kildene med id)" },
  "GET /api/v1/indicators/{id}": { nb: "Metadata for én indikator" },
  "GET /api/v1/compare": { nb: "To eller tre områder side om side" },
  "GET /api/v1/download": { nb: "Et hvilket som helst utvalg av områder × indikatorer × perioder som CSV eller JSON-stat2" },
  "GET /api/v1/areas/{code}/children": { nb: "Verdiene for én indikator i alle underområdene til et område, med grensene: et temakart" },
  "GET /api/v1/locate": { nb: "Områdene på hvert nivå som inneholder et punkt (WGS84)" },
  "GET /api/v1/segregation/{code}": {
    nb: "Segregasjonsindekser for Norge eller et fylke over kommunene, eller for en kommune over grunnkretsene, per år, med bootstrap-intervaller og dekomponering av M; uten grouping områdets første gruppering",
  },
  "GET /api/v1/classifications": {
    nb: "Områder som oppfyller et regelsett et år, hvert med verdi, terskel og resultat for alle kriterier; uten period det siste året som er vurdert",
  },
  "GET /api/v1/rulesets": { nb: "De aktive regelsettene for klassifisering (nyeste versjon av hvert)" },
  "GET /api/v1/rulesets/{id}": { nb: "Ett regelsett: kriterier, terskler, befolkningsgrenser, tekster" },
  "GET /api/v1/classifications/preview": { nb: "Hva om: regelsettet med andre terskler, vurdert på de lagrede verdiene; ingenting lagres" },
  "GET /api/v1/editions": { nb: "Publiserte utgaver av levekårslistene, nyeste år først" },
  "GET /api/v1/editions/{id}": {
    nb: "Én utgave: alle områdene på listen med verdi, terskel og resultat for hvert kriterium, frosset da den ble publisert; et årstall gir årets gjeldende (sist rettede) utgave; format=csv|jsonstat2 laster ned alle vurderte områder",
  },
  "GET /api/v1/editions/{id}/diff": {
    nb: "Hva som endret seg: områdene som kom på og gikk av listen siden forrige års utgave og kriteriene som flyttet dem; for en rettelse, hva som endret seg mot utgaven den retter, og hvorfor",
  },
  "GET /api/health": {
    en: "Whether a snapshot is live, its version and identity, and how old its data are",
    nb: "Om et øyeblikksbilde er publisert, versjon og identitet, og hvor gamle dataene er",
  },
  "POST /api/admin/recompute": {
    en: "Build (or resume) a snapshot of what imports changed; it goes live when complete",
    nb: "Bygg (eller fortsett) et øyeblikksbilde av det importene endret; det publiseres når det er ferdig",
  },
  "GET /api/admin/recompute/{version}": { nb: "En omberegningsjobb: tilstand, steg og framdrift" },
  "PUT /api/admin/rulesets/{id}": { nb: "Lagre en ny versjon av et regelsett (brukes fra neste omberegning)" },
  "POST /api/admin/import": {
    en: "Import a file (CSV template, JSON-stat2, GeoJSON/TopoJSON, Klass): all or nothing, with a report",
    nb: "Importer en fil (CSV-mal, JSON-stat2, GeoJSON/TopoJSON, Klass): alt eller ingenting, med rapport",
  },
  "POST /api/admin/editions": {
    nb: "Publiser en utgave: frys listen for et regelsett, år og nivå fra det publiserte øyeblikksbildet (en rettelse oppgir utgaven den retter og hvorfor)",
  },
  "GET /api/v1/overview": { nb: "Oversikten på forsiden: nøkkeltall til kommunekartet, hva de nyeste tallene endret, og de største klare endringene blant kommunene" },
  "GET /api/v1/classifications/changes": { nb: "Områder som kom på og gikk av listen siden forrige år med resultater (samme regelsett og nivå), med kriteriene som endret seg" },
  "GET /api/v1/feeds/area/{code}": { nb: "Atom-strøm for et område: nye tall, trender som er blitt klare, og når området kommer på eller går av standardlisten" },
  "GET /api/v1/feeds/kommune/{code}": { nb: "Atom-strøm for en kommune og alle områdene i den: nye tall, klare trender, områder som kommer på eller går av listen, publiserte utgaver" },
  "GET /api/v1/feeds/list/{ruleset}": { nb: "Atom-strøm for listen til et regelsett: områder som kommer på og går av den hvert år, og publiserte utgaver" },
  "GET /api/v1/initiatives": { nb: "Registeret over områdesatsinger" },
  "GET /api/v1/initiatives/{id}": { nb: "En områdesatsing med oppfølging per indikator (forskjell i forskjeller mot sammenlignbare områder)" },
  "PUT /api/admin/initiatives/{id}": { nb: "Opprett eller erstatt en områdesatsing i registeret" },
  "DELETE /api/admin/initiatives/{id}": { nb: "Slett en områdesatsing fra registeret (det medfølgende registeret legger den ikke inn igjen)" },
};
