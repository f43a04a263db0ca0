// Applies the other screens' styles, which the build puts into the page unapplied
// (scripts/post-build.mjs, FIRST_SCREEN_STYLES). For the first screen a first-time visitor
// sees, after its first frame, so that the browser does not match the rules of every screen
// before painting it; for anything else at once, before anything is shown. The loader applies
// them too once the app has started, in case no frame was drawn yet (a tab in the background).
(() => {
  const later = document.getElementById('later-styles');
  if (!later) return;
  const apply = () => later.removeAttribute('media');
  if (document.documentElement.classList.contains('show-prerendered')) requestAnimationFrame(() => setTimeout(apply));
  else apply();
})();
