// Tollgate's only script: sends the CSRF token with every htmx request, and keeps
// live pages honest about their connection.
document.addEventListener("htmx:configRequest", function (event) {
  var header = document.querySelector('meta[name="csrf-header"]');
  var token = document.querySelector('meta[name="csrf-token"]');
  if (header && token) {
    event.detail.headers[header.content] = token.content;
  }
});
document.addEventListener("htmx:sseOpen", function () {
  document.body.classList.remove("offline");
  var badge = document.getElementById("live-status");
  if (badge) { badge.textContent = "● Live"; badge.className = "live on"; }
});
document.addEventListener("htmx:sseError", function () {
  document.body.classList.add("offline");
  var badge = document.getElementById("live-status");
  if (badge) { badge.textContent = "○ Reconnecting…"; badge.className = "live off"; }
});
document.addEventListener("click", function (event) {
  var target = event.target.closest("[data-confirm]");
  if (target && !window.confirm(target.getAttribute("data-confirm"))) {
    event.preventDefault();
  }
});
