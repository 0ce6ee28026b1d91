// The trend card is shared with the embed widget, which the Worker renders to HTML; its own
// styles (the embed's are in worker/embed/styles.ts) come with it here.
import "../../components/card/card.css";
export { Card } from "../../components/card/Card";
