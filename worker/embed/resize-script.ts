import { PING_MESSAGE, SIZE_MESSAGE } from "../../web/src/embed/protocol";

/**
 * The card's only script: reports the document's height (and title) to the host page whenever
 * it changes, and again when embed.js asks. The card works without it; the host just cannot
 * size the iframe. The target origin is "*" because the card cannot know its host, and the
 * message carries nothing but the height of public figures and their title.
 */
export const RESIZE_SCRIPT = `(function(){if(parent===window)return;var id=location.hash.slice(1),root=document.documentElement,last=-1;function send(){var h=Math.ceil(root.getBoundingClientRect().height);if(h!==last){last=h;parent.postMessage({type:${JSON.stringify(SIZE_MESSAGE)},id:id,height:h,title:document.title},"*")}}new ResizeObserver(send).observe(root);addEventListener("message",function(e){if(e.source===parent&&e.data&&e.data.type===${JSON.stringify(PING_MESSAGE)}){last=-1;send()}})})()`;
