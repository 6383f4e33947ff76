// A live meeting's page follows the meeting: one server-sent event stream per page (the
// browser resumes it with Last-Event-ID after a drop or a restart), each event carrying the
// page's regions that changed. What a person is typing or has ticked survives a region being
// replaced; "Pause live updates" holds changes back until resumed (WCAG 2.2.2); what changed
// is announced politely, a few seconds at a time, not once per change (WCAG 4.1.3).
(() => {
  const root = document.querySelector('[data-live]');
  if (!root || typeof EventSource === 'undefined') return;
  const controls = root.querySelector('[data-live-controls]');
  const pause = root.querySelector('[data-live-pause]');
  const waiting = root.querySelector('[data-live-waiting]');
  const announcer = root.querySelector('[data-live-announce]');
  const quiet = root.hasAttribute('data-live-announce-off');
  const ANNOUNCE_EVERY_MS = 4000;

  let paused = false;
  /** Regions held back while paused: the latest of each. */
  const held = new Map();
  let heldWords = [];
  let pendingWords = [];
  let announceTimer = null;

  if (controls) controls.hidden = false;

  // Fields the person has changed since the region was last drawn keep their value.
  root.addEventListener('input', (event) => {
    if (event.target instanceof HTMLElement) event.target.dataset.dirty = 'yes';
  });
  root.addEventListener('change', (event) => {
    if (event.target instanceof HTMLElement) event.target.dataset.dirty = 'yes';
  });

  function swap(id, html) {
    const region = document.getElementById(id);
    if (!region) return;
    const kept = [];
    for (const field of region.querySelectorAll('[data-dirty][id]')) {
      kept.push({
        id: field.id,
        value: field.value,
        checked: field.checked,
        start: field.selectionStart,
        end: field.selectionEnd,
      });
    }
    const focused =
      document.activeElement && region.contains(document.activeElement)
        ? document.activeElement.id
        : '';
    region.innerHTML = html;
    for (const k of kept) {
      const field = document.getElementById(k.id);
      if (!field) continue;
      if (field.type === 'checkbox' || field.type === 'radio') field.checked = k.checked;
      else field.value = k.value;
      field.dataset.dirty = 'yes';
      if (k.id === focused && typeof k.start === 'number' && field.setSelectionRange) {
        try {
          field.setSelectionRange(k.start, k.end);
        } catch {
          // Not a text field.
        }
      }
    }
    if (focused) document.getElementById(focused)?.focus();
  }

  function say(words) {
    if (quiet || !announcer || !words) return;
    pendingWords.push(words);
    if (announceTimer) return;
    announceTimer = setTimeout(() => {
      announceTimer = null;
      announcer.textContent = pendingWords.slice(-3).join(' ');
      pendingWords = [];
    }, ANNOUNCE_EVERY_MS);
  }

  function showWaiting() {
    if (waiting) waiting.textContent = held.size > 0 ? 'New updates are waiting.' : '';
  }

  // A region is not replaced under a pointer that is pressing one of its buttons.
  let pressing = false;
  const pressedHeld = new Map();
  root.addEventListener('pointerdown', () => {
    pressing = true;
  });
  const release = () => {
    setTimeout(() => {
      pressing = false;
      if (paused) return;
      for (const [id, html] of pressedHeld) swap(id, html);
      pressedHeld.clear();
    }, 300);
  };
  root.addEventListener('pointerup', release);
  root.addEventListener('pointercancel', release);

  function apply(update) {
    if (pressing && !paused) {
      for (const r of update.regions) pressedHeld.set(r.id, r.html);
      say(update.announce);
      return;
    }
    if (paused) {
      for (const r of update.regions) held.set(r.id, r.html);
      if (update.announce) heldWords.push(update.announce);
      showWaiting();
      return;
    }
    for (const r of update.regions) swap(r.id, r.html);
    say(update.announce);
  }

  if (pause) {
    pause.addEventListener('click', () => {
      paused = !paused;
      pause.setAttribute('aria-pressed', String(paused));
      pause.textContent = paused ? 'Resume live updates' : 'Pause live updates';
      if (!paused) {
        for (const [id, html] of held) swap(id, html);
        held.clear();
        if (heldWords.length > 0) say(heldWords.slice(-3).join(' '));
        heldWords = [];
      }
      showWaiting();
    });
  }

  // One stream per page, closed as the page is left: a browser allows six connections to a
  // host, and a page kept in the back-forward cache must not hold one of them open.
  let stream = null;
  let lastId = root.getAttribute('data-live-seq') || '';
  function connect() {
    const url = new URL(root.getAttribute('data-live'), location.href);
    if (lastId) url.searchParams.set('since', lastId);
    stream = new EventSource(url);
    stream.addEventListener('update', (event) => {
      let update;
      try {
        update = JSON.parse(event.data);
      } catch {
        return;
      }
      apply(update);
      lastId = event.lastEventId;
      root.setAttribute('data-live-seq', lastId);
      if (update.ended) stream.close();
    });
    stream.addEventListener('open', () => root.setAttribute('data-live-state', 'open'));
    stream.addEventListener('error', () => root.setAttribute('data-live-state', 'reconnecting'));
  }
  window.addEventListener('pagehide', () => stream?.close());
  window.addEventListener('pageshow', (event) => {
    if (event.persisted) connect();
  });
  connect();
})();
