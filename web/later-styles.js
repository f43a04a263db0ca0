// Applies the other screens' styles, which the build puts into the page unapplied
// (scripts/post-build.mjs, FIRST_SCREEN_STYLES). Anything but the first screen a first-time
// visitor sees gets them at once, before anything is shown. That first screen gets them from
// the loader when the app starts, as only the app shows other screens: matching every screen's
// rules before its first paint, or while its first answer is clicked, would hold both up.
(() => {
  const later = document.getElementById('later-styles');
  if (later && !document.documentElement.classList.contains('show-prerendered')) later.removeAttribute('media');
})();
