/* embed.js - for course pages that embed lr-playground: sizes each
 * lr-playground iframe to its content. Include it once, after or before the
 * iframes (the playground's "Embed" dialog writes both):
 *
 *   <iframe src="https://…/index.html#v=1&opt=adam&embed=1&ui=lr"
 *           data-lr-playground width="100%" height="560" frameborder="0"
 *           sandbox="allow-scripts allow-popups allow-popups-to-escape-sandbox"></iframe>
 *   <script src="https://…/web/embed.js" defer></script>
 *
 * A page with a strict Content-Security-Policy copies this file to its own
 * site (it has no dependencies) or allows the playground's host in
 * script-src; without it the iframe keeps its height attribute.
 *
 * The embedded page posts { type: 'lr-playground:height', height } to its
 * parent whenever its height changes. This script takes a message only if
 * it comes from the window of an iframe marked data-lr-playground, from
 * that iframe's origin (the origin "null" when the iframe is sandboxed
 * without allow-same-origin, as the snippet is), and has exactly that
 * shape (a plain object with the keys type and height and no other, not an
 * array) with a height in 1 .. 20000 pixels; then it sets that iframe's
 * height. Nothing else is read from the message; nothing is sent back.
 *
 * Two pasted snippets load it twice: the second copy finds the first one's
 * mark on the window and does nothing, so one listener serves every frame.
 */
(function () {
  'use strict';
  var TYPE = 'lr-playground:height';
  var MAX_HEIGHT = 20000;
  var LOADED = 'lr-playground:embed.js';

  if (window[LOADED]) return;
  window[LOADED] = true;

  function frameOf(source) {
    var frames = document.querySelectorAll('iframe[data-lr-playground]');
    for (var i = 0; i < frames.length; i++) if (frames[i].contentWindow === source) return frames[i];
    return null;
  }

  function expectedOrigin(frame) {
    if (frame.hasAttribute('sandbox') && !frame.sandbox.contains('allow-same-origin')) return 'null';
    try {
      return new URL(frame.src, location.href).origin;
    } catch (e) {
      return null;
    }
  }

  var own = Object.prototype.hasOwnProperty;

  // Exactly { type: TYPE, height }: a plain object (of any realm: a message
  // is a structured clone) with those two keys and no other.
  function validHeight(data) {
    if (Object.prototype.toString.call(data) !== '[object Object]') return null;
    var keys = Object.keys(data);
    if (keys.length !== 2 || !own.call(data, 'type') || !own.call(data, 'height') || data.type !== TYPE) return null;
    var h = data.height;
    return typeof h === 'number' && isFinite(h) && h >= 1 && h <= MAX_HEIGHT ? Math.ceil(h) : null;
  }

  window.addEventListener('message', function (event) {
    var height = validHeight(event.data);
    if (height === null) return;
    var frame = frameOf(event.source);
    if (!frame || event.origin !== expectedOrigin(frame)) return;
    frame.style.height = height + 'px';
    frame.style.border = '0';
  });
})();
