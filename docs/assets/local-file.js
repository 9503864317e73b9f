// A classic script on every page (module scripts do not run from a file). Opened as a file
// (file://), a folder link such as "../clauses/1.2/" shows the folder's listing, not its page:
// point every link inside the site at the folder's index.html instead. Served over http(s),
// this does nothing.
(function () {
  if (location.protocol !== "file:") return;
  var OTHER = /^([a-z][a-z0-9+.-]*:|\/\/|#)/i; // another scheme or host, or a place on this page

  function pointAtIndex(root) {
    var links = root.querySelectorAll("a[href]");
    for (var i = 0; i < links.length; i++) {
      var href = links[i].getAttribute("href");
      if (OTHER.test(href)) continue;
      var cut = href.search(/[?#]/);
      var path = cut < 0 ? href : href.slice(0, cut);
      var rest = cut < 0 ? "" : href.slice(cut);
      if (path === "." || path === "..") path += "/";
      if (path.slice(-1) === "/") links[i].setAttribute("href", path + "index.html" + rest);
    }
  }

  document.addEventListener("DOMContentLoaded", function () { pointAtIndex(document); });
})();
