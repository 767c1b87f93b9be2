// "Salin tautan": copies the article's address. Without JavaScript the button stays hidden
// and the plain share links still work.
(function () {
  var item = document.querySelector(".salin-tautan");
  if (!item || !navigator.clipboard) return;
  var button = item.querySelector("button");
  var status = item.querySelector(".status-salin");
  item.hidden = false;
  button.addEventListener("click", function () {
    navigator.clipboard.writeText(button.getAttribute("data-tautan")).then(function () {
      status.textContent = "Tautan tersalin.";
    }, function () {
      status.textContent = "Tautan tidak dapat disalin; salin dari bilah alamat.";
    });
  });
})();
