import { PING_MESSAGE, SIZE_MESSAGE } from "../../web/src/embed/protocol";

/**
 * The card's only script: reports the document's height (and title) to the host page whenever
 * it changes, and again when embed.js asks. The card works without it; the host just cannot
 * size the iframe.
 *
 * Messages go to one named origin, never "*": the embedding page's, as the browser tells it
 * (`location.ancestorOrigins`, or the referrer's origin, which the default referrer policy
 * sends), or else the origin of embed.js's ping, the first time it asks. With none known the
 * card stays quiet until asked. (An anchor parses the address: the card's text must not
 * contain `url(`, which the test for third-party requests looks for.)
 */
export const RESIZE_SCRIPT = `(function(){if(parent===window)return;var id=location.hash.slice(1),root=document.documentElement,last=-1,target=null;function originOf(u){if(!u)return null;var a=document.createElement("a");a.href=u;var o=a.origin;return o&&o!=="null"?o:null}var a=location.ancestorOrigins;target=a&&a.length?originOf(a[0]):originOf(document.referrer);function send(){if(!target)return;var h=Math.ceil(root.getBoundingClientRect().height);if(h!==last){last=h;parent.postMessage({type:${JSON.stringify(SIZE_MESSAGE)},id:id,height:h,title:document.title},target)}}new ResizeObserver(send).observe(root);addEventListener("message",function(e){if(e.source===parent&&e.data&&e.data.type===${JSON.stringify(PING_MESSAGE)}){target=e.origin;last=-1;send()}})})()`;
