// The pipeline board: drag a deal card to another stage column. The move is posted to the
// card's move URL together with the board's filters; the answer redraws every column's
// count and total (and the card) out of band. A refused move puts the card back.
(function () {
  "use strict";

  function csrfToken() {
    return JSON.parse(document.body.getAttribute("hx-headers") || "{}")["X-CSRFToken"];
  }

  function showError(message) {
    const box = document.getElementById("board-error");
    if (!box) return;
    box.textContent = "The deal was not moved: " + message;
    box.hidden = false;
  }

  function move(evt) {
    if (evt.from === evt.to) return;
    const card = evt.item;
    const body = new FormData(document.getElementById("board-filters") || undefined);
    body.set("stage", evt.to.dataset.stage);
    card.classList.add("moving");
    fetch(card.dataset.moveUrl, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "X-CSRFToken": csrfToken(), "HX-Request": "true" },
    })
      .then(function (response) {
        return response.text().then(function (text) {
          if (!response.ok) throw new Error(text || response.statusText);
          return text;
        });
      })
      .then(function (html) {
        document.getElementById("board-error").hidden = true;
        htmx.swap(card, html, { swapStyle: "none" });
      })
      .catch(function (error) {
        evt.from.insertBefore(card, evt.from.children[evt.oldIndex] || null);
        showError(error.message);
      })
      .finally(function () {
        card.classList.remove("moving");
      });
  }

  function init(root) {
    root.querySelectorAll(".cards[data-stage]").forEach(function (list) {
      Sortable.create(list, {
        group: "board",
        sort: false, // a column keeps its order (biggest first); only moves between columns
        animation: 150,
        delay: 200, // on touch screens a short press starts a drag, a swipe scrolls
        delayOnTouchOnly: true,
        ghostClass: "sortable-ghost",
        onEnd: move,
      });
    });
  }

  htmx.onLoad(init);
})();
