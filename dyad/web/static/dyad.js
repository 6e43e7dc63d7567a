// dyad web pages: on the article page, clicking a record (or a highlighted piece of text)
// marks that record's evidence in the text and scrolls to it. The pages read fine without
// this script; it reads only the DOM the server rendered (data-ref / data-refs attributes).
(function () {
  "use strict";

  function segmentsFor(ref) {
    return Array.prototype.filter.call(
      document.querySelectorAll("#article-text [data-refs]"),
      function (el) { return el.dataset.refs.split(" ").indexOf(ref) >= 0; });
  }

  function select(li, scrollList) {
    document.querySelectorAll(".rec.active").forEach(function (x) { x.classList.remove("active"); });
    document.querySelectorAll("#article-text .marked").forEach(function (x) { x.classList.remove("marked"); });
    li.classList.add("active");
    var segs = segmentsFor(li.dataset.ref);
    segs.forEach(function (s) { s.classList.add("marked"); });
    if (segs.length) { segs[0].scrollIntoView({ block: "center" }); }
    if (scrollList) { li.scrollIntoView({ block: "nearest" }); }
    if (window.history && history.replaceState) {
      history.replaceState(null, "", "#" + li.dataset.kind + "-" + encodeURIComponent(li.dataset.id));
    }
  }

  function recordFor(kind, id) {
    var found = null;
    document.querySelectorAll(".rec[data-kind]").forEach(function (li) {
      if (!found && li.dataset.kind === kind && li.dataset.id === id) { found = li; }
    });
    return found;
  }

  function selectFromHash() {
    var hash;
    try { hash = decodeURIComponent(window.location.hash.slice(1)); } catch (e) { return; }
    var cut = hash.indexOf("-");
    if (cut < 1) { return; }
    var li = recordFor(hash.slice(0, cut), hash.slice(cut + 1));
    if (li) { select(li, true); }
  }

  // A click in the text picks the most specific record under it: event, quote, date, actor.
  var ORDER = ["ev", "q", "d", "a", "n"];
  function recordForSegment(seg) {
    var refs = seg.dataset.refs.split(" ");
    for (var i = 0; i < ORDER.length; i++) {
      for (var j = 0; j < refs.length; j++) {
        var m = /^([a-z]+)\d+$/.exec(refs[j]);
        if (m && m[1] === ORDER[i]) {
          var li = document.querySelector('.rec[data-ref="' + refs[j] + '"]');
          if (li) { return li; }
        }
      }
    }
    return null;
  }

  function init() {
    var records = document.getElementById("records");
    var text = document.getElementById("article-text");
    if (!records || !text) { return; }
    records.addEventListener("click", function (ev) {
      if (ev.target.closest("a")) { return; }
      var li = ev.target.closest(".rec");
      if (li) { select(li, false); }
    });
    records.addEventListener("keydown", function (ev) {
      if (ev.key !== "Enter" && ev.key !== " ") { return; }
      var li = ev.target.closest(".rec");
      if (li) { ev.preventDefault(); select(li, false); }
    });
    text.addEventListener("click", function (ev) {
      var seg = ev.target.closest("[data-refs]");
      var li = seg && recordForSegment(seg);
      if (li) { select(li, true); }
    });
    window.addEventListener("hashchange", selectFromHash);
    selectFromHash();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
