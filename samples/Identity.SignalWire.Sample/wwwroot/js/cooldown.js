// Progressive enhancement only: counts the resend wait down and enables the button when it ends. Without JavaScript
// the server still shows the wait, keeps the button disabled, and refuses an early resend.
document.querySelectorAll('[data-cooldown]').forEach(function (note) {
  var left = parseInt(note.getAttribute('data-cooldown'), 10);
  var form = note.closest('form');
  var button = form ? form.querySelector('button[disabled]') : null;
  var count = note.querySelector('[data-cooldown-seconds]');
  var timer = setInterval(function () {
    left -= 1;
    if (left > 0) {
      count.textContent = String(left);
      return;
    }
    clearInterval(timer);
    note.textContent = 'You can ask for a new code now.';
    if (button) {
      button.disabled = false;
    }
  }, 1000);
});
