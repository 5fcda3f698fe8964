/* Article tools: text size (kept for the next visit), print, and gallery photos opened large
   in a dialog (Esc or the close button closes it, arrow keys move between photos). Without
   script the tools stay hidden and each photo links to its large version. */
(function () {
    "use strict";
    var root = document.documentElement;
    var KEY = "yxyp-font-size";

    function applySize(size) {
        root.classList.remove("font-large", "font-small");
        if (size) { root.classList.add("font-" + size); }
        document.querySelectorAll("[data-font-size]").forEach(function (button) {
            button.setAttribute("aria-pressed", String(button.getAttribute("data-font-size") === size));
        });
    }

    var stored = "";
    try { stored = window.localStorage.getItem(KEY) || ""; } catch (e) { stored = ""; }
    if (stored === "large" || stored === "small") { applySize(stored); }

    document.querySelectorAll("[data-article-tools]").forEach(function (tools) {
        tools.hidden = false;
    });
    document.addEventListener("click", function (event) {
        var sizeButton = event.target.closest("[data-font-size]");
        if (sizeButton) {
            var size = sizeButton.getAttribute("data-font-size");
            applySize(size);
            try { window.localStorage.setItem(KEY, size); } catch (e) { /* private mode */ }
            return;
        }
        if (event.target.closest("[data-print]")) { window.print(); }
    });

    var links = Array.prototype.slice.call(document.querySelectorAll("a[data-lightbox]"));
    if (!links.length || typeof HTMLDialogElement === "undefined") { return; }
    var dialog = document.createElement("dialog");
    dialog.className = "lightbox";
    dialog.setAttribute("aria-label", links[0].getAttribute("data-lightbox"));
    var close = document.createElement("button");
    close.type = "button";
    close.className = "lightbox__close";
    close.textContent = links[0].getAttribute("data-close-label");
    var figure = document.createElement("figure");
    var picture = document.createElement("img");
    var caption = document.createElement("figcaption");
    figure.appendChild(picture);
    figure.appendChild(caption);
    dialog.appendChild(close);
    dialog.appendChild(figure);
    document.body.appendChild(dialog);
    var current = 0;

    function show(index) {
        current = (index + links.length) % links.length;
        var link = links[current];
        var thumb = link.querySelector("img");
        picture.src = link.href;
        picture.alt = thumb ? thumb.alt : "";
        caption.textContent = link.getAttribute("data-caption") || "";
    }
    links.forEach(function (link, index) {
        link.addEventListener("click", function (event) {
            event.preventDefault();
            show(index);
            dialog.showModal();
            close.focus();
        });
    });
    close.addEventListener("click", function () { dialog.close(); });
    dialog.addEventListener("click", function (event) { if (event.target === dialog) { dialog.close(); } });
    dialog.addEventListener("keydown", function (event) {
        if (event.key === "ArrowRight") { show(current + 1); }
        if (event.key === "ArrowLeft") { show(current - 1); }
    });
    dialog.addEventListener("close", function () { links[current].focus(); });
}());
