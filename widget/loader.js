/* aftercart widget loader. Plain ES5 (plus the dynamic import() the wasm glue
 * needs anyway), so it parses on every browser that could run the widget.
 *
 * <script src="https://EDGE/widget.js" data-shop="demo" async
 *         data-target="#where" data-lang="sv"></script>
 *
 * The build replaces the three bundle placeholders with content-hashed
 * file names. */
(function (w, d) {
  var s = d.currentScript;
  if (!s || !s.src) return;
  var base = new URL('.', s.src).href;
  var t = s.getAttribute('data-target');
  var host = t ? d.querySelector(t) : d.createElement('div');
  if (!host) return;
  if (!t) s.parentNode.insertBefore(host, s.nextSibling);
  /* Reserve the space before the wasm arrives so the host page does not jump
   * (the app's loading skeleton has the same height). */
  host.style.display = 'block';
  host.style.minHeight = '480px';
  var root = host.shadowRoot || host.attachShadow({ mode: 'open' });
  var css = d.createElement('link');
  css.rel = 'stylesheet';
  css.href = base + '__AFTERCART_CSS__';
  root.appendChild(css);
  /* One wasm instance per page, however many tags embed the widget. */
  var key = Symbol.for('aftercart.widget');
  var ready = w[key] || (w[key] = import(base + '__AFTERCART_JS__').then(function (m) {
    return m.default({ module_or_path: base + '__AFTERCART_WASM__' }).then(function () {
      return m;
    });
  }));
  /* A signed deep link from the merchant's shipping email: ?t=<token>.
   * Read once, then taken out of the address bar, so it does not stay in
   * history, bookmarks, analytics or the Referer of the next page. */
  var url = new URL(w.location.href);
  var token = url.searchParams.get('t') || undefined;
  if (token) {
    url.searchParams.delete('t');
    try { w.history.replaceState(w.history.state, '', url.href); } catch (e) { /* sandboxed */ }
  }
  ready.then(function (m) {
    m.mount(root, {
      shop: s.getAttribute('data-shop') || '',
      apiBase: new URL(s.src).origin,
      lang: s.getAttribute('data-lang') || undefined,
      token: token
    });
  });
})(window, document);
