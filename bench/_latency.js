// What the widget-latency benchmark runs in the page, before each user action: arm a watch on
// one widget, then (after the action) await `window.tanmiaBenchDone`.
//
// (root, watch) => void, with `root` the widget's element and `watch` what its update is:
//   {selector, contains}: the text of the elements matching `selector` inside `root` (those
//       whose text contains `contains`, when given) changes: feedback, a verdict, a ranking;
//   {} (or a selector matching nothing): a picture inside `root` changes — any mutation on an
//       <img>, <svg> or <canvas>, or that adds one: an Image widget's new src, an Output
//       widget's new figure, an inline SVG rewritten, PNG or SVG alike.
//
// The action's time is the timeStamp (the clock of performance.now()) of the first event after
// arming that a widget acts on: a click (once the button is released: a mouse button held
// down changes nothing yet), a key pressed, a value input or changed. A MutationObserver notes
// each matching mutation; pictures touched must also be decoded to count as seen. The update
// is complete once nothing more has matched for QUIET ms: the latency is from the action to
// the last matching mutation (its pictures decoded). Resolves to
// {mode, start, first, last, mutations}, or {error} after TIMEOUT ms.
(root, watch) => {
  const QUIET = 250;
  const TIMEOUT = 15000;
  const PICTURE = 'img, svg, canvas';
  const ACTIONS = ['click', 'keydown', 'input', 'change'];

  const watched = () =>
    [...root.querySelectorAll(watch.selector || ':not(*)')].filter(
      (e) => !watch.contains || e.textContent.includes(watch.contains),
    );
  const text = () => watched().map((e) => e.textContent).join('\u241e');
  const mode = watch.selector && watched().length ? 'text' : 'picture';
  const before = mode === 'text' ? text() : null;

  const element = (node) => (node.nodeType === 1 ? node : node.parentElement);
  const pictures = (node) => {
    if (node.nodeType !== 1) return [];
    return node.matches(PICTURE) ? [node] : [...node.querySelectorAll(PICTURE)];
  };
  // The pictures a mutation record touches (empty: the record is not about a picture).
  const touched = (record) => {
    const found = [];
    const target = element(record.target);
    if (target && (target.matches(PICTURE) || target.closest('svg'))) found.push(target);
    for (const node of record.addedNodes) found.push(...pictures(node));
    return found;
  };

  let start = null;
  const onAction = (event) => {
    if (start === null) start = event.timeStamp;
  };
  for (const type of ACTIONS) document.addEventListener(type, onAction, true);

  window.tanmiaBenchDone = new Promise((resolve) => {
    let first = null;
    let last = null;
    let mutations = 0;
    let quiet = null;
    let lastText = before;
    const finish = (result) => {
      observer.disconnect();
      clearTimeout(timeout);
      clearTimeout(quiet);
      for (const type of ACTIONS) document.removeEventListener(type, onAction, true);
      resolve(result);
    };
    const timeout = setTimeout(
      () => finish({error: `no ${mode} update within ${TIMEOUT} ms`, start, mutations}),
      TIMEOUT,
    );
    const observer = new MutationObserver(async (records) => {
      if (start === null) return; // the page moving before the action: not ours
      let images = [];
      if (mode === 'text') {
        const now = text();
        if (now === lastText) return;
        lastText = now;
      } else {
        images = records.flatMap(touched);
        if (!images.length) return;
      }
      mutations += 1;
      const seen = performance.now();
      first = first ?? seen;
      clearTimeout(quiet);
      const imgs = images.filter((e) => e.tagName === 'IMG');
      await Promise.all(imgs.map((img) => img.decode().catch(() => null)));
      last = Math.max(last ?? 0, performance.now());
      clearTimeout(quiet);
      quiet = setTimeout(() => finish({mode, start, first, last, mutations}), QUIET);
    });
    observer.observe(root, {subtree: true, childList: true, attributes: true, characterData: true});
  });
}
