// Numbers, units and dates live in components/card/format.ts, shared with the embed.
export { formatDate } from "../components/card/format.ts";
