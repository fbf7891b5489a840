// Initialise GOV.UK Frontend 6 without inline script (our CSP forbids it).
//
// Load from the base template, at the end of <body>:
//   <script type="module" src="{{ static('app/init.js') }}"></script>
//
// Module scripts only run in browsers that GOV.UK Frontend supports, so
// reaching this line is the support check that the upstream template's inline
// script makes with `'noModule' in HTMLScriptElement.prototype`.
import { initAll } from '../govuk/govuk-frontend.min.js'

document.body.classList.add('js-enabled', 'govuk-frontend-supported')
initAll()
