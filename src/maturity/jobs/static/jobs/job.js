// A job's page, updated in place while the job runs (without JavaScript, the page's Refresh header
// reloads it instead). Changes worth saying (a new stage, a quarter more done, the end) are
// announced politely to screen readers; at the end the page's main content is replaced by the
// finished page, with the error summary focused if the job found problems.
import { ErrorSummary } from '../govuk/govuk-frontend.min.js'

const POLL_MS = 2000
const job = document.getElementById('job')
const announcement = document.getElementById('job-announcement')

async function fetchPage (url) {
  const response = await fetch(url, { credentials: 'same-origin', cache: 'no-store', headers: { Accept: 'text/html' } })
  if (!response.ok) throw new Error(`${url} answered ${response.status}`)
  return new DOMParser().parseFromString(await response.text(), 'text/html')
}

function announce (text) {
  if (text && text !== announcement.textContent) announcement.textContent = text
}

function finish (next) {
  const main = document.getElementById('main-content')
  main.innerHTML = next.getElementById('main-content').innerHTML
  main.querySelector('#job-announcement').replaceWith(announcement) // the live region that was listened to
  document.title = next.title
  const summary = main.querySelector('[data-module="govuk-error-summary"]')
  if (summary) {
    new ErrorSummary(summary) // focuses the summary, as on a page load
  }
  announce(main.querySelector('#job')?.dataset.announce)
}

async function poll (url) {
  let next
  try {
    next = await fetchPage(url)
  } catch (error) {
    setTimeout(() => poll(url), POLL_MS * 5) // signed out, or the server is busy: try again later
    return
  }
  const fresh = next.getElementById('job')
  if (!fresh) return
  if (!fresh.dataset.jobPoll) {
    finish(next)
    return
  }
  job.innerHTML = fresh.innerHTML
  if (fresh.dataset.announce !== job.dataset.announce) {
    job.dataset.announce = fresh.dataset.announce
    announce(fresh.dataset.announce)
  }
  setTimeout(() => poll(url), POLL_MS)
}

if (job && job.dataset.jobPoll) {
  // Stop the reload the Refresh header scheduled: this script updates the page instead.
  window.addEventListener('load', () => {
    window.stop()
    setTimeout(() => poll(job.dataset.jobPoll), POLL_MS)
  })
}
