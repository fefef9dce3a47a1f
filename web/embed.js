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
 * shape with a height in 1 .. 20000 pixels; then it sets that iframe's
 * height. Nothing else is read from the message; nothing is sent back.
 */
(function () {
  'use strict';
  var TYPE = 'lr-playground:height';
  var MAX_HEIGHT = 20000;

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

  function validHeight(data) {
    if (!data || typeof data !== 'object' || data.type !== TYPE) return null;
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
