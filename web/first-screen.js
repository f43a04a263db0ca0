// Makes the Grader's first screen, which the build puts into the page (src/bin/prerender.rs),
// work before the app has started, so that a visitor on a slow phone can answer at once.
// The score, band and next steps follow the answers, looked up in the table the build wrote
// beside the screen (#first-screen-data) from the app's own view functions: the grading rules
// stay in Rust. What is done here is kept in session storage, for a reload before the app
// starts, and the app takes it over when it starts (src/browser/first_screen.rs).
// Put into the page by scripts/post-build.mjs, after the first screen and allowed by its hash.
(() => {
  const copy = document.getElementById('prerendered');
  const table = document.getElementById('first-screen-data');
  // On any other screen the page shows only the copy's header and the line saying the
  // screen is on its way (style/base.css): that line is for screen readers too, the header
  // stays out of reach until the app starts, and the skip link moves the focus as the app
  // does (its address, #main, the app would take for a screen's).
  const classes = document.documentElement.classList;
  if (copy && classes.contains('show-waiting') && !classes.contains('show-prerendered')) {
    copy.inert = false;
    copy.querySelector('.site-header').inert = true;
    copy.querySelector('.skip-link')?.addEventListener('click', event => {
      event.preventDefault();
      copy.querySelector('main').focus();
    });
  }
  if (!copy || !table || !document.documentElement.classList.contains('show-prerendered')) return;
  const data = JSON.parse(table.textContent);
  const $ = selector => copy.querySelector(selector);
  const radios = [...copy.querySelectorAll('input[type=radio]')];
  const label = $('#assessment-label');
  const team = $('#assessment-team');
  const date = $('#assessment-date');
  const form = $('.save-form');
  const [save, clear] = form.querySelectorAll('.save-form__actions button');
  const markup = html => {
    const template = document.createElement('template');
    template.innerHTML = html;
    return template.content;
  };

  // An invitation link's copy shows the invitation above the Grader, and not the panel for
  // inviting others, by the page's styles alone (style/base.css), so that even a first paint
  // before this script has them; the part not shown goes, as the app's screen has no such
  // part. The sender's own words and the way to send the result back come with the app.
  $(document.documentElement.classList.contains('show-invitation') ? '.share-panel' : '.first-screen-invitation')?.remove();
  // The line shown in the Grader's place on other screens until the app starts.
  $('.first-screen-waiting')?.remove();

  // Only what needs the app stays out of reach until it starts: the menu with the theme,
  // and the invitation panel.
  copy.inert = false;
  for (const part of copy.querySelectorAll('.site-header, .share-panel')) part.inert = true;
  // The link's own target would be a route; the app moves focus instead, and so does this.
  $('.skip-link')?.addEventListener('click', event => {
    event.preventDefault();
    $('main').focus();
  });

  /** Shows what the app would show next to these answers. */
  function show() {
    const checked = radios.filter(r => r.checked);
    const answered = checked.length;
    const score = checked.filter(r => data.choices[r.id].counts).length;
    const parts = answered ? data.by_score[score] : data.unanswered;
    for (const item of copy.querySelectorAll('.practice')) {
      const chosen = item.querySelector('input[type=radio]:checked');
      item.className = chosen ? `practice ${data.choices[chosen.id].class}` : 'practice';
    }

    // The score is patched in place, so that its live region announces the change.
    $('.score-card').className = parts.class;
    $('.score__value').textContent = String(score);
    let suffix = $('.score .visually-hidden');
    if (answered) {
      if (!suffix) {
        suffix = document.createElement('span');
        suffix.className = 'visually-hidden';
        $('.score').append(suffix);
      }
      suffix.textContent = parts.suffix;
    } else {
      suffix?.remove();
    }
    const count = $('.score-card__answered');
    count.textContent = data.answered[answered];
    while (count.nextSibling) count.nextSibling.remove();
    count.after(markup(parts.advice));
    $('.score-strip').replaceWith(markup(parts.strip));

    let note = $('#unanswered-note');
    const noteText = data.unanswered_note[answered];
    if (noteText) {
      if (!note) {
        note = document.createElement('p');
        note.className = 'muted';
        note.id = 'unanswered-note';
        $('.save-form__actions').before(note);
      }
      note.textContent = noteText;
    } else {
      note?.remove();
    }
    clear.disabled = !answered && !label.value && !date?.value;

    $('.grader > .next-steps')?.remove();
    if (answered) {
      const open = data.steps_for.map(id => !copy.querySelector(`#${id}`).checked);
      const steps = markup(open.includes(true) ? data.next_steps : data.all_done);
      const items = [...steps.querySelectorAll('li')];
      open.forEach((stillOpen, i) => { if (!stillOpen) items[i]?.remove(); });
      $('.grader__layout').after(steps);
    }
  }

  /** Saving needs the app: the request waits for it, and the app saves once it has started. */
  function requestSave() {
    form.setAttribute('data-save-requested', '');
    save.setAttribute('aria-disabled', 'true');
    let status = $('.save-form__saved');
    if (!status) {
      status = document.createElement('p');
      status.className = 'save-form__saved';
      status.setAttribute('role', 'status');
      form.append(status);
    }
    status.textContent = 'Saving these answers as soon as the app has loaded, in a moment.';
  }

  function cancelSave() {
    form.removeAttribute('data-save-requested');
    save.removeAttribute('aria-disabled');
    $('.save-form__saved')?.remove();
  }

  function keep() {
    try {
      sessionStorage.setItem(data.handoff, JSON.stringify({
        checked: radios.filter(r => r.checked).map(r => r.id),
        label: label.value,
        team: team?.value ?? '',
        date: date?.value ?? '',
        save: form.hasAttribute('data-save-requested'),
      }));
    } catch {
      // Storage refused (private mode, say): the answers still reach the app from the page.
    }
  }

  try {
    const kept = JSON.parse(sessionStorage.getItem(data.handoff) ?? 'null');
    if (kept) {
      for (const id of kept.checked ?? []) if (data.choices[id]) $(`#${id}`).checked = true;
      if (typeof kept.label === 'string') label.value = kept.label;
      if (team && typeof kept.team === 'string') team.value = kept.team;
      if (date && typeof kept.date === 'string') date.value = kept.date;
      if (kept.save === true) requestSave();
    }
  } catch {
    // Nothing readable kept: the page starts as the build wrote it.
  }
  show();

  copy.addEventListener('change', event => {
    if (event.target.type !== 'radio') return;
    show();
    keep();
  });
  label.addEventListener('input', () => {
    show();
    keep();
  });
  team?.addEventListener('input', keep);
  date?.addEventListener('input', () => {
    show();
    keep();
  });
  // The day picker allows no day to come, as the app's does; a day half typed, or one out of
  // range, is shown by the browser's own message rather than saved as today or refused
  // by the app after Save was promised.
  if (date) date.max = new Date().toLocaleDateString('en-CA');
  form.addEventListener('submit', event => {
    event.preventDefault();
    if (date && !date.checkValidity()) {
      date.reportValidity();
      return;
    }
    requestSave();
    keep();
  });
  clear.addEventListener('click', () => {
    for (const radio of radios) radio.checked = false;
    label.value = '';
    if (date) date.value = '';
    cancelSave();
    show();
    keep();
    label.focus();
  });
})();
