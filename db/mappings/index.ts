import { parseMapping, type Mapping } from "../../worker/import/mapping";
import aprestmo_kommuner_folketall_2024 from "./aprestmo-kommuner-folketall-2024.json";
import aprestmo_postnummer from "./aprestmo-postnummer.json";
import asker_baerum_grunnkretser from "./asker-baerum-grunnkretser.json";
import asker_baerum_innvandrere_2018 from "./asker-baerum-innvandrere-2018.json";
import imdi_innvandrere_innvandringsgrunn from "./imdi-innvandrere-innvandringsgrunn.json";
import imdi_innvandrere_landbakgrunn_alle from "./imdi-innvandrere-landbakgrunn-alle.json";
import imdi_innvandrere_verdensdel from "./imdi-innvandrere-verdensdel.json";
import fhi_befolkning_kommune_bydel_utenfor_ssb from "./fhi-befolkning-kommune-bydel-utenfor-ssb.json";
import fhi_befolkning_land_fylke from "./fhi-befolkning-land-fylke.json";
import imdi_2013_ikke_arbeid_utdanning from "./imdi-2013-ikke-arbeid-utdanning.json";
import imdi_2013_sysselsatte from "./imdi-2013-sysselsatte.json";
import imdi_2013_vedvarende_lavinntekt from "./imdi-2013-vedvarende-lavinntekt.json";
import klass131_kommuner from "./klass131-kommuner.json";
import oslo_bef001_2024 from "./oslo-bef001-2024.json";
import oslo_bydeler from "./oslo-bydeler.json";
import robhop_fylker from "./robhop-fylker.json";
import robhop_kommuner from "./robhop-kommuner.json";
import ssb_05300 from "./ssb-05300.json";
import ssb_07459_befolkning_kommune from "./ssb-07459-befolkning-kommune.json";
import ssb_08487_anmeldte_lovbrudd from "./ssb-08487-anmeldte-lovbrudd.json";
import ssb_10826_befolkning_bydel from "./ssb-10826-befolkning-bydel.json";
import ssb_07459 from "./ssb-07459.json";
import ssb_08487 from "./ssb-08487.json";
import ssb_09429 from "./ssb-09429.json";
import ssb_09817 from "./ssb-09817.json";
import ssb_10826 from "./ssb-10826.json";
import ssb_11607 from "./ssb-11607.json";
import telemark_levekaarssoner from "./telemark-levekaarssoner.json";
import telemark_levekaarssoner_koder from "./telemark-levekaarssoner-koder.json";

/**
 * Mappings that ship with the worker, so `POST /api/admin/import?mapping=<name>` and the
 * scheduled SSB fetcher can use them by name. A new file here needs one line below.
 */
const BUNDLED: Record<string, unknown> = {
  "aprestmo-kommuner-folketall-2024": aprestmo_kommuner_folketall_2024,
  "aprestmo-postnummer": aprestmo_postnummer,
  "asker-baerum-grunnkretser": asker_baerum_grunnkretser,
  "asker-baerum-innvandrere-2018": asker_baerum_innvandrere_2018,
  "imdi-innvandrere-innvandringsgrunn": imdi_innvandrere_innvandringsgrunn,
  "imdi-innvandrere-landbakgrunn-alle": imdi_innvandrere_landbakgrunn_alle,
  "imdi-innvandrere-verdensdel": imdi_innvandrere_verdensdel,
  "fhi-befolkning-kommune-bydel-utenfor-ssb": fhi_befolkning_kommune_bydel_utenfor_ssb,
  "fhi-befolkning-land-fylke": fhi_befolkning_land_fylke,
  "imdi-2013-ikke-arbeid-utdanning": imdi_2013_ikke_arbeid_utdanning,
  "imdi-2013-sysselsatte": imdi_2013_sysselsatte,
  "imdi-2013-vedvarende-lavinntekt": imdi_2013_vedvarende_lavinntekt,
  "klass131-kommuner": klass131_kommuner,
  "oslo-bef001-2024": oslo_bef001_2024,
  "oslo-bydeler": oslo_bydeler,
  "robhop-fylker": robhop_fylker,
  "robhop-kommuner": robhop_kommuner,
  "ssb-05300": ssb_05300,
  "ssb-07459-befolkning-kommune": ssb_07459_befolkning_kommune,
  "ssb-08487-anmeldte-lovbrudd": ssb_08487_anmeldte_lovbrudd,
  "ssb-10826-befolkning-bydel": ssb_10826_befolkning_bydel,
  "ssb-07459": ssb_07459,
  "ssb-08487": ssb_08487,
  "ssb-09429": ssb_09429,
  "ssb-09817": ssb_09817,
  "ssb-10826": ssb_10826,
  "ssb-11607": ssb_11607,
  "telemark-levekaarssoner": telemark_levekaarssoner,
  "telemark-levekaarssoner-koder": telemark_levekaarssoner_koder,
};

export const BUNDLED_MAPPINGS = Object.keys(BUNDLED).sort();

/** The named mapping, validated; null when no bundled mapping has that name. */
export function bundledMapping(name: string): Mapping | null {
  const raw = BUNDLED[name];
  return raw === undefined ? null : parseMapping(raw, `db/mappings/${name}.json`);
}
