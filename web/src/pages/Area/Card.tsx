// The trend card is shared with the embed widget, which the Worker renders to HTML.
export { Card } from "../../components/card/Card";
