-- The two-rule diff, after: at most 10 FTE, and a training place is reviewed.
policy { id = 't/ggz-2025', insurer = 'T', care = 'ggz', year = 2025, source = 'doc.txt' }
scope { section = '1', text = 't', kinds = { 'vrijgevestigde' } }
rule { 'max_fte', section = '3.1', text = 'ten hoogste 10 fte', require = at_most("fte_regiebehandelaren", 10) }
rule { 'agb', section = '3.1', text = 'persoonlijke AGB', require = is_true "personal_agb" }
rule { 'opleiding', section = '3.2', text = 'een opleidingsplek wordt beoordeeld', review_if = is_true "training_place" }
offer(function() return contract { type = 'v', section = '4', from = date "2025-01-01", to = date "2025-12-31" } end)
