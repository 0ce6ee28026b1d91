import type { IndicatorInfo } from "../../../../worker/api/schemas.ts";
import type { Lang, Level } from "../../lib/i18n.ts";
import { OLD_AFTER_YEARS } from "../../components/card/age.ts";

type Unit = IndicatorInfo["unit"];
type Direction = IndicatorInfo["direction"];

interface Section {
  title: string;
  paragraphs: string[];
}

/** Words of the about/method page. Kept with the page: they load only when it opens. */
const nb = {
  title: "Om tallene og metoden",
  lead: "Områdemonitor viser levekår og befolkning i Norges fylker, kommuner, bydeler og grunnkretser over tid. Her står hvor tallene kommer fra, hva de betyr og hvordan de er regnet ut.",
  synthetic:
    "Tallene i denne utgaven er syntetiske demodata, laget av en tilfeldighetsgenerator. Fylker og kommuner har ekte navn og koder, men alle tall, og alle bydels- og grunnkretsnavn, er oppdiktet.",
  contents: "Innhold",
  what: {
    title: "Hva monitoren viser",
    paragraphs: [
      "For hvert område viser monitoren de siste tallene, utviklingen de siste fem årene og hvordan området ligger an sammenlignet med kommunen og hele landet.",
      "Tallene beskriver områder, ikke personene som bor der. Et område med mange levekårsutfordringer er også et sted der folk har hjemmet sitt, naboene sine og hverdagen sin.",
    ],
  } satisfies Section,
  sourcesTitle: "Kilder og definisjoner",
  sourcesLead: "Hvert tall har en definisjon, en enhet og en kilde. Listen kommer direkte fra tjenesten:",
  indicatorsFailed: "Klarte ikke å hente listen over tall.",
  unitLabel: "Enhet",
  finestLabel: "Finnes ned til",
  sourceLabel: "Kilde",
  tableLabel: "tabell",
  directionLabel: "Tolkning",
  units: { count: "antall personer", percent: "prosent", per1000: "per 1000 innbyggere", nok: "kroner", years: "år", points: "prosentpoeng (forskjell mellom to andeler)" } satisfies Record<Unit, string>,
  directions: {
    higher_worse: "en høyere verdi betyr flere levekårsutfordringer",
    higher_better: "en høyere verdi betyr bedre levekår",
    neutral: "beskriver befolkningen, uten bedre eller dårligere",
  } satisfies Record<Direction, string>,
  levels: { country: "landet", fylke: "fylke", kommune: "kommune", bydel: "bydel", grunnkrets: "grunnkrets" } satisfies Record<Level, string>,
  age: {
    title: "Hvor gamle tallene er, og hva som mangler",
    paragraphs: [
      "Hvert tall viser hvilket år eller hvilken periode det gjelder, og hvert tallkort og hver nedlasting sier når dataene sist ble oppdatert.",
      `Et tall regnes som gammelt når det er mer enn ${OLD_AFTER_YEARS} år eldre enn de nyeste tallene i monitoren. Da får det merket «Gammelt tall: fra …». Vi måler mot de nyeste tallene, ikke mot kalenderen, slik at merket sier noe om tallet og ikke om dagens dato.`,
      "Når det bare finnes ett tall, viser vi ingen utvikling: ett tall kan ikke si om noe stiger eller synker.",
      "Åpen statistikk stopper ved kommuner og bydelene i de største byene. Tall for grunnkretser lager SSB på bestilling, så for mange grunnkretser finnes det få eller ingen tall. Sidene sier hvilke tall som mangler, og listen over levekårsutfordringer sier når et regelsett ikke kan vurderes fordi tallene det bygger på mangler.",
      "Kommunereformer: alle tidsserier vises med kommunegrensene fra 2024. Når kommuner er slått sammen, legges tallene for de gamle kommunene sammen. Når en kommune er delt, fordeles tallene etter hvor mange innbyggere hver del fikk, og tallene merkes som anslag. En kommune som er gjenopprettet, beholder sine egne tall: Haram (1580) har tallene til gamle Haram (1534) for årene før sammenslåingen i 2020, ikke en andel av gamle Ålesund. Over et slikt anslag viser vi ingen utvikling, men «ikke sammenlignbart over kommunedelingen».",
    ],
  } satisfies Section,
  datesLine: (data: string | null, figures: string) => (data ? `Data sist oppdatert ${data}. Tallene beregnet ${figures}.` : `Tallene beregnet ${figures}.`),
  trends: {
    title: "Utvikling og usikkerhet",
    paragraphs: [
      "Registertall er ikke utvalg: alle er med. Likevel behandler vi hvert tall som ett utfall av en prosess med tilfeldigheter i seg. Hvor mange i en grunnkrets som er uten arbeid et år, avhenger også av hvem som tilfeldigvis flyttet inn eller mistet jobben. Usikkerheten vi viser (95 %), sier hvor mye tallet kunne ha vært annerledes av slike grunner.",
      "Hvert tall har sin modell, og listen over indikatorer i API-et sier hvilken. Andeler av personer (for eksempel andel innvandrere) behandles som binomiske: intervallet er Wilsons, og en endring testes som forskjellen mellom to andeler (Newcombes metode). Hendelser per 1 000 innbyggere (anmeldte lovbrudd) er hendelser, ikke personer, og behandles som Poisson-fordelte: intervallet er det eksakte for antall hendelser, og en endring testes som forholdet mellom to rater. Når et slikt tall er publisert uten antallene bak, har det ikke noe intervall.",
      "Beløp i kroner (medianinntekt) stiger nesten overalt fordi prisene stiger. Vi har ingen prisindeks, så vi sammenligner områdets prosentvise endring med Norges i samme periode: da faller prisstigningen bort. Usikkerheten er hvor mye områdets vekst utover landets svinger fra år til år i områdets egen tidsserie. For Norge selv er det ikke noe å sammenligne med, og vi sier ikke noe om utviklingen. Levealder (år) og antall personer måles mot seriens egne svingninger fra år til år, uten sammenligning med landet. Har serien færre enn fire endringer fra år til år, vet vi ikke hvor mye den svinger, og vi sier ikke noe om utviklingen. Forskjeller i prosentpoeng mellom to grupper får ikke noe ord.",
      "Utviklingen måles over de siste fem årene med tall. Vi kaller den «stigende» eller «synkende» bare når endringen er større enn usikkerheten (95 %). Ellers står det «ingen klar endring».",
      "For grunnkretser og bydeler gir API-et også et utjevnet tall ved siden av det rå: områdets eget tall trukket mot kommunens eller bydelens, mer jo færre innbyggere området har (empirisk Bayes). Hvor mye det trekkes, avhenger av hvor ulike slike områder er. Det måler vi på alle grunnkretser (eller bydeler) i landet, hver mot sin egen kommune eller bydel, ikke på de få i én kommune. Ulikheten kan aldri settes til null, så områder med tydelig ulike tall får aldri samme utjevnede tall.",
      "Små områder har få innbyggere, så tallene deres svinger mer fra år til år. Derfor er det vanligere at små områder får «ingen klar endring», selv når tallet har flyttet seg.",
    ],
  } satisfies Section,
  disclosure: {
    title: "Personvern: skjerming av små tall",
    paragraphs: [
      "Ingen skal kunne kjennes igjen i tallene. Et antall under 5 personer vises ikke, og en andel eller rate vises ikke når den bygger på færre enn 20 personer.",
      "Der et skjermet tall kunne regnes ut ved å trekke de andre områdene fra totalen, skjermes også et annet tall (sekundærskjerming). Tellere og nevnere vises aldri.",
      "Avrunding: hver enhet har én regel. Antall og kroner vises som hele tall, andeler (prosent), rater per 1000, prosentpoeng og år med én desimal. Endringer regnes av de avrundede tallene, og tall som er anslått over en kommune- eller bydelsreform avrundes på samme måte.",
      "Usikkerhet: en andel eller rate vises med et 95 % konfidensintervall (Wilsons intervall for en andel). Registertallene er hele befolkningen, men vi ser dem som utfall av en prosess med en underliggende sannsynlighet, og intervallet sier hvor den kan ligge. Intervallet regnes fra det viste tallet, fra den laveste og den høyeste verdien som avrundes til det, og grensene avrundes utover (den nedre ned, den øvre opp). Det viste tallet ligger derfor alltid inne i sitt eget intervall, og intervallet er aldri smalere enn det eksakte.",
      "Intervallet skal heller ikke avsløre telleren og nevneren. For nevnere under 100 000 regnes intervallet som om nevneren var den nedre grensen i et bånd (20, 200, 500, 1000, 2000, 5000, 10 000, 20 000 og 50 000; for rater per 1000 begynner det andre båndet på 1000). Da blir intervallet litt bredere, aldri smalere, og viser bare hvilket bånd nevneren ligger i. Hvert tall i et bånd kan komme fra minst to ulike par av teller og nevner, så for områder med under 50 000 innbyggere kan ingen regne ut de eksakte tallene fra det viste tallet og intervallet; vi tester dette ved å prøve alle par. Store kommuner, fylker og landet får intervall fra den eksakte nevneren.",
      "Skjermet betyr ikke null. Tallene beholder symbolene fra Statistisk sentralbyrå:",
    ],
  } satisfies Section,
  symbols: { ":": "skjermet (for få personer)", "..": "mangler (tallet finnes ikke for perioden)", ".": "ikke relevant for området" },
  symbolCaption: "Symboler for tall som ikke vises",
  symbolHeader: "Symbol",
  meaningHeader: "Betydning",
  indices: {
    title: "Indekser og klassifiseringer",
    paragraphs: [
      "Segregeringsindeksene måler hvor ujevnt grupper er fordelt på områdene i en kommune, et fylke eller hele landet: ulikhetsindeksen D (andelen som måtte flytte for en jevn fordeling, for to grupper), Theils entropiindeks H og den gjensidige informasjonsindeksen M, som kan deles opp i en del mellom og en del innenfor større områder. Grupper kan være innvandrere etter verdensdel for landbakgrunn. Alle vises med 95 % konfidensintervaller fra 1 000 bootstrap-trekninger: personene i hvert område trekkes på nytt etter de observerte tallene (en multinomisk trekning, som i Elbers' R-pakke segregation), indeksen regnes ut på nytt hver gang, og intervallet er persentilintervallet for de skjevhetskorrigerte trekningene (segregeringsindekser er skjeve oppover i små områder). Intervaller gis for de to årene en endring vurderes mellom, siste år og året fem år før; en endring kalles en endring bare når de to intervallene ikke overlapper.",
      "Alle indeksene regnes ut fra de tallene kortene viser, etter skjerming: grunnkretsene i en kommune og kommunene i et fylke eller i hele landet går inn med de samme beskyttede tallene. Et skjermet tall regnes aldri ut av totalen: en skjult gruppe holdes utenfor (de personene telles ikke), og når det skjulte tallet er en andel, holdes hele området utenfor det året, fordi resten ellers ville avsløre det. Lokaliseringskvotienter (områdets andel delt på hele områdets) gis bare der områdets egen andel vises, og avrundes til to desimaler, én eller ingen, slik at en kvotient aldri låser antallet personer i området til ett tall: minst to hele tall passer til hver kvotient som vises.",
      "Levekårsindeksen slår sammen seks sosioøkonomiske tall: hvert tall standardiseres mot fordelingen over alle områder på samme nivå i samme år (z-verdier), og gjennomsnittet gir en statusindeks. En dynamikkindeks gjør det samme med endringen over fem år. Indeksen leser de samme verdiene som kortene: harmonisert til dagens kommuner (en kommune som ble delt i 2024, bruker de anslåtte verdiene fra forgjengeren) og etter skjerming. Et skjermet tall holdes utenfor og fylles aldri inn, og et område der færre enn fire av de seks tallene vises, får ingen indeks det året. Hvert område teller én gang i referansefordelingen, uansett størrelse: indeksen sammenligner områder med områder på samme nivå, og det er områder klassifiseringer og områdesatsinger handler om. Vekting etter folketall ville latt noen få store områder bestemme gjennomsnitt og spredning og beskrevet hvor folk bor heller enn hvordan områder skiller seg. Små områders usikre tall holdes i stedet tilbake av skjermingen og kravet til antall tall. Indeksene vises med to desimaler: klassene er et helt standardavvik brede, og en indeks kan ikke regnes tilbake til et av tallene den bygger på.",
      "Klassifiseringene er regelsett som ligger som data, ikke i programkoden: hvert område vises med hvert kriterium, verdien, terskelen og om kriteriet er oppfylt. Standardregelsettet bruker bare sosioøkonomiske kriterier. Opprinnelse vises og måles, men brukes aldri til å klassifisere et område.",
      "Segregasjonsindeksene for hele landet, hvert fylke og hver kommune står på sidene om bostedssegregasjon (/segregasjon/0), og områdene som oppfyller et regelsett på siden Levekårsutfordringer (/levekar).",
    ],
  } satisfies Section,
  licence: {
    title: "Lisens og gjenbruk",
    paragraphs: [
      "Tallene kan brukes fritt etter lisensen Creative Commons Navngivelse 4.0 (CC BY 4.0). Oppgi «Områdemonitor» og kilden som står ved hvert tall. Kartgrunnlaget har sin egen kreditering under kartene.",
    ],
  } satisfies Section,
  licenceLink: "Les lisensen CC BY 4.0",
  borderline: {
    title: "Avgjørelser på grensen",
    paragraphs: [
      "Klassifiseringene avgjøres med full presisjon, ikke med tallene slik de vises med én desimal: en andel med tellinger sammenlignes som antall delt på antall, og et kriterium som krever «minst» terskelen, er oppfylt når verdien er lik eller over den. Tallene som vises, er fortsatt de publiserte.",
      "Et kriterium er «på grensen» når terskelen ligger innenfor usikkerheten i verdien: for andeler med tellinger 95 %-intervallet (Wilson), for andre tall (beløp, antall, andeler uten tellinger) en halv enhet av siste publiserte siffer. En verdi som er nøyaktig lik terskelen, er alltid på grensen. Et område er på grensen når resultatet kunne blitt et annet om kriteriene på grensen hadde falt ut motsatt; da står det ved området.",
    ],
  } satisfies Section,
  data: {
    title: "Åpne data og API",
    paragraphs: [
      "Alle tall kan lastes ned som CSV eller JSON-stat2, og hele tjenesten har et åpent programmeringsgrensesnitt (API).",
    ],
  } satisfies Section,
  docsLink: "API-dokumentasjon",
  openapiLink: "OpenAPI-beskrivelse (JSON)",
  examplesTitle: "Eksempler på nedlasting",
  examples: {
    csv: "Folkemengde i Oslos bydeler, CSV med kilde og lisens",
    jsonstat: "Alle tall for Tromsø, JSON-stat2",
    range: "Vedvarende lavinntekt i Oslo og Bergen 2018–2024, CSV",
  },
};

export type AboutText = typeof nb;

const nn: AboutText = {
  title: "Om tala og metoden",
  lead: "Områdemonitor viser levekår og befolkning i fylka, kommunane, bydelane og grunnkrinsane i Noreg over tid. Her står det kvar tala kjem frå, kva dei tyder og korleis dei er rekna ut.",
  synthetic:
    "Tala i denne utgåva er syntetiske demodata, laga av ein tilfeldigheitsgenerator. Fylke og kommunar har ekte namn og kodar, men alle tal, og alle namn på bydelar og grunnkrinsar, er oppdikta.",
  contents: "Innhald",
  what: {
    title: "Kva monitoren viser",
    paragraphs: [
      "For kvart område viser monitoren dei siste tala, utviklinga dei siste fem åra og korleis området ligg an samanlikna med kommunen og heile landet.",
      "Tala skildrar område, ikkje personane som bur der. Eit område med mange levekårsutfordringar er òg ein stad der folk har heimen sin, naboane sine og kvardagen sin.",
    ],
  },
  sourcesTitle: "Kjelder og definisjonar",
  sourcesLead: "Kvart tal har ein definisjon, ei eining og ei kjelde. Lista kjem direkte frå tenesta:",
  indicatorsFailed: "Klarte ikkje å hente lista over tal.",
  unitLabel: "Eining",
  finestLabel: "Finst ned til",
  sourceLabel: "Kjelde",
  tableLabel: "tabell",
  directionLabel: "Tolking",
  units: { count: "tal på personar", percent: "prosent", per1000: "per 1000 innbyggjarar", nok: "kroner", years: "år", points: "prosentpoeng (skilnad mellom to delar)" },
  directions: {
    higher_worse: "ein høgare verdi tyder fleire levekårsutfordringar",
    higher_better: "ein høgare verdi tyder betre levekår",
    neutral: "skildrar befolkninga, utan betre eller dårlegare",
  },
  levels: { country: "landet", fylke: "fylke", kommune: "kommune", bydel: "bydel", grunnkrets: "grunnkrins" },
  age: {
    title: "Kor gamle tala er, og kva som manglar",
    paragraphs: [
      "Kvart tal viser kva år eller periode det gjeld, og kvart talkort og kvar nedlasting seier når dataa sist vart oppdaterte.",
      `Eit tal blir rekna som gammalt når det er meir enn ${OLD_AFTER_YEARS} år eldre enn dei nyaste tala i monitoren. Då får det merket «Gammalt tal: frå …». Vi måler mot dei nyaste tala, ikkje mot kalenderen, slik at merket seier noko om talet og ikkje om dagens dato.`,
      "Når det berre finst eitt tal, viser vi inga utvikling: eitt tal kan ikkje seie om noko stig eller søkk.",
      "Open statistikk stoppar ved kommunar og bydelane i dei største byane. Tal for grunnkrinsar lagar SSB på bestilling, så for mange grunnkrinsar finst det få eller ingen tal. Sidene seier kva tal som manglar, og lista over levekårsutfordringar seier når eit regelsett ikkje kan vurderast fordi tala det byggjer på manglar.",
      "Kommunereformer: alle tidsseriar blir viste med kommunegrensene frå 2024. Når kommunar er slegne saman, blir tala for dei gamle kommunane lagde saman. Når ein kommune er delt, blir tala fordelte etter kor mange innbyggjarar kvar del fekk, og tala blir merkte som overslag. Ein kommune som er gjenoppretta, held på sine eigne tal: Haram (1580) har tala til gamle Haram (1534) for åra før samanslåinga i 2020, ikkje ein del av gamle Ålesund. Over eit slikt overslag viser vi inga utvikling, men «ikkje samanliknbart over kommunedelinga».",
    ],
  },
  datesLine: (data, figures) => (data ? `Data sist oppdatert ${data}. Tala rekna ut ${figures}.` : `Tala rekna ut ${figures}.`),
  trends: {
    title: "Utvikling og uvisse",
    paragraphs: [
      "Registertal er ikkje utval: alle er med. Likevel handsamar vi kvart tal som eitt utfall av ein prosess med tilfeldigheiter i seg. Kor mange i ein grunnkrins som er utan arbeid eit år, avheng også av kven som tilfeldigvis flytta inn eller miste jobben. Uvissa vi viser (95 %), seier kor mykje talet kunne ha vore annleis av slike grunnar.",
      "Kvart tal har sin modell, og lista over indikatorar i API-et seier kva for ein. Delar av personar (til dømes del innvandrarar) blir handsama som binomiske: intervallet er Wilsons, og ei endring blir testa som skilnaden mellom to delar (Newcombes metode). Hendingar per 1 000 innbyggjarar (melde lovbrot) er hendingar, ikkje personar, og blir handsama som Poisson-fordelte: intervallet er det eksakte for talet på hendingar, og ei endring blir testa som forholdet mellom to ratar. Når eit slikt tal er publisert utan tala bak, har det ikkje noko intervall.",
      "Beløp i kroner (medianinntekt) stig nesten overalt fordi prisane stig. Vi har ingen prisindeks, så vi samanliknar den prosentvise endringa i området med Noregs i same periode: då fell prisstiginga bort. Uvissa er kor mykje veksten i området utover landet sin svingar frå år til år i tidsserien til området. For Noreg sjølv er det ikkje noko å samanlikne med, og vi seier ikkje noko om utviklinga. Levealder (år) og tal på personar blir målt mot svingingane i serien sjølv frå år til år, utan samanlikning med landet. Har serien færre enn fire endringar frå år til år, veit vi ikkje kor mykje han svingar, og vi seier ikkje noko om utviklinga. Skilnader i prosentpoeng mellom to grupper får ikkje noko ord.",
      "Utviklinga blir målt over dei siste fem åra med tal. Vi kallar ho «stigande» eller «søkkande» berre når endringa er større enn uvissa (95 %). Elles står det «inga klar endring».",
      "For grunnkrinsar og bydelar gir API-et også eit utjamna tal ved sida av det rå: talet til området trekt mot talet til kommunen eller bydelen, meir di færre innbyggjarar området har (empirisk Bayes). Kor mykje det blir trekt, avheng av kor ulike slike område er. Det måler vi på alle grunnkrinsar (eller bydelar) i landet, kvar mot sin eigen kommune eller bydel, ikkje på dei få i éin kommune. Ulikskapen kan aldri setjast til null, så område med tydeleg ulike tal får aldri same utjamna tal.",
      "Små område har få innbyggjarar, så tala deira svingar meir frå år til år. Difor er det vanlegare at små område får «inga klar endring», sjølv når talet har flytta seg.",
    ],
  },
  disclosure: {
    title: "Personvern: skjerming av små tal",
    paragraphs: [
      "Ingen skal kunne kjennast att i tala. Eit tal på under 5 personar blir ikkje vist, og ein del eller rate blir ikkje vist når han byggjer på færre enn 20 personar.",
      "Der eit skjerma tal kunne reknast ut ved å trekkje dei andre områda frå totalen, blir òg eit anna tal skjerma (sekundærskjerming). Teljarar og nemnarar blir aldri viste.",
      "Avrunding: kvar eining har éin regel. Tal på personar og kroner blir viste som heile tal, delar (prosent), ratar per 1000, prosentpoeng og år med éin desimal. Endringar blir rekna av dei avrunda tala, og tal som er anslått over ei kommune- eller bydelsreform blir avrunda på same måten.",
      "Uvisse: ein del eller ein rate blir vist med eit 95 % konfidensintervall (Wilsons intervall for ein del). Registertala er heile folkesetnaden, men vi ser dei som utfall av ein prosess med ei underliggjande sannsyn, og intervallet seier kvar ho kan liggje. Intervallet blir rekna frå det viste talet, frå den lågaste og den høgaste verdien som blir avrunda til det, og grensene blir avrunda utover (den nedre ned, den øvre opp). Det viste talet ligg difor alltid inne i sitt eige intervall, og intervallet er aldri smalare enn det eksakte.",
      "Intervallet skal heller ikkje avsløre teljaren og nemnaren. For nemnarar under 100 000 blir intervallet rekna som om nemnaren var den nedre grensa i eit band (20, 200, 500, 1000, 2000, 5000, 10 000, 20 000 og 50 000; for ratar per 1000 byrjar det andre bandet på 1000). Då blir intervallet litt breiare, aldri smalare, og viser berre kva band nemnaren ligg i. Kvart tal i eit band kan kome frå minst to ulike par av teljar og nemnar, så for område med under 50 000 innbyggjarar kan ingen rekne ut dei eksakte tala frå det viste talet og intervallet; vi testar dette ved å prøve alle par. Store kommunar, fylke og landet får intervall frå den eksakte nemnaren.",
      "Skjerma tyder ikkje null. Tala held på symbola frå Statistisk sentralbyrå:",
    ],
  },
  symbols: { ":": "skjerma (for få personar)", "..": "manglar (talet finst ikkje for perioden)", ".": "ikkje relevant for området" },
  symbolCaption: "Symbol for tal som ikkje blir viste",
  symbolHeader: "Symbol",
  meaningHeader: "Tyding",
  indices: {
    title: "Indeksar og klassifiseringar",
    paragraphs: [
      "Segregeringsindeksane måler kor ujamt grupper er fordelte på områda i ein kommune, eit fylke eller heile landet: ulikskapsindeksen D (delen som måtte flytte for ei jamn fordeling, for to grupper), Theils entropiindeks H og den gjensidige informasjonsindeksen M, som kan delast i ein del mellom og ein del innanfor større område. Grupper kan vere innvandrarar etter verdsdel for landbakgrunn. Alle blir viste med 95 % konfidensintervall frå 1 000 bootstrap-trekningar: personane i kvart område blir trekte på nytt etter dei observerte tala (ei multinomisk trekning, som i Elbers' R-pakke segregation), indeksen blir rekna ut på nytt kvar gong, og intervallet er persentilintervallet for dei skeivskapskorrigerte trekningane (segregeringsindeksar er skeive oppover i små område). Intervall blir gitt for dei to åra ei endring blir vurdert mellom, siste år og året fem år før; ei endring blir kalla ei endring berre når dei to intervalla ikkje overlappar.",
      "Alle indeksane blir rekna ut frå dei tala korta viser, etter skjerming: grunnkrinsane i ein kommune og kommunane i eit fylke eller i heile landet går inn med dei same verna tala. Eit skjerma tal blir aldri rekna ut frå totalen: ei skjult gruppe blir halden utanfor (dei personane blir ikkje talde), og når det skjulte talet er ein del, blir heile området halde utanfor det året, fordi resten elles ville avsløre det. Lokaliseringskvotientar (delen i området delt på delen i heile området) blir gitt berre der området sin eigen del blir vist, og blir runda av til to desimalar, éin eller ingen, slik at ein kvotient aldri låser talet på personar i området til eitt tal: minst to heile tal passar til kvar kvotient som blir vist.",
      "Levekårsindeksen slår saman seks sosioøkonomiske tal: kvart tal blir standardisert mot fordelinga over alle område på same nivå i same år (z-verdiar), og gjennomsnittet gir ein statusindeks. Ein dynamikkindeks gjer det same med endringa over fem år. Indeksen les dei same verdiane som korta: harmoniserte til dagens kommunar (ein kommune som vart delt i 2024, brukar dei anslåtte verdiane frå forgjengaren) og etter skjerming. Eit skjerma tal blir halde utanfor og aldri fylt inn, og eit område der færre enn fire av dei seks tala blir viste, får ingen indeks det året. Kvart område tel éin gong i referansefordelinga, uansett storleik: indeksen samanliknar område med område på same nivå, og det er område klassifiseringar og områdesatsingar handlar om. Vekting etter folketal ville late nokre få store område avgjere gjennomsnitt og spreiing og skildra kvar folk bur heller enn korleis område skil seg. Små område sine usikre tal blir i staden haldne tilbake av skjerminga og kravet til tal på tal. Indeksane blir viste med to desimalar: klassane er eit heilt standardavvik breie, og ein indeks kan ikkje reknast tilbake til eitt av tala han byggjer på.",
      "Klassifiseringane er regelsett som ligg som data, ikkje i programkoden: kvart område blir vist med kvart kriterium, verdien, terskelen og om kriteriet er oppfylt. Standardregelsettet brukar berre sosioøkonomiske kriterium. Opphav blir vist og målt, men blir aldri brukt til å klassifisere eit område.",
      "Segregasjonsindeksane for heile landet, kvart fylke og kvar kommune står på sidene om bustadsegregasjon (/segregasjon/0), og områda som oppfyller eit regelsett på sida Levekårsutfordringar (/levekar).",
    ],
  },
  licence: {
    title: "Lisens og gjenbruk",
    paragraphs: [
      "Tala kan brukast fritt etter lisensen Creative Commons Namngjeving 4.0 (CC BY 4.0). Oppgi «Områdemonitor» og kjelda som står ved kvart tal. Kartgrunnlaget har si eiga kreditering under karta.",
    ],
  },
  licenceLink: "Les lisensen CC BY 4.0",
  borderline: {
    title: "Avgjerder på grensa",
    paragraphs: [
      "Klassifiseringane blir avgjorde med full presisjon, ikkje med tala slik dei blir viste med éin desimal: ein del med teljingar blir samanlikna som tal delt på tal, og eit kriterium som krev «minst» terskelen, er oppfylt når verdien er lik eller over han. Tala som blir viste, er framleis dei publiserte.",
      "Eit kriterium er «på grensa» når terskelen ligg innanfor uvissa i verdien: for delar med teljingar 95 %-intervallet (Wilson), for andre tal (beløp, tal på personar, delar utan teljingar) ein halv eining av siste publiserte siffer. Ein verdi som er nøyaktig lik terskelen, er alltid på grensa. Eit område er på grensa når resultatet kunne blitt eit anna om kriteria på grensa hadde falle ut motsett; då står det ved området.",
    ],
  } satisfies Section,
  data: {
    title: "Opne data og API",
    paragraphs: ["Alle tal kan lastast ned som CSV eller JSON-stat2, og heile tenesta har eit ope programmeringsgrensesnitt (API)."],
  },
  docsLink: "API-dokumentasjon",
  openapiLink: "OpenAPI-skildring (JSON)",
  examplesTitle: "Døme på nedlasting",
  examples: {
    csv: "Folkemengd i bydelane i Oslo, CSV med kjelde og lisens",
    jsonstat: "Alle tal for Tromsø, JSON-stat2",
    range: "Vedvarande låginntekt i Oslo og Bergen 2018–2024, CSV",
  },
};

const en: AboutText = {
  title: "About the figures and the method",
  lead: "Area monitor shows living conditions and population in Norway's counties, municipalities, city districts and basic statistical units over time. This page says where the figures come from, what they mean and how they are computed.",
  synthetic:
    "The figures in this edition are synthetic demo data, made by a random generator. Counties and municipalities have their real names and codes, but every figure, and every city district and basic unit name, is invented.",
  contents: "Contents",
  what: {
    title: "What the monitor shows",
    paragraphs: [
      "For each area the monitor shows the latest figures, the trend over the last five years and how the area compares with its municipality and the whole country.",
      "The figures describe areas, not the people who live there. An area with many living-condition challenges is also a place where people have their homes, their neighbours and their everyday lives.",
    ],
  },
  sourcesTitle: "Sources and definitions",
  sourcesLead: "Every figure has a definition, a unit and a source. The list comes straight from the service:",
  indicatorsFailed: "Could not load the list of figures.",
  unitLabel: "Unit",
  finestLabel: "Available down to",
  sourceLabel: "Source",
  tableLabel: "table",
  directionLabel: "Reading",
  units: { count: "number of people", percent: "percent", per1000: "per 1,000 residents", nok: "Norwegian kroner", years: "years", points: "percentage points (a difference between two shares)" },
  directions: {
    higher_worse: "a higher value means more living-condition challenges",
    higher_better: "a higher value means better living conditions",
    neutral: "describes the population, with no better or worse",
  },
  levels: { country: "country", fylke: "county", kommune: "municipality", bydel: "city district", grunnkrets: "basic statistical unit" },
  age: {
    title: "How old the figures are, and what is missing",
    paragraphs: [
      "Every figure shows the year or period it is for, and every card and download says when the data were last updated.",
      `A figure counts as old when it is more than ${OLD_AFTER_YEARS} years older than the newest figures in the monitor. It is then marked “Old figure: from …”. We measure against the newest figures, not the calendar, so the mark says something about the figure rather than about today's date.`,
      "Where there is only one figure, no trend is shown: one figure cannot tell whether something is rising or falling.",
      "Open statistics stop at municipalities and the districts of the largest cities. Figures for basic statistical units are produced by Statistics Norway (SSB) to order, so many units have few or no figures. The pages say which figures are missing, and the list of living-condition challenges says when a rule set cannot be evaluated because the figures it rests on are missing.",
      "Municipal reforms: every series is shown on the 2024 municipal borders. Where municipalities merged, the old municipalities' figures are added up. Where a municipality was split, its figures are shared out by the population each part received and marked as estimates. A municipality that was re-established keeps its own figures: Haram (1580) has old Haram's (1534) figures for the years before the 2020 merger, not a share of old Ålesund. No trend is read across such an estimate; the card says “not comparable across the municipal split” instead.",
    ],
  },
  datesLine: (data, figures) => (data ? `Data last updated ${data}. Figures computed ${figures}.` : `Figures computed ${figures}.`),
  trends: {
    title: "Trends and uncertainty",
    paragraphs: [
      "Register figures are not samples: everyone is counted. We still treat each figure as one outcome of a process with chance in it. How many people in a basic statistical unit are out of work in a year also depends on who happened to move in or lose their job. The uncertainty we show (95 %) says how much the figure could have differed for such reasons.",
      "Each figure has its model, and the API's list of indicators names it. Shares of people (such as the share of immigrants) are treated as binomial: the interval is Wilson's, and a change is tested as the difference between two proportions (Newcombe's method). Events per 1,000 residents (reported offences) are events, not people, and are treated as Poisson: the interval is the exact one for the number of events, and a change is tested as the ratio of two rates. When such a figure is published without the counts behind it, it has no interval.",
      "Amounts in kroner (median income) rise almost everywhere because prices rise. We have no price index, so we compare the area's percentage change with Norway's over the same period: price growth then cancels out. The uncertainty is how much the area's growth beyond Norway's varies from year to year in the area's own series. Norway itself has nothing to be compared with, so we say nothing about its trend. Life expectancy (years) and numbers of people are measured against the series' own year-to-year variation, without comparing with Norway. If a series has fewer than four year-to-year changes, we do not know how much it varies and say nothing about its trend. Gaps in percentage points between two groups get no word.",
      "The trend is measured over the last five years with figures. We call it “rising” or “falling” only when the change is larger than its uncertainty (95 %). Otherwise it says “no clear change”.",
      "For basic statistical units and city districts the API also gives a smoothed figure beside the raw one: the area's own figure pulled toward its municipality's or district's, more the fewer residents the area has (empirical Bayes). How far it is pulled depends on how much such areas differ. We measure that on every basic unit (or district) in the country, each against its own municipality or district, not on the few in one municipality. The difference is never set to zero, so areas with clearly different figures never get the same smoothed figure.",
      "Small areas have few residents, so their figures vary more from year to year. That is why small areas more often show “no clear change”, even when the figure has moved.",
    ],
  },
  disclosure: {
    title: "Privacy: suppressing small numbers",
    paragraphs: [
      "Nobody should be recognisable in the figures. A count below 5 people is not shown, and a share or rate is not shown when it rests on fewer than 20 people.",
      "Where a suppressed figure could be worked out by subtracting the other areas from the total, another figure is suppressed too (complementary suppression). Numerators and denominators are never shown.",
      "Rounding: each unit has one rule. Counts and kroner are shown as whole numbers; shares (percent), rates per 1000, percentage points and years with one decimal. Changes are computed from the rounded figures, and figures estimated across a municipal or district reform are rounded the same way.",
      "Uncertainty: a share or rate is shown with a 95 % confidence interval (the Wilson interval for a proportion). Register figures cover the whole population, but we treat them as outcomes of a process with an underlying probability, and the interval says where that may lie. The interval is computed from the figure shown, from the lowest and the highest value that round to it, and its bounds are rounded outward (the lower down, the upper up). The figure shown therefore always lies inside its own interval, and the interval is never narrower than the exact one.",
      "Nor may the interval give away the numerator and denominator. For denominators below 100,000 the interval is computed as if the denominator were the lower edge of a band (20, 200, 500, 1000, 2000, 5000, 10,000, 20,000 and 50,000; for rates per 1000 the second band starts at 1000). The interval is then somewhat wider, never narrower, and shows only which band the denominator lies in. Every figure in a band can come from at least two different pairs of numerator and denominator, so for areas with fewer than 50,000 residents nobody can work out the exact counts from the figure and its interval; we test this by trying every pair. Large municipalities, the counties and Norway get intervals from the exact denominator.",
      "Suppressed does not mean zero. The figures keep Statistics Norway's symbols:",
    ],
  },
  symbols: { ":": "suppressed (too few people)", "..": "missing (no figure for the period)", ".": "not applicable to the area" },
  symbolCaption: "Symbols for figures that are not shown",
  symbolHeader: "Symbol",
  meaningHeader: "Meaning",
  indices: {
    title: "Indices and classifications",
    paragraphs: [
      "The segregation indices measure how unevenly groups are spread over the areas of a municipality, a county or the whole country: the dissimilarity index D (the share who would have to move for an even spread, for two groups), Theil's entropy index H and the mutual information index M, which splits into a part between and a part within larger areas. Groups can be immigrants by world region of origin. All are shown with 95 % confidence intervals from 1,000 bootstrap replicates: the people of each area are drawn again from its observed counts (a multinomial draw, as Elbers' R package segregation does), the index is recomputed each time, and the interval is the percentile interval of the bias-corrected replicates (segregation indices are biased upwards in small areas). Intervals are given for the two years a change is judged between, the latest year and the year five years before; a change is called a change only when the two intervals do not overlap.",
      "Every index is computed from the figures the cards show, after suppression: the grunnkretser of a municipality and the municipalities of a county or of Norway enter with the same protected counts. A suppressed figure is never worked out from a total: a hidden group count is left out (those people are not counted), and where the hidden figure is a share, the whole area is left out that year, since its remainder would reveal it. Location quotients (an area's share over the whole area's) are given only where the area's own share is shown, rounded to two decimals, one or none, so that a quotient never pins the area's count to one number: at least two whole numbers of people fit every quotient shown.",
      "The living-conditions index combines six socioeconomic figures: each is standardised against the distribution over all areas of the same level in the same year (z-scores), and their mean gives a status index. A dynamics index does the same with the change over five years. The index reads the same values as the cards: harmonised to today's municipalities (a municipality split in 2024 uses the estimated values of its predecessor) and after suppression. A suppressed value is left out, never filled in, and an area with fewer than four of the six figures shown gets no index that year. Each area counts once in the reference distribution, whatever its size: the index compares areas with areas of their level, and areas are what classifications and area-based initiatives are about. Weighting by population would let a few large areas set the mean and the spread, and describe where people live rather than how areas differ. Small areas' noisier figures are held back by suppression and the minimum number of figures instead. Indices are shown with two decimals: the classes are a whole standard deviation wide, and an index cannot be solved back to one of its inputs.",
      "Classifications are rule sets stored as data, not in the program code: each area is shown with every criterion, its value, the threshold and whether it is met. The default rule set uses socioeconomic criteria only. Origin is shown and measured, but never used to classify an area.",
      "The segregation indices of the whole country, every county and every municipality are on the residential segregation pages (/segregasjon/0), and the areas meeting a rule set on the Living-condition challenges page (/levekar).",
    ],
  },
  licence: {
    title: "Licence and reuse",
    paragraphs: [
      "The figures may be used freely under the Creative Commons Attribution 4.0 licence (CC BY 4.0). Credit “Area monitor” (Områdemonitor) and the source named with each figure. The map data has its own credit under the maps.",
    ],
  },
  licenceLink: "Read the CC BY 4.0 licence",
  borderline: {
    title: "Decisions on the threshold",
    paragraphs: [
      "Classifications are decided at full precision, not on the figures as shown to one decimal: a share with counts is compared as count divided by count, and a criterion that asks for \"at least\" the threshold holds when the value equals or exceeds it. The figures shown are still the published ones.",
      "A criterion is \"on the threshold\" when the threshold lies within the value's uncertainty: for shares with counts their 95 % interval (Wilson), for other figures (amounts, counts, shares without counts) half a unit of the last published digit. A value exactly equal to the threshold is always on the threshold. An area is on the threshold when its result could have been different had its criteria on the threshold fallen the other way; the area then says so.",
    ],
  } satisfies Section,
  data: {
    title: "Open data and API",
    paragraphs: ["Every figure can be downloaded as CSV or JSON-stat2, and the whole service has an open application programming interface (API)."],
  },
  docsLink: "API documentation",
  openapiLink: "OpenAPI description (JSON)",
  examplesTitle: "Download examples",
  examples: {
    csv: "Population of Oslo's city districts, CSV with source and licence",
    jsonstat: "All figures for Tromsø, JSON-stat2",
    range: "Persistent low income in Oslo and Bergen 2018–2024, CSV",
  },
};

const TEXTS: Record<Lang, AboutText> = { nb, nn, en };

export function aboutText(lang: Lang): AboutText {
  return TEXTS[lang];
}
