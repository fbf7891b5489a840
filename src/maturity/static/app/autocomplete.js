// A long select marked `data-autocomplete` becomes GOV.UK's accessible autocomplete (a combobox
// that a screen reader announces, driven by the keyboard); without JavaScript the select works
// as it is. Loaded after accessible-autocomplete.min.js (both deferred, in order).
//
// Council names match however they are written, as the import matches buyers
// (maturity.evidence.normalise.organisation_key): "North Yorkshire Council" finds North Yorkshire,
// "City of York Council" finds York, "Brighton & Hove" finds Brighton and Hove.
(function () {
  'use strict'
  var PREFIXES = ['the ', 'london borough of ', 'royal borough of ', 'borough of ', 'city and county of ',
    'city of ', 'county of ']
  var KINDS = ['council', 'borough', 'district', 'county', 'city', 'metropolitan', 'unitary']

  function key (text) {
    var words = text.toLowerCase().replace(/&/g, ' and ').replace(/'/g, '').replace(/[^a-z0-9]+/g, ' ').trim()
    var changed = true
    while (changed) {
      changed = false
      PREFIXES.forEach(function (prefix) {
        if (words.indexOf(prefix) === 0 && words.length > prefix.length) {
          words = words.slice(prefix.length)
          changed = true
        }
      })
    }
    var parts = words.split(' ')
    while (parts.length > 1 && KINDS.indexOf(parts[parts.length - 1]) >= 0) parts.pop()
    return parts.join(' ')
  }

  if (!window.accessibleAutocomplete) return
  document.querySelectorAll('select[data-autocomplete]').forEach(function (select) {
    var names = Array.prototype.filter.call(select.options, function (option) { return option.value })
      .map(function (option) { return { text: option.textContent, key: key(option.textContent) } })
    var chosen = select.options[select.selectedIndex]
    window.accessibleAutocomplete.enhanceSelectElement({
      selectElement: select,
      defaultValue: chosen && chosen.value ? chosen.textContent : '',
      minLength: 2,
      source: function (query, populate) {
        var wanted = key(query)
        var plain = query.toLowerCase().trim()
        populate(names.filter(function (name) {
          return name.key.indexOf(wanted) >= 0 || name.text.toLowerCase().indexOf(plain) >= 0
        }).map(function (name) { return name.text }))
      }
    })
  })
})()
