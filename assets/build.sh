#!/usr/bin/env bash
# Rebuild the committed front-end assets of the Procurement maturity toolkit
# (`make assets`). Node.js and npm are needed only here, never to install or
# run the product: the output below is committed.
#
#   src/maturity/static/govuk/govuk-frontend.min.css   compiled from assets/scss/application.scss
#   src/maturity/static/govuk/govuk-frontend.min.js    GOV.UK Frontend ES module build (sourcemap comment removed)
#   src/maturity/static/govuk/images/                  images the CSS references + our favicon.svg
#   tests/browser/vendor/axe.min.js (+ licences)       axe-core for the browser tests
#   src/maturity/static/autocomplete/                  accessible-autocomplete (GOV.UK), for long selects
#
# Idempotent; may be run from any directory.
set -euo pipefail

ASSETS_DIR="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)"
ROOT_DIR="$(cd -- "${ASSETS_DIR}/.." && pwd)"
OUT_DIR="${ROOT_DIR}/src/maturity/static/govuk"
VENDOR_DIR="${ROOT_DIR}/tests/browser/vendor"
GOVUK_DIST="${ASSETS_DIR}/node_modules/govuk-frontend/dist/govuk"
STATIC_URL_PREFIX="/static/govuk/"
MAX_CSS_BYTES=204800 # 200 KiB

die() { echo "build.sh: error: $*" >&2; exit 1; }

command -v npm >/dev/null 2>&1 || die "npm not found (Node.js 20+ is needed to rebuild assets, not to run the product)"

cd "${ASSETS_DIR}"

# 1. Exact dependencies from package-lock.json. No install scripts are needed
#    (sass is pure JS; @parcel/watcher is only for `sass --watch`).
echo "==> npm ci (${ASSETS_DIR})"
npm ci --ignore-scripts --no-audit --no-fund --loglevel=error

govuk_version="$(node -p 'require("./node_modules/govuk-frontend/package.json").version')"
[[ "${govuk_version}" == "6.3.0" ]] || die "govuk-frontend is ${govuk_version}, expected 6.3.0 (must match govuk-frontend-jinja 4.1.0)"

# 2. Fresh output directory (it is entirely generated).
rm -rf -- "${OUT_DIR}"
mkdir -p -- "${OUT_DIR}/images" "${VENDOR_DIR}"

# 3. CSS.
echo "==> sass scss/application.scss"
./node_modules/.bin/sass \
  --no-source-map \
  --style=compressed \
  --quiet-deps \
  --load-path=node_modules \
  scss/application.scss "${OUT_DIR}/govuk-frontend.min.css"
# Make sure the file ends with a newline (nicer diffs, no "\ No newline").
[[ -z "$(tail -c 1 "${OUT_DIR}/govuk-frontend.min.css")" ]] || echo >> "${OUT_DIR}/govuk-frontend.min.css"

# 4. JS: the ES module build. Its sourcemap is ~210 KB, so it is not shipped
#    and the sourceMappingURL comment is dropped (avoids a 404 in devtools).
sed -e 's|//# sourceMappingURL=govuk-frontend\.min\.js\.map||' \
  "${GOVUK_DIST}/govuk-frontend.min.js" > "${OUT_DIR}/govuk-frontend.min.js"
[[ -z "$(tail -c 1 "${OUT_DIR}/govuk-frontend.min.js")" ]] || echo >> "${OUT_DIR}/govuk-frontend.min.js"

# 5. Images: exactly those the compiled CSS references, plus our own favicon.
#    Crown / crest / GOV.UK icons are never copied (see scss/_urls.scss).
cp -- "${ASSETS_DIR}/images/favicon.svg" "${OUT_DIR}/images/favicon.svg"
css="${OUT_DIR}/govuk-frontend.min.css"
mapfile -t urls < <(grep -o 'url([^)]*)' "${css}" | sed -e 's/^url(//' -e 's/)$//' -e 's/^["'\'']//' -e 's/["'\'']$//' | sort -u)
for url in "${urls[@]}"; do
  [[ "${url}" == data:* ]] && continue
  [[ "${url}" == "${STATIC_URL_PREFIX}"* ]] || die "CSS references ${url}, which is not under ${STATIC_URL_PREFIX}"
  rel="${url#"${STATIC_URL_PREFIX}"}"
  rel="${rel%%[?#]*}"
  case "${rel}" in
    *crown* | *crest* | images/govuk-*) die "CSS references a crown/GOV.UK image: ${url}" ;;
    images/*) ;;
    *) die "CSS references ${url}; only images/ is shipped" ;;
  esac
  if [[ ! -f "${OUT_DIR}/${rel}" ]]; then
    [[ -f "${GOVUK_DIST}/assets/${rel}" ]] || die "CSS references ${url} but ${GOVUK_DIST}/assets/${rel} does not exist"
    cp -- "${GOVUK_DIST}/assets/${rel}" "${OUT_DIR}/${rel}"
  fi
done

# 6. axe-core for the browser tests (MPL-2.0; bundles MIT-licensed code).
cp -- node_modules/axe-core/axe.min.js "${VENDOR_DIR}/axe.min.js"
cp -- node_modules/axe-core/LICENSE "${VENDOR_DIR}/axe-core-LICENSE.txt"
cp -- node_modules/axe-core/LICENSE-3RD-PARTY.txt "${VENDOR_DIR}/axe-core-LICENSE-3RD-PARTY.txt"

# 6b. GOV.UK's accessible autocomplete (MIT), for long selects (app/autocomplete.js); the
#     sourcemap comments are removed, as no map is shipped.
AUTOCOMPLETE_DIR="${ROOT_DIR}/src/maturity/static/autocomplete"
mkdir -p -- "${AUTOCOMPLETE_DIR}"
sed '/sourceMappingURL/d' node_modules/accessible-autocomplete/dist/accessible-autocomplete.min.js \
  > "${AUTOCOMPLETE_DIR}/accessible-autocomplete.min.js"
sed 's#/\*\# sourceMappingURL=.*\*/##' node_modules/accessible-autocomplete/dist/accessible-autocomplete.min.css \
  > "${AUTOCOMPLETE_DIR}/accessible-autocomplete.min.css"
cp -- node_modules/accessible-autocomplete/LICENSE.txt "${AUTOCOMPLETE_DIR}/LICENSE.txt"

# 7. Checks.
gds="$(grep -c "GDS Transport" "${css}" || true)"
[[ "${gds}" == "0" ]] || die "compiled CSS mentions GDS Transport"
grep -q '@font-face' "${css}" && die "compiled CSS contains @font-face (no font files are shipped)"
css_bytes="$(wc -c < "${css}")"
(( css_bytes < MAX_CSS_BYTES )) || die "compiled CSS is ${css_bytes} bytes (limit ${MAX_CSS_BYTES})"
if grep -rlE 'govuk-crest|govuk-icon|GDS Transport' "${OUT_DIR}" >/dev/null; then
  die "output mentions crown/crest images or GDS Transport: $(grep -rlE 'govuk-crest|govuk-icon|GDS Transport' "${OUT_DIR}")"
fi

# 8. Report.
echo "==> wrote (govuk-frontend ${govuk_version}, sass $(./node_modules/.bin/sass --version), axe-core $(node -p 'require("./node_modules/axe-core/package.json").version'))"
while IFS= read -r f; do
  printf '%10s  %s\n' "$(wc -c < "${f}")" "${f#"${ROOT_DIR}/"}"
done < <(find "${OUT_DIR}" "${VENDOR_DIR}" -type f | LC_ALL=C sort)
echo "==> url() references in CSS: ${#urls[@]}"
